"""Figures of public pages whose cost does not grow with the data or the visitors.

A public page that counts every signal or application on each request costs
more as the region's data grows, and any anonymous visitor can repeat it until
the database has no time for anyone else. Such figures are computed at most
once per period and remembered in the cache:

- `remembered(group, key, compute)` answers the figures of `key`, computed at
  most every `PUBLIC_SUMMARY_SECONDS`;
- a write that changes them calls `outdated(group)` after commit: the next
  reader after `PUBLIC_SUMMARY_MIN_SECONDS` recomputes, so a burst of writes
  costs one recount, not one per write;
- while one request recomputes (it holds a lock in the cache), the others are
  answered with the figures they had: at most one recount of a key runs at a
  time, however many visitors arrive.

Only the first reader of a key after the cache was emptied computes without a
lock of others (no figures exist to answer with). While Redis is away nothing
is remembered and every reader computes, as the pages did before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# Long enough for the slowest recount; a crashed recount frees the lock then.
_LOCK_SECONDS = 60
# How long figures are kept at all; their age is judged by the time stored.
_KEEP_SECONDS = 24 * 3600


def _entry_key(group: str, key: str) -> str:
    return f"summary:{group}:{key}"


def _outdated_key(group: str) -> str:
    return f"summary:{group}:outdated-at"


def remembered[T](group: str, key: str, compute: Callable[[], T]) -> T:
    """The figures `compute()` gives, remembered as the module says."""
    max_age = settings.PUBLIC_SUMMARY_SECONDS
    if max_age <= 0:
        return compute()
    entry_key = _entry_key(group, key)
    now = time.time()
    entry: Any = cache.get(entry_key)
    if entry is not None:
        computed_at, figures = entry
        outdated_at = cache.get(_outdated_key(group)) or 0.0
        age = now - computed_at
        stale = age >= max_age or (
            outdated_at >= computed_at and age >= settings.PUBLIC_SUMMARY_MIN_SECONDS
        )
        if not stale:
            return figures
        if not cache.add(f"{entry_key}:lock", 1, _LOCK_SECONDS):
            return figures  # another request is recounting: the figures it had
    started = time.time()
    try:
        figures = compute()
        # The time the recount started: a write committed during it makes the
        # figures outdated again.
        cache.set(entry_key, (started, figures), _KEEP_SECONDS)
    finally:
        if entry is not None:
            cache.delete(f"{entry_key}:lock")
    return figures


def outdated(group: str) -> None:
    """The figures of `group` no longer hold (call after commit)."""
    cache.set(_outdated_key(group), time.time(), _KEEP_SECONDS)


def follow(group: str, *, models: tuple = (), m2m: tuple = ()) -> None:
    """Make any write to `models` (saved or deleted, in a service or in the admin)
    and to the many-to-many `m2m` tables outdate the figures of `group`."""

    def changed(**_kwargs) -> None:
        # After commit: a recount that ran before it would not see the change.
        transaction.on_commit(lambda: outdated(group))

    for model in models:
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{group}-save-{model}")
        post_delete.connect(
            changed, sender=model, weak=False, dispatch_uid=f"{group}-delete-{model}"
        )
    for through in m2m:
        m2m_changed.connect(
            changed, sender=through, weak=False, dispatch_uid=f"{group}-m2m-{through}"
        )
