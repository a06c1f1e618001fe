"""The facilities catalogue's filters and the busy-time queries, applied inside
selectors."""

from datetime import datetime
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cooperation.filters import MunicipalityFilter
from cooperation.forms import GuardedForm
from cooperation.lib.widgets import FastSelect
from cooperation.models import PublicBody

from .models import (
    LONGEST_BOOKING,
    Occupancy,
    OpeningException,
    OpeningHours,
    Space,
)

HELSINKI = ZoneInfo("Europe/Helsinki")


def overlapping(starts_at, ends_at):
    """Held times that overlap [starts_at, ends_at). No booking is longer than a
    day (a booking starts and ends on the same day), so the lower bound on the
    start lets the (space, starts_at) index read only the nearby rows instead of
    every earlier booking of the space."""
    return Q(
        starts_at__lt=ends_at,
        starts_at__gt=starts_at - LONGEST_BOOKING,
        ends_at__gt=starts_at,
    )


def available_at(queryset, starts_at, ends_at):
    """Spaces free and open for the whole of [starts_at, ends_at). A whole's
    bookings are held by its parts, so a space is busy when a held time lies on
    it or on one of its parts. Opening hours are the whole's: the day's exception
    when there is one, else the weekday's hours, else (no hours set) always open."""
    local_start, local_end = starts_at.astimezone(HELSINKI), ends_at.astimezone(HELSINKI)
    day, opens, closes = local_start.date(), local_start.time(), local_end.time()
    if local_end.date() != day:
        return queryset.none()
    rules_space = Coalesce(OuterRef("parent_id"), OuterRef("pk"))
    busy_self = Occupancy.objects.filter(overlapping(starts_at, ends_at), space_id=OuterRef("pk"))
    busy_part = Occupancy.objects.filter(
        overlapping(starts_at, ends_at), space__parent_id=OuterRef("pk")
    )
    exception = OpeningException.objects.filter(space_id=rules_space, date=day)
    exception_fits = exception.filter(opens__lte=opens, closes__gte=closes)
    hours = OpeningHours.objects.filter(space_id=rules_space)
    hours_fit = hours.filter(weekday=day.weekday(), opens__lte=opens, closes__gte=closes)
    return queryset.filter(
        ~Exists(busy_self),
        ~Exists(busy_part),
        Q(Exists(exception_fits)) | (~Exists(exception) & (Exists(hours_fit) | ~Exists(hours))),
    )


class SpaceFilterForm(GuardedForm):
    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if (start or end) and not day:
            self.add_error("day", _("Give the day too."))
        if day and not (start and end):
            self.add_error("start", _("Give the start and end times."))
        elif day and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class SpaceFilter(django_filters.FilterSet):
    municipality = MunicipalityFilter(
        label=_("Municipality or wellbeing services county"),
        to_field_name="code",
        queryset=PublicBody.objects.all(),
        empty_label=_("All municipalities and the county"),
        widget=FastSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Space.Kind.choices, empty_label=_("All kinds")
    )
    capacity = django_filters.NumberFilter(
        label=_("At least this many people"),
        field_name="capacity",
        lookup_expr="gte",
        min_value=1,
        max_value=100000,
    )
    accessibility = django_filters.MultipleChoiceFilter(
        label=_("Accessibility"),
        choices=Space.ACCESSIBILITY,
        widget=forms.CheckboxSelectMultiple,
        method="filter_accessibility",
    )
    free = django_filters.BooleanFilter(
        label=_("Free of charge for NGOs"),
        method="filter_free",
        widget=forms.CheckboxInput,
    )
    day = django_filters.DateFilter(
        label=_("Free on (d.m.yyyy)"),
        method="filter_nothing",
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
    )
    start = django_filters.TimeFilter(
        label=_("from (hh.mm)"), method="filter_nothing", input_formats=["%H.%M", "%H:%M"]
    )
    end = django_filters.TimeFilter(
        label=_("until (hh.mm)"), method="filter_nothing", input_formats=["%H.%M", "%H:%M"]
    )

    class Meta:
        model = Space
        fields = ["municipality", "kind", "capacity", "accessibility", "free", "day"]
        form = SpaceFilterForm

    def filter_accessibility(self, queryset, name, value):
        return queryset.filter(**dict.fromkeys(value, True))

    def filter_free(self, queryset, name, value):
        return queryset.filter(ngo_price=Space.Price.FREE) if value else queryset

    def filter_nothing(self, queryset, name, value):
        # Day and times are read together in filter_queryset.
        return queryset

    def asked_time(self):
        """The asked time as instants, or None when no day was given."""
        data = self.form.cleaned_data
        if not data.get("day"):
            return None
        return (
            datetime.combine(data["day"], data["start"], tzinfo=HELSINKI),
            datetime.combine(data["day"], data["end"], tzinfo=HELSINKI),
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        times = self.asked_time()
        if times:
            queryset = available_at(queryset, *times)
        return queryset
