"""The register's filters, applied inside selectors."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.filters import MunicipalityFilter
from cooperation.lib.queries import filter_related, related_ids
from cooperation.lib.widgets import FastSelect
from cooperation.models import Organisation, PublicBody, Theme

from .models import Agreement


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Organisation or title"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    municipality = MunicipalityFilter(
        label=_("Municipality or wellbeing services county"),
        to_field_name="code",
        queryset=PublicBody.objects.all(),
        empty_label=_("All municipalities and the county"),
        widget=FastSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Agreement.Kind.choices, empty_label=_("All kinds")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("All themes"),
        widget=FastSelect,
        method="filter_theme",
    )
    year = django_filters.NumberFilter(
        label=_("In force during the year"), method="filter_year", min_value=2000, max_value=2100
    )

    class Meta:
        model = Agreement
        fields = ["q", "municipality", "kind", "theme", "year"]

    # Many-to-many filters go through subqueries: an agreement is listed once.
    def filter_theme(self, queryset, name, value):
        return filter_related(queryset, "themes", value)

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(starts_on__lte=date(year, 12, 31)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=date(year, 1, 1))
        )

    def filter_text(self, queryset, name, value):
        for word in value.split()[:8]:
            parties = related_ids(
                Agreement, "organisations", Organisation.objects.filter(name__icontains=word)
            )
            queryset = queryset.filter(Q(title__icontains=word) | Q(pk__in=parties))
        return queryset
