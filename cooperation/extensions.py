"""Where feature apps add to the core's pages without the core importing them.

A feature registers a provider from its AppConfig.ready(); the core asks the
registered providers when it draws the page. Providers must not query the
database per call: they run on every page view."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

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


# --- Evidence for the NGO-friendly municipality checklist ------------------


class EvidenceTopic(models.TextChoices):
    """What the portal can offer as evidence for a criterion. Providers (the core and
    the feature apps) return suggestions under these topics."""

    FORUM = "forum", _("NGO forums")
    LIAISON = "liaison", _("liaison persons")
    COUNCILS = "councils", _("statutory councils")
    GUIDING_DOCUMENTS = "guiding_documents", _("guiding documents")
    PROFILES = "profiles", _("organisations' profiles")
    GRANT_CALLS = "grant_calls", _("grant calls")
    GRANT_GUIDELINES = "grant_guidelines", _("grant guidelines")
    # Stored as "premises" since issue 7; the catalogue is "facilities" everywhere else.
    FACILITIES = "premises", _("premises")


@dataclass(frozen=True)
class EvidenceSuggestion:
    """A record of the portal offered as evidence for the criteria of a topic
    (`EvidenceTopic`). `source` names the record for good ("grants.call:12"): the
    assessor's acceptance or rejection is remembered under it."""

    topic: str
    source: str
    title: str
    url: str = ""
    detail: str = ""


# (municipality or None, county or None, year) → suggestions. A provider reads
# with a few queries in all, never one per record.
EvidenceProvider = Callable[[Any, Any, int], Iterable[EvidenceSuggestion]]

_EVIDENCE_PROVIDERS: list[EvidenceProvider] = []


def register_evidence_provider(provider: EvidenceProvider) -> None:
    if provider not in _EVIDENCE_PROVIDERS:
        _EVIDENCE_PROVIDERS.append(provider)


def evidence_suggestions(municipality, county, year: int) -> list[EvidenceSuggestion]:
    """What every registered provider offers for the subject and year."""
    return [
        suggestion
        for provider in _EVIDENCE_PROVIDERS
        for suggestion in provider(municipality, county, year)
    ]


# --- Personal data: what a person may download, forget and how long it is kept ---


@dataclass(frozen=True)
class PersonalDataProvider:
    """What one app keeps about people, for the privacy pages and the retention job.

    - `export(user)`: the user's data in this app, as {section title: [rows]} where
      a row is a dict of plain values (it goes into the download as JSON);
    - `forget(user)` (optional): runs inside the account deletion's transaction; removes the
      person's own data and leaves the records the city must keep, which then
      point at the anonymised account;
    - `retain(now, days)` (optional): carries out this app's retention rules (`days` is
      settings.PERSONAL_DATA_RETENTION_DAYS); returns {rule: rows changed}. Must be
      idempotent: a second run changes nothing.
    """

    name: str
    export: Callable[[Any], dict[str, list[dict]]]
    forget: Callable[[Any], None] | None = None
    retain: Callable[[Any, dict[str, int]], dict[str, int]] | None = None


_PERSONAL_DATA_PROVIDERS: dict[str, PersonalDataProvider] = {}


def register_personal_data_provider(provider: PersonalDataProvider) -> None:
    _PERSONAL_DATA_PROVIDERS[provider.name] = provider


def personal_data_providers() -> list[PersonalDataProvider]:
    return list(_PERSONAL_DATA_PROVIDERS.values())
