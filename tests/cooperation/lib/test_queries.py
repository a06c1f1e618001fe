"""One many-to-many filter for every app: a row is listed once, whatever it matches."""

from __future__ import annotations

import pytest

from cooperation.lib.queries import filter_related
from cooperation.models import Organisation, Theme
from tests.factories import OrganisationFactory, ThemeFactory, municipality

pytestmark = pytest.mark.django_db


def test_a_row_matching_through_several_links_is_listed_once(region_data):
    turku, salo = municipality("853"), municipality("734")
    both = OrganisationFactory(name="Molemmat ry", municipalities=[turku, salo])
    OrganisationFactory(name="Vain Salo ry", municipalities=[salo])
    found = filter_related(Organisation.objects.all(), "municipalities", turku)
    assert list(found) == [both]
    by_id = filter_related(Organisation.objects.all(), "municipalities", turku.pk)
    assert list(by_id) == [both]
    either = filter_related(
        Organisation.objects.order_by("name"),
        "municipalities",
        type(turku).objects.filter(code__in=["853", "734"]),
    )
    assert [o.name for o in either] == ["Molemmat ry", "Vain Salo ry"]


def test_the_filter_keeps_the_lists_own_ordering_and_needs_no_distinct(region_data):
    culture, sport = ThemeFactory(), ThemeFactory()
    first = OrganisationFactory(name="B ry", themes=[culture, sport])
    second = OrganisationFactory(name="A ry", themes=[culture])
    found = filter_related(Organisation.objects.order_by("name"), "themes", culture)
    assert list(found) == [second, first]
    assert "DISTINCT" not in str(found.query)
    assert Theme.objects.count() >= 2
