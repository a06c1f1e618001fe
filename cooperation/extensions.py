"""Where feature apps add to the core's pages without the core importing them.

A feature registers a provider from its AppConfig.ready(); the core asks the
registered providers when it draws the page. Providers must not query the
database per call: they run on every page view."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Organisation
    from .permissions import AnyUser

# (organisation, user) → (link text, URL), or None to add nothing.
OrganisationLink = Callable[["Organisation", "AnyUser"], tuple[str, str] | None]

_ORGANISATION_LINKS: list[OrganisationLink] = []


def register_organisation_link(provider: OrganisationLink) -> None:
    if provider not in _ORGANISATION_LINKS:
        _ORGANISATION_LINKS.append(provider)


def organisation_links(organisation: Organisation, user: AnyUser) -> list[tuple[str, str]]:
    """The links feature apps add to an organisation's page."""
    links = (provider(organisation, user) for provider in _ORGANISATION_LINKS)
    return [link for link in links if link is not None]
