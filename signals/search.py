"""Free-text search over signals.

On PostgreSQL: full-text search with the Finnish configuration where the server
has it (else "simple"), over an expression GIN index (migration 0002) that
matches `document()` exactly. On SQLite: a plain case-insensitive match, which
is fine at the size an embedded installation has.
"""

from __future__ import annotations

import re
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

_WORD = re.compile(r"[^\W\d_]{5,}")


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


@cache
def config() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'finnish'")
        return "finnish" if cursor.fetchone() else "simple"


def document() -> SearchVector:
    return SearchVector("description", config=config())


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Signals whose description matches every word of `text` (or the reference)."""
    text = text.strip()[:200]
    if not text:
        return queryset
    reference = text.upper()
    if re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", reference):
        return queryset.filter(reference=reference)
    if uses_full_text():
        query = SearchQuery(text, config=config(), search_type="websearch")
        return queryset.alias(document=document()).filter(document=query)
    for word in text.split()[:8]:
        queryset = queryset.filter(description__icontains=word)
    return queryset


def similar(queryset: QuerySet, text: str, limit: int) -> QuerySet:
    """Signals that share the most telling words of `text`, best match first."""
    words = sorted(set(_WORD.findall(text.lower())), key=len, reverse=True)[:12]
    if not words:
        return queryset.none()
    if uses_full_text():
        query = SearchQuery(" | ".join(words), config=config(), search_type="raw")
        return (
            queryset.alias(document=document())
            .filter(document=query)
            .annotate(rank=SearchRank(document(), query))
            .order_by("-rank", "-created_at")[:limit]
        )
    condition = Q()
    for word in words[:5]:
        condition |= Q(description__icontains=word)
    return queryset.filter(condition).order_by("-created_at")[:limit]
