"""Pagination whose page count does not cost a full COUNT(*) on every request."""

import hashlib
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class CachedCountPaginator(Paginator):
    """A Paginator that remembers the row count of a query for a while
    (settings.DIRECTORY_COUNT_CACHE_SECONDS, a minute by default).

    Fetching a page is an index walk that stays fast at any size; counting all
    matches is not (about 20 ms for 100,000 organisations on PostgreSQL, more
    with filters). The count is keyed by the query's SQL, so every filter
    combination and every user's visibility has its own entry. A page is never
    cut short by a stale count: it always holds up to `per_page` rows, so a new
    organisation is listed at once and only the total lags.
    """

    @cached_property
    def count(self) -> int:
        queryset = cast(QuerySet, self.object_list)
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:  # an empty queryset (.none()): nothing to count or cache
            return 0
        digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
        counted = cache.get_or_set(
            f"pagecount:{digest}",
            lambda: super(CachedCountPaginator, self).count,
            settings.DIRECTORY_COUNT_CACHE_SECONDS,
        )
        # A cache that is away answers None: count without it then.
        return counted if counted is not None else super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return Page(self.object_list[bottom : bottom + self.per_page], number, self)


class BoundedCachedCountPaginator(CachedCountPaginator):
    """A CachedCountPaginator for public pages that offers only the first
    `max_pages` pages (the newest rows): fetching page 5,000 of a million rows
    reads every row before it, and any visitor could ask for it. A later page
    number shows the last page offered."""

    max_pages = 25

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)


class CappedCountPaginator(Paginator):
    """Counts matches only up to `cap`: past it, "more than" is all a list needs.

    Counting every match of a large table is what makes a list slow as data
    grows (the whole index or table is read); counting up to a cap reads at
    most `cap` rows. Pages past the cap are not offered: narrow the filters.
    """

    cap = 1000

    @cached_property
    def count(self) -> int:
        return cast(QuerySet, self.object_list).order_by()[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    def validate_number(self, number):
        number = super().validate_number(number)
        return min(number, max(1, -(-self.cap // self.per_page)))
