"""Where feature apps add to the core's pages without the core importing them.

A feature registers a provider from its AppConfig.ready(); the core asks the
registered providers when it draws the page. Providers must not query the
database per call: they run on every page view."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Window
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


# (public body assessed: a municipality or the county, year) → suggestions. A
# provider reads with a few queries in all, never one per record.
EvidenceProvider = Callable[[Any, int], Iterable[EvidenceSuggestion]]

_EVIDENCE_PROVIDERS: list[EvidenceProvider] = []


def register_evidence_provider(provider: EvidenceProvider) -> None:
    if provider not in _EVIDENCE_PROVIDERS:
        _EVIDENCE_PROVIDERS.append(provider)


def evidence_suggestions(body, year: int) -> list[EvidenceSuggestion]:
    """What every registered provider offers for the subject and year."""
    return [suggestion for provider in _EVIDENCE_PROVIDERS for suggestion in provider(body, year)]


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


# --- The desk: what waits for each person ("Omat tehtävät") -----------------


@dataclass(frozen=True)
class DeskItem:
    """One thing waiting for the person, one click from where it is done.
    `when` is already written out ("saapui 1.12.2026", "määräpäivä 31.1.2027");
    `flag` marks what needs a second look ("overlaps another request")."""

    title: str
    url: str
    detail: str = ""
    when: str = ""
    flag: str = ""


@dataclass(frozen=True)
class DeskGroup:
    """A kind of work on the desk: its heading, how many there are in all and the
    oldest of them. `more_url` is the list where all of them are."""

    key: str
    heading: str
    count: int
    items: tuple[DeskItem, ...]
    more_url: str = ""

    @property
    def more(self) -> int:
        return self.count - len(self.items)


# How many items a group shows; the count says how many there are in all.
DESK_ITEMS = 8

# user → groups. A provider asks first, without a query where it can, whether the
# person has the role at all, then reads each group with `desk_group` (one or two
# queries however many items wait).
DeskProvider = Callable[["AnyUser"], Iterable[DeskGroup | None]]

_DESK_PROVIDERS: list[DeskProvider] = []


def register_desk_provider(provider: DeskProvider) -> None:
    if provider not in _DESK_PROVIDERS:
        _DESK_PROVIDERS.append(provider)


def desk_group(
    key: str,
    heading: str,
    queryset: Any,
    item: Callable[[Any], DeskItem],
    *,
    more_url: str = "",
    flags: Callable[[list], dict[Any, str]] | None = None,
) -> DeskGroup | None:
    """A group from an ordered queryset (oldest first): its first `DESK_ITEMS`
    rows and how many there are in all, in one query (the count is a window over
    the whole set, taken before the limit). None when nothing waits.
    `flags(rows)` may return {row.pk: flag} for the rows shown, in one query."""
    rows = list(queryset.annotate(desk_total=Window(Count("pk")))[:DESK_ITEMS])
    if not rows:
        return None
    marked = flags(rows) if flags else {}
    items = []
    for row in rows:
        entry = item(row)
        if row.pk in marked:
            entry = DeskItem(entry.title, entry.url, entry.detail, entry.when, marked[row.pk])
        items.append(entry)
    return DeskGroup(key, heading, rows[0].desk_total, tuple(items), more_url)


def desk_groups(user: AnyUser) -> list[DeskGroup]:
    """Everything waiting for the user, in the order the apps registered."""
    return [group for provider in _DESK_PROVIDERS for group in provider(user) if group]


# --- Notices: telling a person it is their turn ------------------------------


@dataclass(frozen=True)
class NoticeKind:
    """A kind of notice a person may get. `label` names it on the person's notice
    settings; an `always` kind (a decision, a request for more information) is
    mailed at once whatever the person chose, because the law or the process
    needs them to have it in writing."""

    key: str
    label: Any
    always: bool = False


_NOTICE_KINDS: dict[str, NoticeKind] = {}


def register_notice_kind(kind: NoticeKind) -> None:
    _NOTICE_KINDS[kind.key] = kind


def notice_kind(key: str) -> NoticeKind:
    return _NOTICE_KINDS[key]


def notice_kinds() -> list[NoticeKind]:
    return list(_NOTICE_KINDS.values())


# --- Needs and what answers them (issue 22) ----------------------------------------
#
# The signals app keeps the needs; grant applications and agreements say which they
# answer. The signals app registers where the public needs of a body are read; the
# apps that answer needs register what they hold for a need, for its trail.


@dataclass(frozen=True)
class NeedAnswer:
    """One thing directed at a need, on the need's trail."""

    kind: str  # e.g. "Grant application"
    title: str
    url: str
    on: Any = None  # the date it happened
    detail: str = ""  # its state, or the sum granted


@dataclass(frozen=True)
class NeedResult:
    """What a grant-use report or an agreement's follow-up says was done for one
    need the grant or the agreement answers: a short text and a figure."""

    need_id: int
    result: str
    figure: Any = None  # a Decimal, or None


# public body id → the public needs a record of that body may answer (a queryset).
NeedChoices = Callable[[int], Any]
# need id → what answers it (a few queries in all, not one per record).
NeedAnswerProvider = Callable[[int], Iterable[NeedAnswer]]

_NEED_CHOICES: list[NeedChoices] = []
_NEED_ANSWER_PROVIDERS: list[NeedAnswerProvider] = []


def register_need_choices(provider: NeedChoices) -> None:
    _NEED_CHOICES[:] = [provider]


def need_choices(body_id: int):
    """The public needs of the body (and of the whole region), or None while no app
    keeps needs."""
    return _NEED_CHOICES[0](body_id) if _NEED_CHOICES else None


# The same for the year's area challenges: public body id → the published area
# challenges of the body (a queryset), for grant calls to name.
_CHALLENGE_CHOICES: list[NeedChoices] = []


def register_challenge_choices(provider: NeedChoices) -> None:
    _CHALLENGE_CHOICES[:] = [provider]


def challenge_choices(body_id: int | None):
    """The published area challenges of the body (every body's when `body_id` is
    None), or None while no app keeps them."""
    return _CHALLENGE_CHOICES[0](body_id) if _CHALLENGE_CHOICES else None


# Challenge ids → {challenge id: what is directed at it}, in a query or two.
ChallengeAnswerProvider = Callable[[Iterable[int]], dict[int, list[NeedAnswer]]]
_CHALLENGE_ANSWER_PROVIDERS: list[ChallengeAnswerProvider] = []


def register_challenge_answer_provider(provider: ChallengeAnswerProvider) -> None:
    if provider not in _CHALLENGE_ANSWER_PROVIDERS:
        _CHALLENGE_ANSWER_PROVIDERS.append(provider)


def challenge_answers(challenge_ids: Iterable[int]) -> dict[int, list[NeedAnswer]]:
    """What every app directs at the challenges (grant calls), per challenge."""
    ids = list(challenge_ids)
    merged: dict[int, list[NeedAnswer]] = {}
    if not ids:
        return merged
    for provider in _CHALLENGE_ANSWER_PROVIDERS:
        for challenge_id, answers in provider(ids).items():
            merged.setdefault(challenge_id, []).extend(answers)
    return merged


def register_need_answer_provider(provider: NeedAnswerProvider) -> None:
    if provider not in _NEED_ANSWER_PROVIDERS:
        _NEED_ANSWER_PROVIDERS.append(provider)


# The group of remembered answers (cooperation.lib.summaries): each app that
# answers needs makes its writes outdate it (summaries.follow in its AppConfig).
NEED_ANSWERS = "need-answers"


def need_answers(need_id: int) -> list[NeedAnswer]:
    """What every app holds for the need, oldest first: a few queries of each app,
    remembered per need and language until a write of theirs outdates them."""
    from django.utils.translation import get_language

    from cooperation.lib import summaries

    def collect() -> list[NeedAnswer]:
        answers = [answer for provider in _NEED_ANSWER_PROVIDERS for answer in provider(need_id)]
        return sorted(answers, key=lambda answer: (answer.on is None, answer.on or 0))

    return summaries.remembered(NEED_ANSWERS, f"{need_id}:{get_language()}", collect)


# Figures of what is directed at needs, for the needs' statistics: a set of needs
# (a queryset of their ids) → {need id: {figure: value}}, in a few grouped queries.
# The figures: "calls", "applications", "granted" (grants); "statements",
# "outside_funding", "agreements" (partnerships).
NeedFiguresProvider = Callable[[Any], dict[int, dict[str, Any]]]

_NEED_FIGURES_PROVIDERS: list[NeedFiguresProvider] = []


def register_need_figures_provider(provider: NeedFiguresProvider) -> None:
    if provider not in _NEED_FIGURES_PROVIDERS:
        _NEED_FIGURES_PROVIDERS.append(provider)


def need_figures(need_ids) -> dict[int, dict[str, Any]]:
    """Every app's figures of the needs, merged per need."""
    merged: dict[int, dict[str, Any]] = {}
    for provider in _NEED_FIGURES_PROVIDERS:
        for need_id, figures in provider(need_ids).items():
            merged.setdefault(need_id, {}).update(figures)
    return merged
