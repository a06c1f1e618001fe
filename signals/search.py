"""Free-text search over signals.

On PostgreSQL: full-text search with the Finnish configuration where the server
has it (else "simple") over a stored `search_document` column with a GIN index
(migration 0002; Django's models do not know the column, it is PostgreSQL's
own). Lists show the newest matches first, and two query shapes keep that fast
at a million signals whatever the words:

- a word frequent among the newest PROBE_ROWS signals: the list walks the
  recency index and tests each row, so it stops after one page; the test is
  written as a function call, which the planner cannot send to the GIN index
  (that would fetch every match to sort them);
- otherwise few matches (at most FEW): the GIN index finds them all, and they
  are sorted.

On SQLite: a plain case-insensitive match, fine at an embedded installation's size.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

FEW = 1000
PROBE_ROWS = 2000
PAGE_ROWS = 50
SIMILAR_CANDIDATES = 500
SIMILAR_YEARS = 2
_WORD = re.compile(r"\w+")
_TELLING_WORD = re.compile(r"[^\W\d_]{5,}")
_REFERENCE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")
_COLUMN = '"signals_signal"."search_document"'


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


@cache
def config() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'finnish'")
        return "finnish" if cursor.fetchone() else "simple"


def _matches(query: str, *, indexable: bool = True) -> RawSQL:
    template = (
        f"{_COLUMN} @@ to_tsquery(%s::regconfig, %s)"
        if indexable
        else f"ts_match_vq({_COLUMN}, to_tsquery(%s::regconfig, %s))"
    )
    # Our SQL, the user's words bound as a parameter.
    return RawSQL(template, (config(), query), output_field=BooleanField())  # noqa: S611


def _words(text: str) -> list[str]:
    # Words only: tsquery operators typed by the user never reach to_tsquery.
    return _WORD.findall(text.lower())[:8]


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Signals whose description has every word of `text` (or the reference)."""
    return search_counted(queryset, text)[0]


def search_counted(queryset: QuerySet, text: str) -> tuple[QuerySet, int | None]:
    """`search`, and the number of matches when the search learnt it on the way
    (FEW + 1 standing for "more than FEW"), so that a list need not count again."""
    text = text.strip()[:200]
    if not text:
        return queryset, None
    if _REFERENCE.fullmatch(text.upper()):
        return queryset.filter(reference=text.upper()), None
    words = _words(text)
    if not words:
        return queryset, None
    if not uses_full_text():
        for word in words:
            queryset = queryset.filter(description__icontains=word)
        return queryset, None
    query = " & ".join(words)
    walking = queryset.filter(_matches(query, indexable=False))
    # A word that is frequent now fills a page among the newest rows: then
    # walking the recency index finds a page at once (and the GIN index would
    # have to fetch every match to sort them).
    newest = queryset.order_by("-created_at", "-id").values("pk")[:PROBE_ROWS]
    if walking.filter(pk__in=newest).count() >= PAGE_ROWS:
        return walking, None
    ids = list(queryset.filter(_matches(query)).order_by().values_list("pk", flat=True)[: FEW + 1])
    if len(ids) <= FEW:
        return queryset.filter(pk__in=ids), len(ids)
    # Frequent long ago, rare lately: the GIN index finds them, then they are sorted.
    return queryset.filter(_matches(query)), None


def similar(queryset: QuerySet, text: str, limit: int) -> QuerySet:
    """Signals that share the most telling words of `text`, best match first.

    Ranks at most SIMILAR_CANDIDATES matches of the last two years, so the
    suggestion costs the same however many signals there are."""
    words = sorted(set(_TELLING_WORD.findall(text.lower())), key=len, reverse=True)[:12]
    if not words:
        return queryset.none()
    if not uses_full_text():
        condition = Q()
        for word in words[:5]:
            condition |= Q(description__icontains=word)
        return queryset.filter(condition).order_by("-created_at")[:limit]
    query = " | ".join(words)
    recent = queryset.filter(created_at__gte=timezone.now() - timedelta(days=365 * SIMILAR_YEARS))
    candidates = list(
        recent.filter(_matches(query)).order_by().values_list("pk", flat=True)[:SIMILAR_CANDIDATES]
    )
    rank = RawSQL(  # noqa: S611 - our SQL, the words bound as a parameter
        f"ts_rank({_COLUMN}, to_tsquery(%s::regconfig, %s))",
        (config(), query),
        output_field=FloatField(),
    )
    return (
        queryset.filter(pk__in=candidates)
        .annotate(rank=rank)
        .order_by("-rank", "-created_at")[:limit]
    )
