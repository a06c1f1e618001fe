"""Counting SQL queries. A page's count is taken only after it answered 200: a
count of an error page or a redirect proves nothing about the page."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action) -> int:
    """How many SQL queries `action()` runs (for code that is not a page)."""
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def get_counted(client, url: str, data=None, **extra):
    """GET `url`, assert it answered 200, and return (response, the queries run)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data, **extra)
    assert response.status_code == 200, f"GET {url}: {response.status_code}, not 200"
    return response, context.captured_queries


def page_queries(client, url: str, data=None, **extra) -> int:
    """How many SQL queries the page at `url` runs; it must answer 200."""
    return len(get_counted(client, url, data, **extra)[1])
