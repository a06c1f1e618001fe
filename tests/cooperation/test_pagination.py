import uuid

import pytest

from cooperation.lib.pagination import CachedCountPaginator
from cooperation.models import Organisation
from tests.factories import OrganisationFactory
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def prefix(settings):
    """Counts are cached in this test; a fresh name prefix gives fresh cache keys."""
    settings.DIRECTORY_COUNT_CACHE_SECONDS = 60
    return f"Laskuri {uuid.uuid4().hex[:8]}"


def _queryset(prefix):
    return Organisation.objects.filter(name__startswith=prefix).order_by("name")


def test_the_count_is_remembered_per_query(prefix):
    for number in range(3):
        OrganisationFactory(name=f"{prefix} {number}")
    assert CachedCountPaginator(_queryset(prefix), 2).count == 3
    assert count_queries(lambda: CachedCountPaginator(_queryset(prefix), 2).count) == 0
    # Another filter is another query, counted on its own.
    assert CachedCountPaginator(_queryset(f"{prefix} 1"), 2).count == 1


def test_a_stale_count_never_hides_a_new_organisation(prefix):
    OrganisationFactory(name=f"{prefix} A")
    assert CachedCountPaginator(_queryset(prefix), 20).count == 1
    OrganisationFactory(name=f"{prefix} B")
    page = CachedCountPaginator(_queryset(prefix), 20).page(1)
    assert [o.name for o in page] == [f"{prefix} A", f"{prefix} B"]
