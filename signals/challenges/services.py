"""Every write of the area challenges: one transaction each; publishing tells the
followers of the needs behind the challenges, after the commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.errors import DomainError
from cooperation.models import User
from cooperation.notices.services import notify

from ..needs.models import Need, NeedFollower
from .models import AreaChallenge, ChallengeEdition, ChallengeEvent

# Notice kind (registered in signals/apps.py).
CHALLENGES_PUBLISHED = "signals.challenges_published"

EDITION_FIELDS = ("introduction_fi", "introduction_sv", "workshop")
CHALLENGE_FIELDS = ("area", "title_fi", "title_sv", "description_fi", "description_sv")


def _event(edition: ChallengeEdition, action: str, *, by: User | None, note: str = "") -> None:
    ChallengeEvent.objects.create(edition=edition, action=action, actor=by, note=note[:500])


def _check_workshop(edition: ChallengeEdition) -> None:
    if edition.workshop is not None and edition.workshop.municipality_id != edition.municipality_id:
        raise DomainError(_("The workshop must be an NGO forum of the same body."))


def _check_needs(edition: ChallengeEdition, needs: list[Need]) -> None:
    for need in needs:
        if need.municipality_id not in (None, edition.municipality_id) or not need.is_public:
            raise DomainError(_("Choose the needs from the body's published needs."))


def edition_create(*, by: User, municipality, year: int, fields: dict) -> ChallengeEdition:
    edition = ChallengeEdition(
        municipality=municipality,
        year=year,
        created_by=by,
        **{key: value for key, value in fields.items() if key in EDITION_FIELDS},
    )
    _check_workshop(edition)
    try:
        with transaction.atomic():
            edition.save()
            _event(edition, ChallengeEvent.Action.CREATED, by=by)
    except IntegrityError:
        raise DomainError(_("The body already has this year's area challenges.")) from None
    return edition


def edition_update(*, edition: ChallengeEdition, by: User, fields: dict) -> ChallengeEdition:
    with transaction.atomic():
        edition = ChallengeEdition.objects.select_for_update().get(pk=edition.pk)
        for key, value in fields.items():
            if key in EDITION_FIELDS:
                setattr(edition, key, value)
        _check_workshop(edition)
        edition.save()
        _event(edition, ChallengeEvent.Action.CHANGED, by=by)
    return edition


def challenge_save(
    *,
    edition: ChallengeEdition,
    by: User,
    fields: dict,
    needs: Iterable[Need] = (),
    challenge: AreaChallenge | None = None,
) -> AreaChallenge:
    """Add a challenge to the edition, or change one; a published edition stays
    editable (the experts correct it), and its page shows the change at once."""
    needs = list(needs)
    _check_needs(edition, needs)
    with transaction.atomic():
        action = ChallengeEvent.Action.CHALLENGE_CHANGED
        if challenge is None:
            challenge = AreaChallenge(edition=edition, position=edition.challenges.count() + 1)
            action = ChallengeEvent.Action.CHALLENGE_ADDED
        elif challenge.edition_id != edition.pk:
            raise DomainError(_("The challenge belongs to another year's edition."))
        for key in CHALLENGE_FIELDS:
            if key in fields:
                setattr(challenge, key, (fields[key] or "").strip())
        if not challenge.area or not challenge.title_fi or not challenge.description_fi:
            raise DomainError(_("Give the area, and the title and description in Finnish."))
        challenge.save()
        challenge.needs.set(needs)
        _event(edition, action, by=by, note=f"{challenge.area}: {challenge.title_fi}")
    return challenge


def challenge_remove(*, challenge: AreaChallenge, by: User) -> None:
    with transaction.atomic():
        _event(
            challenge.edition,
            ChallengeEvent.Action.CHALLENGE_REMOVED,
            by=by,
            note=f"{challenge.area}: {challenge.title_fi}",
        )
        challenge.delete()


def edition_publish(*, edition: ChallengeEdition, by: User) -> ChallengeEdition:
    """Publish the year's challenges: its page becomes public and the followers of
    the needs behind them are told (once)."""
    with transaction.atomic():
        edition = (
            ChallengeEdition.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .get(pk=edition.pk)
        )
        if edition.is_public:
            raise DomainError(_("The area challenges have already been published."))
        challenges = list(edition.challenges.all())
        if not challenges:
            raise DomainError(_("Write at least one challenge before publishing."))
        if edition.municipality.bilingual and any(
            not (c.title_sv and c.description_sv) for c in challenges
        ):
            raise DomainError(
                _(
                    "The body is bilingual: give each challenge's title and description in Swedish too."
                )
            )
        edition.status = ChallengeEdition.Status.PUBLISHED
        edition.published_at = timezone.now()
        edition.save(update_fields=["status", "published_at"])
        _event(edition, ChallengeEvent.Action.PUBLISHED, by=by)
        notify(
            kind=CHALLENGES_PUBLISHED,
            key=f"challenges:{edition.pk}",
            users=User.objects.filter(
                pk__in=NeedFollower.objects.filter(need__challenges__edition=edition).values(
                    "user_id"
                ),
                is_active=True,
            ),
            subject=gettext_lazy(
                "The area challenges of %(body)s for %(year)s were published: a need you "
                "follow is among them"
            ),
            params={"body": lambda: edition.municipality.name, "year": edition.year},
            url=reverse("signals:challenge_edition", args=[edition.pk]),
        )
    return edition
