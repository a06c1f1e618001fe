"""Free-text search: the same answers whichever query shape it takes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from signals import search
from signals.models import Signal
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the query shapes are PostgreSQL's"
)


def newest_first(queryset):
    return list(queryset.order_by("-created_at", "-id").values_list("pk", flat=True))


def make(description, days_ago):
    signal = SignalFactory(description=description)
    Signal.objects.filter(pk=signal.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return signal.pk


def test_every_word_must_match_and_operators_typed_by_the_user_are_only_words(world):
    both = make("Ruoka-apua jonottavat lapsiperheet", 1)
    make("Ruoka-apua tarvitaan", 2)
    assert newest_first(search.search(Signal.objects.all(), "jonottavat ruoka-apua")) == [both]
    assert newest_first(search.search(Signal.objects.all(), "jonottavat & | ! ( :*")) == [both]
    assert newest_first(search.search(Signal.objects.all(), "!!!")) == newest_first(
        Signal.objects.all()
    )


def test_a_reference_finds_its_signal(world):
    signal = SignalFactory()
    assert list(search.search(Signal.objects.all(), signal.reference.lower())) == [signal]


@on_postgresql
@pytest.mark.parametrize("shape", ["frequent now", "few", "frequent long ago"])
def test_each_query_shape_gives_the_newest_matches_first(world, monkeypatch, shape):
    monkeypatch.setattr(search, "PROBE_ROWS", 5)
    monkeypatch.setattr(search, "PAGE_ROWS", 2)
    monkeypatch.setattr(search, "FEW", 3)
    if shape == "frequent now":
        matches = [make("yksinäisyys vaivaa", days) for days in (1, 2, 3, 4)]
    elif shape == "few":
        matches = [make("yksinäisyys vaivaa", days) for days in (3, 40)]
    else:
        matches = [make("yksinäisyys vaivaa", days) for days in (100, 101, 102, 103, 104)]
    for days in range(1, 8):
        make("pyörätiet ovat aurattu myöhään", days)
    found, count = search.search_counted(Signal.objects.all(), "yksinäisyys")
    assert newest_first(found) == matches  # made newest first
    assert count in (None, len(matches))
