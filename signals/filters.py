"""FilterSets of the signals app, applied inside selectors."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.filters import MunicipalityFilter
from cooperation.lib.queries import filter_related
from cooperation.lib.widgets import FastSelect
from cooperation.models import PublicBody, TargetGroup

from . import search
from .models import Signal, Topic


class SignalListFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Signal.Status.choices, empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Signal.Kind.choices, empty_label=_("All kinds")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        empty_label=_("All topics"),
        widget=FastSelect,
        method="filter_topic",
    )
    week = django_filters.DateFilter(
        label=_("Week starting"),
        method="filter_week",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    to_check = django_filters.BooleanFilter(
        label=_("Waiting for check"),
        method="filter_to_check",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Signal
        fields = ["q", "status", "kind", "topic", "week", "to_check"]

    def filter_text(self, queryset, name, value):
        return search.search(queryset, value)

    def filter_topic(self, queryset, name, value):
        return filter_related(queryset, "topics", value)

    def filter_week(self, queryset, name, value):
        monday = value - timedelta(days=value.weekday())
        start = timezone.make_aware(datetime.combine(monday, time.min))
        return queryset.filter(created_at__gte=start, created_at__lt=start + timedelta(days=7))

    def filter_to_check(self, queryset, name, value):
        if value:
            return queryset.filter(is_accepted=False).exclude(status=Signal.Status.REJECTED)
        return queryset


class StatisticsFilter(django_filters.FilterSet):
    municipality = MunicipalityFilter(
        label=_("Municipality or wellbeing services county"),
        to_field_name="code",
        queryset=PublicBody.objects.all(),
        empty_label=_("All municipalities and the county"),
        widget=FastSelect,
    )
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("Until"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        to_field_name="slug",
        queryset=TargetGroup.objects.all(),
        empty_label=_("All target groups"),
        widget=FastSelect,
        method="filter_target_group",
    )

    class Meta:
        model = Signal
        fields = ["municipality", "since", "until", "target_group"]

    def filter_target_group(self, queryset, name, value):
        return filter_related(queryset, "target_groups", value)
