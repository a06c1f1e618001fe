"""Figures of public pages: computed at most once a period, recounted after a
write no sooner than the minimum, and one recount at a time."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from cooperation.lib import summaries


@pytest.fixture
def remembering(own_cache):
    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    own_cache.PUBLIC_SUMMARY_MIN_SECONDS = 0
    return own_cache


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"figures": self.calls}


def test_figures_are_computed_once_a_period(remembering, monkeypatch):
    compute = Counter()
    assert summaries.remembered("g", "k", compute) == {"figures": 1}
    assert summaries.remembered("g", "k", compute) == {"figures": 1}
    assert compute.calls == 1
    # Past the period they are recounted.
    now = summaries.time.time()
    monkeypatch.setattr(summaries.time, "time", lambda: now + 301)
    assert summaries.remembered("g", "k", compute) == {"figures": 2}


def test_a_write_outdates_them_but_not_sooner_than_the_minimum(remembering, monkeypatch):
    compute = Counter()
    summaries.remembered("g", "k", compute)
    remembering.PUBLIC_SUMMARY_MIN_SECONDS = 30
    now = summaries.time.time()
    monkeypatch.setattr(summaries.time, "time", lambda: now + 1)
    summaries.outdated("g")
    assert summaries.remembered("g", "k", compute) == {"figures": 1}  # a burst costs nothing
    monkeypatch.setattr(summaries.time, "time", lambda: now + 31)
    assert summaries.remembered("g", "k", compute) == {"figures": 2}
    # Another group's figures are not touched.
    other = Counter()
    summaries.remembered("h", "k", other)
    summaries.outdated("g")
    summaries.remembered("h", "k", other)
    assert other.calls == 1


def test_while_one_request_recounts_the_others_get_the_figures_there_were(remembering):
    compute = Counter()
    summaries.remembered("g", "k", compute)
    summaries.outdated("g")
    cache.add("summary:g:k:lock", 1, 60)  # another request is recounting
    assert summaries.remembered("g", "k", compute) == {"figures": 1}
    cache.delete("summary:g:k:lock")
    assert summaries.remembered("g", "k", compute) == {"figures": 2}
    # The lock is given back after the recount.
    assert cache.get("summary:g:k:lock") is None


def test_with_no_period_every_read_computes(settings):
    settings.PUBLIC_SUMMARY_SECONDS = 0
    compute = Counter()
    summaries.remembered("g", "k", compute)
    summaries.remembered("g", "k", compute)
    assert compute.calls == 2
