"""Forms of the partnership statements. They check input; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.extensions import need_choices
from cooperation.forms import GuardedForm, GuardedModelForm
from cooperation.lib.choices import ShownNameChoiceField
from cooperation.models import PublicBody

from .models import StatementRequest
from .services import REQUEST_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(GuardedForm):
    """The first step of a request: whom to ask (the needs offered are that body's)."""

    body = ShownNameChoiceField(
        label=_("Municipality or wellbeing services county asked to be a partner"),
        queryset=PublicBody.objects.all(),
    )


class StatementRequestForm(GuardedModelForm):
    needs = forms.ModelMultipleChoiceField(
        label=_("Published needs it answers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Optional: the needs gathered from NGOs' signals that the project answers."),
    )

    class Meta:
        model = StatementRequest
        fields = ["organisation", *REQUEST_FIELDS]
        widgets = {
            "project_summary": forms.Textarea(attrs={"rows": 5}),
            "asked_commitment": forms.Textarea(attrs={"rows": 4}),
            "funder": forms.RadioSelect,
            "funder_deadline": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def __init__(self, *args, body, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:  # editing: the organisation stays
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].empty_label = None
        needs = need_choices(body.pk)
        if needs is None or not needs.exists():
            del self.fields["needs"]
        else:
            self.fields["needs"].queryset = needs
            if self.instance.pk:
                self.initial.setdefault("needs", list(self.instance.needs.all()))

    def request_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in REQUEST_FIELDS}

    def chosen_needs(self):
        return self.cleaned_data.get("needs") or ()


class EndorseForm(GuardedForm):
    endorse = forms.TypedChoiceField(
        label=_("The network's view"),
        choices=[("1", _("endorse")), ("0", _("do not endorse"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Grounds"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the network does not endorse the request."),
    )


class GiveForm(GuardedForm):
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=StatementRequest.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A letter of intent binds the city to the commitments below if the funder "
            "says yes; a statement supports the application without them."
        ),
    )
    statement = forms.CharField(
        label=_("Statement"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )
    commitments = forms.CharField(
        label=_("What the city commits to"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One commitment per line; they become the agreement's commitments."),
    )
    signer_title = forms.CharField(label=_("Your title"), max_length=200)


class DeclineForm(GuardedForm):
    reason = forms.CharField(
        label=_("Reasons for declining"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FunderForm(GuardedForm):
    positive = forms.TypedChoiceField(
        label=_("The funder's decision"),
        choices=[("1", _("positive")), ("0", _("negative"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
