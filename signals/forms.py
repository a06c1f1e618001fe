"""Forms of the signals app. They validate and explain; services do the writing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation.forms import HONEYPOT_REFUSED, GuardedForm, GuardedModelForm, HoneypotWidget
from cooperation.lib.choices import ShownNameChoiceField
from cooperation.lib.once import OnceMixin
from cooperation.lib.widgets import FastSelect
from cooperation.models import Organisation, PublicBody, TargetGroup, Unit
from cooperation.privacy.personal_data import find_in_fields

from .models import Signal, Topic
from .services import CHECKED_FIELDS, STATUS_MOVES


class SignalForm(OnceMixin, GuardedForm):
    """The signal form. Which sender fields it asks depends on how it is sent:

    - `account`: the sender chooses one of their organisations;
    - `organisation_link`: the link's organisation is fixed; a name is asked;
    - `open_link`: the municipality is fixed; organisation, name and e-mail are asked.
    """

    kind = forms.ChoiceField(
        label=_("What are you sending?"), choices=Signal.Kind.choices, widget=forms.RadioSelect
    )
    parent_reference = forms.CharField(
        label=_("Reference of the signal the proposal is for"),
        required=False,
        max_length=9,
        help_text=_("Optional, for a proposal to a signal already raised, e.g. ABCD-2345."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe the situation in general terms. Do not write residents' names, "
            "identity codes, phone numbers or e-mail addresses: names cannot be "
            "recognised automatically, and a signal must not identify anyone."
        ),
    )
    municipality = ShownNameChoiceField(
        label=_("Municipality or wellbeing services county"),
        queryset=PublicBody.objects.all(),
        widget=FastSelect,
    )
    area = forms.CharField(label=_("Area or neighbourhood"), max_length=200, required=False)
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    current_action = forms.CharField(
        label=_("What does your organisation already do about it?"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    proposal = forms.CharField(
        label=_("Your proposal"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    sender_name = forms.CharField(label=_("Your name"), max_length=200)
    sender_email = forms.EmailField(
        label=_("Your e-mail"),
        required=False,
        help_text=_("For the receipt, follow-up questions and the answer."),
    )
    sender_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)
    wants_answer = forms.BooleanField(label=_("I want an answer"), required=False, initial=True)
    homepage = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=HoneypotWidget()
    )

    def __init__(self, *args, channel: str, organisations=None, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel = channel
        self.parent = None
        if channel == Signal.Channel.ACCOUNT:
            self.fields["organisation"].queryset = organisations
            del self.fields["organisation_name"]
        else:
            del self.fields["organisation"]
        if channel == Signal.Channel.ORGANISATION_LINK:
            del self.fields["organisation_name"]
        if channel == Signal.Channel.OPEN_LINK:
            self.fields["sender_email"].required = True
        if municipality is not None:
            del self.fields["municipality"]
            self.fixed_municipality = municipality

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(HONEYPOT_REFUSED, code="honeypot")
        return ""

    def clean_parent_reference(self):
        reference = self.cleaned_data["parent_reference"].strip().upper()
        if not reference:
            return ""
        self.parent = Signal.objects.filter(reference=reference, is_accepted=True).first()
        if self.parent is None:
            raise forms.ValidationError(_("No signal has this reference. Check the reference."))
        return reference

    def clean(self):
        data = super().clean()
        typed = {name: data.get(name) or "" for name in CHECKED_FIELDS}
        for name, findings in find_in_fields(typed).items():
            for finding in findings:
                self.add_error(
                    name,
                    format_html(
                        "{} <mark>{}</mark>. {}",
                        _("Remove this %(what)s:") % {"what": finding.label},
                        finding.text,
                        _("Residents' personal data must not be sent in a signal."),
                    ),
                )
        if data.get("wants_answer") and not data.get("sender_email"):
            self.add_error("sender_email", _("Give an e-mail address to get an answer."))
        if data.get("kind") == Signal.Kind.PROPOSAL and not (
            data.get("proposal") or data.get("description")
        ):
            self.add_error("proposal", _("Write the proposal."))
        return data

    @property
    def chosen_municipality(self) -> PublicBody:
        return getattr(self, "fixed_municipality", None) or self.cleaned_data["municipality"]


class SignalCheckForm(GuardedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: it counts")), ("reject", _("Do not accept"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class TriageForm(GuardedModelForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    responsible_units = forms.ModelMultipleChoiceField(
        label=_("Responsible units"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Signal
        fields = [
            "being_done",
            "could_be_done",
            "responsible",
            "responsible_units",
            "topics",
            "answer",
            "public_summary",
            "is_published",
            "publish_description",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("being_done", "could_be_done", "responsible", "answer", "public_summary")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        signal = self.instance
        self.fields["responsible_units"].queryset = Unit.objects.filter(
            municipality_id=signal.municipality_id
        )
        moves = STATUS_MOVES[signal.status]
        self.fields["status"].choices = [("", _("Keep: %s") % signal.get_status_display())] + [
            (value, label) for value, label in Signal.Status.choices if value in moves
        ]


class ForwardForm(GuardedForm):
    email = forms.EmailField(label=_("Recipient's e-mail"))
    message = forms.CharField(
        label=_("Questions and message"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    language = forms.ChoiceField(label=_("Language of the mail"), choices=settings.LANGUAGES)


class ForwardAnswerForm(GuardedForm):
    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class RelateForm(GuardedForm):
    reference = forms.CharField(label=_("Reference of the related signal"), max_length=9)


class LinkForm(GuardedForm):
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        required=False,
        help_text=_("For yourselves, e.g. where the link is shared."),
    )
