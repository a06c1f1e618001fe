"""Forms of facility bookings. They validate and explain; the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.forms import GuardedForm
from cooperation.lib.once import OnceMixin
from cooperation.models import Organisation

from .services import MAX_SERIES_DAYS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class BookingRequestForm(OnceMixin, GuardedForm):
    ONCE, WEEKLY = "once", "weekly"

    organisation = forms.ModelChoiceField(
        label=_("For the organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    repeat = forms.ChoiceField(
        label=_("How often"),
        choices=[(ONCE, _("Once")), (WEEKLY, _("Every week (a weekly group)"))],
        widget=forms.RadioSelect,
        initial=ONCE,
    )
    day = forms.DateField(label=_("Date (the first date of a weekly series)"), widget=DATE)
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays of the series"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    last_day = forms.DateField(label=_("Last date of the series"), widget=DATE, required=False)
    purpose = forms.CharField(
        label=_("What the space is booked for"),
        max_length=300,
        help_text=_("For example: the peer group for family carers. Do not write names."),
    )
    participants = forms.IntegerField(
        label=_("Number of participants"), min_value=1, max_value=100000
    )
    free_requested = forms.BooleanField(label=_("We ask for free use"), required=False)
    free_reason = forms.CharField(
        label=_("Why the use should be free of charge"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("repeat") == self.WEEKLY:
            if not data.get("weekdays"):
                self.add_error("weekdays", _("Choose at least one weekday."))
            last, first = data.get("last_day"), data.get("day")
            if not last:
                self.add_error("last_day", _("Give the last date of the series."))
            elif first and last < first:
                self.add_error("last_day", _("The last date cannot be before the first."))
            elif first and (last - first).days > MAX_SERIES_DAYS:
                self.add_error("last_day", _("A weekly series lasts a year at most."))
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("A booking must end after it starts."))
        if data.get("free_requested") and not (data.get("free_reason") or "").strip():
            self.add_error("free_reason", _("Say why the use should be free of charge."))
        return data


class DecisionForm(GuardedForm):
    APPROVE, DECLINE = "approve", "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
    )
    grant_free = forms.BooleanField(label=_("Grant free use as asked"), required=False)
    reason = forms.CharField(
        label=_("Reason (required when declining)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.DECLINE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for declining."))
        return data
