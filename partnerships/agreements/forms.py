"""Forms of the agreements register. They validate and explain; services write."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cooperation.extensions import need_choices
from cooperation.forms import GuardedForm, GuardedModelForm
from cooperation.models import Organisation, Theme, Unit, User
from partnerships.facilities.models import Space

from .models import Agreement, Commitment, FollowUpEntry
from .services import AGREEMENT_FIELDS, CommitmentInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(GuardedModelForm):
    """An agreement's own fields and its parties. An agreement in force is amended:
    the reason is then required (the services refuse without one)."""

    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations that are parties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    spaces = forms.ModelMultipleChoiceField(
        label=_("Bookable spaces covered (facility partnership)"),
        queryset=Space.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("With free of charge, the parties' bookings of these spaces are free."),
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Published needs it answers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Optional: the needs gathered from NGOs' signals that the agreement answers."),
    )
    reason = forms.CharField(
        label=_("Reason for the amendment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when an agreement in force is changed: its earlier text is kept."),
    )

    class Meta:
        model = Agreement
        fields = list(AGREEMENT_FIELDS)
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "summary_fi": forms.Textarea(attrs={"rows": 3}),
            "summary_sv": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "free_of_charge_reason": forms.Textarea(attrs={"rows": 2}),
            "funder_statement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        # Parties: organisations working in the municipality, and those already parties.
        current = (
            self.instance.organisations.all() if self.instance.pk else Organisation.objects.none()
        )
        self.fields["organisations"].queryset = (
            Organisation.objects.filter(
                Q(municipalities=municipality) | Q(pk__in=current.values("pk"))
            )
            .distinct()
            .order_by("name")
        )
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality)
        self.fields["spaces"].queryset = Space.objects.filter(
            municipality=municipality
        ).select_related("parent")
        self.fields["responsible"].queryset = User.objects.filter(
            official__municipality=municipality, is_active=True
        ).order_by("full_name", "email")
        # The body's public needs (signals app, through cooperation.extensions); the
        # ones already named stay choosable after they have moved on.
        needs = need_choices(municipality.pk)
        if needs is not None and self.instance.pk:
            named = self.instance.needs.values("pk")
            needs = needs.model.objects.filter(
                Q(pk__in=needs.values("pk")) | Q(pk__in=named)
            ).order_by("title_fi", "id")
        if needs is None or not needs.exists():
            del self.fields["needs"]
        else:
            self.fields["needs"].queryset = needs
        if self.instance.pk:
            self.initial.setdefault("needs", list(self.instance.needs.all()))
            self.initial.setdefault("organisations", list(current))
            self.initial.setdefault("themes", list(self.instance.themes.all()))
            self.initial.setdefault("spaces", list(self.instance.spaces.all()))

    def chosen_needs(self):
        """The needs ticked; None when the form has no such question."""
        return self.cleaned_data.get("needs") if "needs" in self.fields else None

    def agreement_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in AGREEMENT_FIELDS}


class CommitmentForm(GuardedForm):
    party = forms.ChoiceField(label=_("Party"))
    description = forms.CharField(
        label=_("Commitment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    measure = forms.CharField(
        label=_("Measure of fulfilment"),
        max_length=300,
        required=False,
        help_text=_("For example: a weekly group, 40 meetings a year."),
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        choices=[("", "–"), *Commitment.Indicator.choices],
        required=False,
    )
    target = forms.DecimalField(
        label=_("Target figure"),
        max_digits=12,
        decimal_places=2,
        required=False,
        localize=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("9999999999"))],
    )
    reason = forms.CharField(
        label=_("Reason for the amendment"),
        max_length=2000,
        required=False,
        help_text=_("Required when the agreement is in force."),
    )

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {str(o.pk): o for o in agreement.organisations.all()}
        self.fields["party"].choices = [
            ("", agreement.municipality.name),
            *((pk, o.name) for pk, o in self.parties.items()),
        ]
        self.fields["party"].required = False

    def commitment(self) -> CommitmentInput:
        data = self.cleaned_data
        return CommitmentInput(
            description=data["description"],
            organisation=self.parties.get(data["party"]),
            measure=data["measure"],
            indicator=data["indicator"],
            target=data["target"],
        )


class StatusForm(GuardedForm):
    ACTIONS = {
        "send_to_funder": _("Send to the funder for a decision"),
        "bring_into_force": _("Bring into force"),
        "end": _("End"),
        "terminate": _("Terminate"),
    }
    action = forms.ChoiceField(label=_("Change the status"), choices=list(ACTIONS.items()))
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        help_text=_("Required when the agreement is terminated."),
    )


class FunderDecisionForm(GuardedForm):
    positive = forms.TypedChoiceField(
        label=_("The funder's decision"),
        choices=[("1", _("positive")), ("0", _("negative"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class DocumentForm(GuardedForm):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        help_text=_("Shown in the public register. Leave off for confidential documents."),
    )
    file = forms.FileField(
        label=_("File (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A PDF document of at most %(size)s.") % {
            "size": filesizeformat(settings.AGREEMENT_DOCUMENT_MAX_BYTES)
        }


class EntryForm(GuardedForm):
    """A party's report on one commitment."""

    personal_data_fields = ("note",)

    fulfilment = forms.ChoiceField(
        label=_("Fulfilment"), choices=FollowUpEntry.Fulfilment.choices, widget=forms.RadioSelect
    )
    figure = forms.DecimalField(
        label=_("Figure"),
        max_digits=12,
        decimal_places=2,
        required=False,
        localize=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("9999999999"))],
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(GuardedForm):
    personal_data_fields = ("text",)

    text = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnnualReportForm(GuardedForm):
    """The year's report and plan: a grant-use report already filed, or a PDF."""

    grant_report = forms.ModelChoiceField(
        label=_("Grant-use report filed in the portal"),
        queryset=None,
        required=False,
        empty_label=_("– none, I upload a PDF –"),
    )
    file = forms.FileField(
        label=_("Or the report and plan as a PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, grant_reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant_report"].queryset = grant_reports
        self.fields["grant_report"].label_from_instance = lambda report: (
            f"{report.application.reference} {report.application.title}"
        )
