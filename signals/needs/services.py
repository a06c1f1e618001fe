"""Every write to a need: one transaction each, its line in the need's trail, and
the notices after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.errors import DomainError
from cooperation.models import Membership, OfficialRole, PublicBody, User
from cooperation.notices.services import notify
from cooperation.selectors import coordinators, holders_or_coordinators

from ..models import Signal
from .models import Need, NeedEvent, NeedFollower, NeedSignal

# The notices of needs (registered in signals.apps): to the senders of its signals
# when it is published, to its followers when it moves on, to its keepers when an
# organisation sends an observation to it.
NEED_PUBLISHED = "signals.need_published"
NEED_MOVED = "signals.need_moved"
NEED_OBSERVATION = "signals.need_observation"

FIELDS = ("title_fi", "title_sv", "summary_fi", "summary_sv", "areas", "unit")


def _event(need: Need, action: str, *, by: User | None, note: str = "", **status) -> NeedEvent:
    return NeedEvent.objects.create(need=need, action=action, actor=by, note=note[:500], **status)


def _check_unit(municipality: PublicBody | None, unit) -> None:
    if unit is not None and (municipality is None or unit.municipality_id != municipality.pk):
        raise DomainError(_("The responsible unit must be one of the need's own body."))


@transaction.atomic
def need_create(
    *,
    by: User,
    municipality: PublicBody | None,
    fields: dict,
    topics: Iterable = (),
    target_groups: Iterable = (),
    signals: Iterable[Signal] = (),
) -> Need:
    """A need being gathered, of a municipality, of the county or (no body) of the
    region, with the signals it starts from."""
    _check_unit(municipality, fields.get("unit"))
    need = Need.objects.create(
        municipality=municipality,
        created_by=by,
        **{name: fields[name] for name in FIELDS if name in fields},
    )
    need.topics.set(topics)
    need.target_groups.set(target_groups)
    _event(need, NeedEvent.Action.CREATED, by=by, to_status=need.status)
    signals = list(signals)
    if signals:
        _add(need, signals, by)
    return need


@transaction.atomic
def need_update(
    *, need: Need, by: User, fields: dict, topics: Iterable = (), target_groups: Iterable = ()
) -> Need:
    need = Need.objects.select_for_update().get(pk=need.pk)
    _check_unit(need.municipality, fields.get("unit"))
    for name in FIELDS:
        if name in fields:
            setattr(need, name, fields[name])
    need.save()
    need.topics.set(topics)
    need.target_groups.set(target_groups)
    _event(need, NeedEvent.Action.EDITED, by=by)
    return need


def _add(need: Need, signals: list[Signal], by: User) -> int:
    foreign = [
        s for s in signals if need.municipality_id and s.municipality_id != need.municipality_id
    ]
    if foreign:
        raise DomainError(
            _("Signal %(reference)s was sent to another body; it cannot feed this need.")
            % {"reference": foreign[0].reference}
        )
    have = set(NeedSignal.objects.filter(need=need).values_list("signal_id", flat=True))
    new = [s for s in signals if s.pk not in have]
    NeedSignal.objects.bulk_create(
        [NeedSignal(need=need, signal=s, added_by=by, signal_created_at=s.created_at) for s in new],
        ignore_conflicts=True,
    )
    if new:
        # The need changed: its cached counts (selectors.need_counts) are read anew.
        need.save(update_fields=["updated_at"])
        _event(
            need,
            NeedEvent.Action.SIGNALS_ADDED,
            by=by,
            note=", ".join(s.reference for s in new),
        )
    return len(new)


@transaction.atomic
def need_add_signals(*, need: Need, by: User, signals: Iterable[Signal]) -> int:
    """Gather more signals into the need; those already in it stay once. Returns how
    many were added."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status == Need.Status.CLOSED:
        raise DomainError(_("The need is closed; open it again to gather signals into it."))
    return _add(need, list(signals), by)


@transaction.atomic
def need_remove_signal(*, need: Need, by: User, signal: Signal) -> None:
    need = Need.objects.select_for_update().get(pk=need.pk)
    removed, _count = NeedSignal.objects.filter(need=need, signal=signal).delete()
    if not removed:
        raise DomainError(_("The signal is not behind this need."))
    need.save(update_fields=["updated_at"])
    _event(need, NeedEvent.Action.SIGNAL_REMOVED, by=by, note=signal.reference)


@transaction.atomic
def need_move(*, need: Need, by: User, to: str, note: str = "") -> Need:
    """Publish, answer, close or reopen, along Need.MOVES. The first publication
    tells the members of the organisations whose signals feed it."""
    # Lock the need's row only: PostgreSQL locks no row of the body's outer join.
    need = (
        Need.objects.select_for_update(of=("self",)).select_related("municipality").get(pk=need.pk)
    )
    if to not in Need.MOVES[need.status]:
        raise DomainError(
            _("A need that is %(from)s cannot become %(to)s.")
            % {"from": need.get_status_display(), "to": Need.Status(to).label}
        )
    # The whole region, like a bilingual municipality, reads in both languages.
    bilingual = need.municipality.bilingual if need.municipality else True
    if to in Need.PUBLIC and bilingual and not (need.title_sv and need.summary_sv):
        raise DomainError(_("The body is bilingual: give the title and summary in Swedish too."))
    first_publication = need.published_at is None and to in Need.PUBLIC
    before = need.status
    need.status = to
    if first_publication:
        need.published_at = timezone.now()
    need.save(update_fields=["status", "published_at", "updated_at"])
    event = _event(
        need, NeedEvent.Action.STATUS, by=by, note=note, from_status=before, to_status=to
    )
    if first_publication:
        _tell_senders(need)
    if before in Need.PUBLIC:
        _tell_followers(need, event)
    return need


def _tell_followers(need: Need, event: NeedEvent) -> None:
    notify(
        kind=NEED_MOVED,
        key=f"need-event:{event.pk}",
        users=User.objects.filter(pk__in=need.followers.values("user_id")),
        subject=gettext_lazy("The need you follow is now %(status)s: %(title)s"),
        params={"title": lambda: need.title, "status": lambda: need.get_status_display()},
        url=reverse("signals:need_detail", args=[need.pk]),
    )


@transaction.atomic
def need_follow(*, need: Need, user: User, follow: bool = True) -> None:
    """Follow a public need (or stop); following twice stays one."""
    if not follow:
        NeedFollower.objects.filter(need=need, user=user).delete()
        return
    if not need.is_public:
        raise DomainError(_("Only a published need can be followed."))
    NeedFollower.objects.get_or_create(need=need, user=user)


def check_observation(need: Need, municipality: PublicBody) -> None:
    """An observation goes to a public need, and to the need's own body."""
    if not need.is_public:
        raise DomainError(_("The need is no longer public; send the signal without it."))
    if need.municipality_id is not None and municipality.pk != need.municipality_id:
        raise DomainError(
            _("The need is %(body)s's: send the observation to %(body)s.")
            % {"body": need.municipality.name}
        )


@transaction.atomic
def need_add_observation(*, need: Need, signal: Signal, by: User | None) -> None:
    """An organisation's own observation, sent as a signal to a public need: it
    feeds the need at once, and the need's keepers are told."""
    # Lock the need's row only: PostgreSQL locks no row of the body's outer join.
    need = (
        Need.objects.select_for_update(of=("self",)).select_related("municipality").get(pk=need.pk)
    )
    check_observation(need, signal.municipality)
    NeedSignal.objects.get_or_create(need=need, signal=signal, defaults={"added_by": by})
    _event(need, NeedEvent.Action.OBSERVATION, by=by, note=signal.reference)
    if need.municipality_id is not None:
        keepers = holders_or_coordinators(OfficialRole.Role.NGO_TEAM, need.municipality_id)
    else:
        keepers = coordinators()
    notify(
        kind=NEED_OBSERVATION,
        key=f"need-observation:{need.pk}:{signal.pk}",
        users=keepers,
        subject=gettext_lazy("A new observation to the need %(title)s"),
        params={"title": lambda: need.title},
        url=reverse("signals:need_detail", args=[need.pk]),
    )


def _tell_senders(need: Need) -> None:
    organisations = Signal.objects.filter(needs=need, organisation__isnull=False).values(
        "organisation_id"
    )
    people = User.objects.filter(
        pk__in=Membership.objects.filter(organisation_id__in=organisations).values("user_id")
    )
    notify(
        kind=NEED_PUBLISHED,
        key=f"need:{need.pk}",
        users=people,
        subject=gettext_lazy("Your organisation's signals fed a published need: %(title)s"),
        detail=gettext_lazy("See what the need says and what is done about it."),
        params={"title": lambda: need.title},  # in each reader's language
        url=reverse("signals:need_detail", args=[need.pk]),
    )
