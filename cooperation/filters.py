"""FilterSets of the core, applied inside selectors."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .lib.choices import ShownNameChoiceField
from .lib.queries import filter_related
from .lib.widgets import FastSelect
from .models import Organisation, PublicBody, TargetGroup, Theme


class MunicipalityFilter(django_filters.ModelChoiceFilter):
    """A municipality, the choices in the order of the names shown."""

    field_class = ShownNameChoiceField


class OrganisationDirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    municipality = MunicipalityFilter(
        label=_("Municipality"),
        field_name="municipalities",
        to_field_name="code",
        queryset=PublicBody.objects.municipalities(),
        empty_label=_("All municipalities"),
        widget=FastSelect,
        method="filter_municipality",
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("All themes"),
        widget=FastSelect,
        method="filter_theme",
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        to_field_name="slug",
        queryset=TargetGroup.objects.all(),
        empty_label=_("All target groups"),
        widget=FastSelect,
        method="filter_target_group",
    )

    class Meta:
        model = Organisation
        fields = ["q", "municipality", "theme", "target_group"]

    # Many-to-many filters go through a subquery so that an organisation is
    # listed once, whatever it matches.
    def filter_municipality(self, queryset, name, value):
        return filter_related(queryset, "municipalities", value)

    def filter_theme(self, queryset, name, value):
        return filter_related(queryset, "themes", value)

    def filter_target_group(self, queryset, name, value):
        return filter_related(queryset, "target_groups", value)

    def filter_text(self, queryset, name, value):
        words = value.split()[:8]
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(description_fi__icontains=word)
                | Q(description_sv__icontains=word)
                | Q(description_en__icontains=word)
            )
        return queryset
