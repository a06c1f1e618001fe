"""Rate limits of the signal forms that need no account.

A link takes at most `SIGNAL_RATE_LIMIT_PER_LINK` stored signals an hour: only
signals stored count, so that someone with the link cannot block it by posting
invalid forms. Every post, valid or not, counts towards the limit of its
address (`SIGNAL_RATE_LIMIT_PER_ADDRESS` an hour), which stops a burst from one
place. Counters: cooperation.lib.throttle.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from cooperation.lib.throttle import WINDOW_SECONDS, client_address, hit


def _link_key(scope: str) -> str:
    return f"signals:rate:stored:{scope}"


def address_allows(request: HttpRequest) -> bool:
    """Count one post from the request's address; True while within its limit."""
    return hit(
        f"signals:rate:address:{client_address(request)}", settings.SIGNAL_RATE_LIMIT_PER_ADDRESS
    )


def link_is_full(scope: str) -> bool:
    """Whether the link `scope` has taken its signals for this hour."""
    return (cache.get(_link_key(scope)) or 0) >= settings.SIGNAL_RATE_LIMIT_PER_LINK


def stored_through(scope: str) -> None:
    """Count a signal stored through the link `scope`."""
    hit(_link_key(scope), settings.SIGNAL_RATE_LIMIT_PER_LINK, WINDOW_SECONDS)
