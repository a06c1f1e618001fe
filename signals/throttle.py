"""Rate limits for the signal forms that need no account: per link and per address.

Counters live in the cache (Redis in production) in fixed windows of an hour.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600


def _hit(key: str, limit: int) -> bool:
    """Count one use; True while within the limit."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        used = 1
    return used <= limit


def client_address(request: HttpRequest) -> str:
    # Behind the proxy of docker-compose the address comes from the proxy's header
    # only when the deployment says it can be trusted.
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow_submission(request: HttpRequest, scope: str) -> bool:
    """One submission through `scope` (a link) from the request's address."""
    per_scope = _hit(f"signals:rate:scope:{scope}", settings.SIGNAL_RATE_LIMIT_PER_LINK)
    per_address = _hit(
        f"signals:rate:address:{client_address(request)}", settings.SIGNAL_RATE_LIMIT_PER_ADDRESS
    )
    return per_scope and per_address
