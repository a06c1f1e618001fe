"""Rate limits of the signal forms that need no account.

What counts is signals taken: a link takes at most `SIGNAL_RATE_LIMIT_PER_LINK`
an hour and one address sends at most `SIGNAL_RATE_LIMIT_PER_ADDRESS`, so a
volunteer whose text was refused for personal data, and who fixes it, is not
held back by the refusals. Posts that store nothing are only counted against a
much higher ceiling (`SIGNAL_RATE_LIMIT_POSTS_PER_ADDRESS`), which stops a bot
from hammering the form. The address is the client's: behind a reverse proxy
set `TRUSTED_PROXIES` (cooperation.lib.throttle), or the whole region is one
address. Counters: cooperation.lib.throttle.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from cooperation.lib.throttle import WINDOW_SECONDS, client_address, hit


def _link_key(scope: str) -> str:
    return f"signals:rate:stored:{scope}"


def _address_key(request: HttpRequest) -> str:
    return f"signals:rate:stored-from:{client_address(request)}"


def post_allowed(request: HttpRequest) -> bool:
    """Count one post from the request's address against the ceiling of posts."""
    return hit(
        f"signals:rate:posts:{client_address(request)}",
        settings.SIGNAL_RATE_LIMIT_POSTS_PER_ADDRESS,
    )


def is_full(request: HttpRequest, scope: str) -> bool:
    """Whether the link `scope`, or the request's address, has taken its
    signals for this hour."""
    return (cache.get(_link_key(scope)) or 0) >= settings.SIGNAL_RATE_LIMIT_PER_LINK or (
        cache.get(_address_key(request)) or 0
    ) >= settings.SIGNAL_RATE_LIMIT_PER_ADDRESS


def stored_through(request: HttpRequest, scope: str) -> None:
    """Count a signal taken through the link `scope` from the request's address."""
    hit(_link_key(scope), settings.SIGNAL_RATE_LIMIT_PER_LINK, WINDOW_SECONDS)
    hit(_address_key(request), settings.SIGNAL_RATE_LIMIT_PER_ADDRESS, WINDOW_SECONDS)
