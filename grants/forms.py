"""Forms of the grants app. They validate and explain; services do the writing."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cooperation.forms import GuardedForm
from cooperation.lib.choices import ShownNameChoiceField, ShownNameMultipleChoiceField
from cooperation.lib.once import OnceMixin
from cooperation.models import PublicBody, TargetGroup, Theme

from .models import Application, AttachmentKind, BudgetLine, Criterion
from .services import DecisionRecord, LineInput

MAX_AMOUNT = Decimal("9999999999.99")


def money_field(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
        localize=True,
        **kwargs,
    )


class ApplicationStartForm(OnceMixin, GuardedForm):
    personal_data_fields = ("title",)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Project or activity"), max_length=200)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ApplicationForm(GuardedForm):
    """The activity, and the amount applied for."""

    personal_data_fields = ("title", "purpose")

    title = forms.CharField(label=_("Project or activity"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What will be done, for whom, and what it is expected to achieve."),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipalities = ShownNameMultipleChoiceField(
        label=_("Municipalities where the activity takes place"),
        queryset=PublicBody.objects.municipalities(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of correspondence and of the decision"), choices=settings.LANGUAGES
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Published needs it answers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Optional: the needs gathered from NGOs' signals that the activity answers."),
    )

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The public needs of the call's body (signals app); none: no question.
        if needs is None or not needs.exists():
            del self.fields["needs"]
        else:
            self.fields["needs"].queryset = needs


class FundingForm(GuardedForm):
    personal_data_fields = ("other_funding",)
    requested_amount = money_field(_("Amount applied for (€)"))
    other_funding = forms.CharField(
        label=_("Other funding sought or received"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Funder, amount and whether it is decided."),
    )


class BudgetLineForm(GuardedForm):
    personal_data_fields = ("description",)
    kind = forms.ChoiceField(label=_("Cost or income"), choices=BudgetLine.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    amount = money_field(_("Amount (€)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("description") and data.get("amount") is None:
            self.add_error("amount", _("Give the amount of this line."))
        if data.get("amount") is not None and not data.get("description"):
            self.add_error("description", _("Describe this line."))
        return data


class BaseBudgetFormSet(forms.BaseFormSet):
    def lines(self) -> list[LineInput]:
        """The filled-in lines, in order; empty rows are left out."""
        return [
            LineInput(
                form.cleaned_data["kind"],
                form.cleaned_data["description"],
                form.cleaned_data["amount"],
            )
            for form in self.forms
            if form.cleaned_data.get("description") and not form.cleaned_data.get("DELETE")
        ]


BudgetFormSet = forms.formset_factory(
    BudgetLineForm,
    formset=BaseBudgetFormSet,
    extra=3,
    max_num=60,
    validate_max=True,
    can_delete=True,
)


def budget_initial(lines) -> list[dict]:
    return [
        {"kind": line.kind, "description": line.description, "amount": line.amount}
        for line in lines
    ]


class AttachmentForm(GuardedForm):
    kind = forms.ChoiceField(label=_("Kind of attachment"), choices=AttachmentKind.choices)
    file = forms.FileField(
        label=_("File (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A PDF document of at most %(size)s.") % {
            "size": filesizeformat(settings.GRANT_ATTACHMENT_MAX_BYTES)
        }


class RequestInfoForm(GuardedForm):
    sections = forms.MultipleChoiceField(
        label=_("Parts to reopen"),
        choices=Application.Section.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("What do you need from the applicant?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ScreenForm(GuardedForm):
    eligible = forms.TypedChoiceField(
        label=_("Screening"),
        choices=[("1", _("Eligible: on to review")), ("0", _("Not eligible"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class EndorseForm(GuardedForm):
    endorse = forms.TypedChoiceField(
        label=_("The network's statement"),
        choices=[("1", _("Endorsed")), ("0", _("Not endorsed"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Grounds"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenEndorsementForm(GuardedForm):
    reason = forms.CharField(
        label=_("Why the network takes it up again"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


NOT_APPLICABLE = "na"
SCORE_CHOICES = [(str(value), str(value)) for value in range(6)] + [
    (NOT_APPLICABLE, _("not applicable"))
]


class ReviewForm(GuardedForm):
    """A score (0 to 5, or not applicable) and a comment per criterion of the call."""

    comment = forms.CharField(
        label=_("Overall comment"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria: list[Criterion], submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=_("Score: %(criterion)s (weight %(weight)s)")
                % {"criterion": criterion.name, "weight": criterion.weight},
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect,
                required=submitting,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment: %(criterion)s") % {"criterion": criterion.name},
                max_length=1000,
                required=False,
            )

    def rows(self):
        """(criterion, its score field, its comment field), for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        scores = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"score_{criterion.pk}")
            if not value:
                continue
            scores[criterion.pk] = (
                None if value == NOT_APPLICABLE else int(value),
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
        return scores


class DecisionForm(GuardedForm):
    """A decision as a municipal decision: what is decided and why, who decides,
    when and under which section, the payment terms and whom to ask."""

    grant = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Grant")), ("0", _("Reject"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    amount = money_field(_("Granted amount (€)"), required=False)
    conditions = forms.CharField(
        label=_("Conditions"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The letter lists the call's criteria before it."),
    )
    payment_terms = forms.CharField(
        label=_("Payment terms"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Of a grant; the call's terms to begin with."),
    )
    decision_maker = forms.CharField(
        label=_("Deciding body or official"),
        max_length=200,
        help_text=_("For example the welfare board, or the official's name."),
    )
    decision_maker_title = forms.CharField(label=_("Title"), max_length=200, required=False)
    decision_date = forms.DateField(label=_("Date of the decision"))
    decision_section = forms.CharField(
        label=_("Section or number"),
        max_length=40,
        help_text=_("As in the minutes or the register of decisions, e.g. § 45 or 12/2026."),
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=300,
        help_text=_("Name and how to reach them, shown in the letter."),
    )

    def clean(self):
        data = super().clean()
        if data.get("grant") and not data.get("amount"):
            self.add_error("amount", _("Give the granted amount."))
        return data

    def record(self) -> DecisionRecord:
        data = self.cleaned_data
        return DecisionRecord(
            decision_maker=data["decision_maker"],
            decision_maker_title=data["decision_maker_title"],
            decision_date=data["decision_date"],
            decision_section=data["decision_section"],
            contact_person=data["contact_person"],
            payment_terms=data["payment_terms"],
        )


class ReportForm(GuardedForm):
    personal_data_fields = ("what_was_done", "next_year_plan")

    what_was_done = forms.CharField(
        label=_("What was done"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )
    next_year_plan = forms.CharField(
        label=_("Next year's action and financial plan"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required of development partnerships."),
    )


class ReportReviewForm(GuardedForm):
    approve = forms.TypedChoiceField(
        label=_("Report"),
        choices=[("1", _("Approve")), ("0", _("Return for changes"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the organisation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatisticsForm(GuardedForm):
    """Which grants to count and how to break them down. Bad values fall back to
    the defaults: the page always shows something."""

    dimension = forms.ChoiceField(
        label=_("Break down by"),
        choices=[
            ("municipality", _("municipality or wellbeing services county")),
            ("theme", _("theme")),
            ("size", _("size of the organisation")),
        ],
        required=False,
    )
    municipality = ShownNameChoiceField(
        label=_("Municipality or wellbeing services county"),
        queryset=PublicBody.objects.all(),
        required=False,
        empty_label=_("All municipalities and the county"),
    )
    year_from = forms.IntegerField(
        label=_("From year"), min_value=2000, max_value=2100, required=False
    )
    year_to = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", _("The last year cannot be before the first."))
        return data

    def filters(self) -> dict:
        """The filters to apply: the valid ones the reader gave (the form shows why
        the others were left out)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "dimension": data.get("dimension") or "municipality",
            "municipality": data.get("municipality"),
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
        }
