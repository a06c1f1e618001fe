"""A ceiling on the time one web request's SQL statement may take.

A page whose query runs for seconds holds a web worker and a database
connection for as long; a few such requests in a loop leave nobody else either.
The web processes (config/wsgi.py, config/asgi.py) set PostgreSQL's
`statement_timeout` on each connection they open, so a statement that runs
past `WEB_STATEMENT_TIMEOUT_MS` is cancelled and the visitor is answered
"busy, try again" (503, cooperation.middleware.BusyMiddleware). The Celery
worker, beat and management commands (migrations, the demo data, recounts)
are not limited: their work is long on purpose. SQLite has no such setting; it
serves one installation's own trials, not a region.
"""

from __future__ import annotations

from django.conf import settings
from django.db.backends.signals import connection_created


def _limit(sender, connection, **_kwargs) -> None:
    milliseconds = settings.WEB_STATEMENT_TIMEOUT_MS
    if connection.vendor == "postgresql" and milliseconds > 0:
        with connection.cursor() as cursor:
            # SET takes no parameters: the value is an int from the settings.
            cursor.execute(f"SET statement_timeout = {int(milliseconds)}")


def limit_web_statements() -> None:
    """Limit the statements of every connection this process opens from now on."""
    connection_created.connect(_limit, dispatch_uid="kumppani-web-statement-timeout")


def is_statement_timeout(error: BaseException) -> bool:
    """Whether `error` is PostgreSQL cancelling a statement that ran too long."""
    try:
        from psycopg.errors import QueryCanceled
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(error, QueryCanceled) or isinstance(error.__cause__, QueryCanceled)
