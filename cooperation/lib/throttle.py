"""Rate limits of the forms that need no account, and the client address every
limit (allauth's login limits included, cooperation.adapters) counts by.

Counters live in the cache (Redis in production) in fixed windows. Behind a
reverse proxy every request comes from the proxy's address, so a limit per
address would see the whole region as one visitor: `X-Forwarded-For` is
believed only when the request comes from an address of `TRUSTED_PROXIES`
(addresses or networks), and then only as far as the nearest address that is
not a trusted proxy, which a client cannot forge.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

WINDOW_SECONDS = 3600
# Shown above the form, which keeps what was typed, with the status 429.
TOO_MANY_POSTS = _(
    "Very many posts have come from your address or to this form within the last hour. "
    "Nothing was sent; what you wrote is kept below. Please try again in an hour."
)


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(
        ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip()
    )


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The address of the client: REMOTE_ADDR, or behind trusted proxies the
    last address of X-Forwarded-For that is not one of them."""
    address = request.META.get("REMOTE_ADDR", "")
    if not _trusted(address):
        return address
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    for hop in reversed([part for part in forwarded if part]):
        if not _trusted(hop):
            return hop
        address = hop
    return address


def hit(key: str, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one use of `key`; True while within `limit` in the window."""
    cache.add(key, 0, window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is away
        cache.set(key, 1, window)
        used = 1
    return used <= limit


def allow(
    request: HttpRequest, *, what: str, target: str, per_target: int, per_address: int
) -> bool:
    """One use of the form `what` towards `target` (a forum, an inbox, a link)
    from the request's address. Both counters count, so that neither a flood
    from one address nor one spread over many reaches the target unbounded."""
    per_target_ok = hit(f"throttle:{what}:target:{target}", per_target)
    per_address_ok = hit(f"throttle:{what}:address:{client_address(request)}", per_address)
    return per_target_ok and per_address_ok
