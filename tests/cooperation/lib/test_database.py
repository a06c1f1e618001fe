"""No web request's statement holds the database for seconds; the visitor is
told the service is busy."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection, transaction
from django.test import RequestFactory
from django.utils import translation

from cooperation.lib import database
from cooperation.middleware import BusyMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_a_web_connection_cancels_a_statement_that_runs_too_long(settings):
    settings.WEB_STATEMENT_TIMEOUT_MS = 100
    database._limit(sender=None, connection=connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "100ms"
        with (
            pytest.raises(OperationalError) as cancelled,
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT pg_sleep(2)")
        assert database.is_statement_timeout(cancelled.value)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def test_only_the_web_processes_connect_the_limit():
    from django.db.backends.signals import connection_created

    # The test run (like the worker and the commands) has not connected it.
    assert not any(
        receiver_id[0] == "kumppani-web-statement-timeout"
        for receiver_id, *_ in connection_created.receivers
    )


def test_a_cancelled_statement_is_answered_busy_in_the_visitors_language():
    from psycopg.errors import QueryCanceled

    error = OperationalError("canceling statement due to statement timeout")
    error.__cause__ = QueryCanceled("canceling statement due to statement timeout")
    middleware = BusyMiddleware(lambda request: None)
    request = RequestFactory().get("/signals/topics/")
    with translation.override("fi"):
        response = middleware.process_exception(request, error)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    text = response.content.decode()
    assert "Palvelu on ruuhkautunut" in text
    assert "Yritä hetken kuluttua uudelleen" in text
    # Any other database error is not disguised as a busy service.
    assert middleware.process_exception(request, OperationalError("disk full")) is None
