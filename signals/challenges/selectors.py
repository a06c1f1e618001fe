"""Reads of the area challenges, with what each page shows fetched at once."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from cooperation.extensions import challenge_answers
from cooperation.lib import summaries

from .. import permissions
from ..needs.models import Need
from .models import AreaChallenge, ChallengeEdition


def edition_list(user) -> QuerySet[ChallengeEdition]:
    return (
        permissions.editions_visible_to(user)
        .select_related("municipality")
        .order_by("-year", "municipality__name_fi", "id")
    )


def edition_get_visible(*, user, pk: int) -> ChallengeEdition:
    edition = (
        permissions.editions_visible_to(user)
        .select_related("municipality", "workshop")
        .filter(pk=pk)
        .first()
    )
    if edition is None:
        raise Http404
    return edition


def edition_areas(edition: ChallengeEdition, user) -> list[tuple[str, list[AreaChallenge]]]:
    """The challenges by area (three queries), each with the needs behind it the user
    may see (a need taken back off the public pages is not shown to the public) and
    the grant calls that name it."""
    needs = permissions.needs_visible_to(user, Need.objects.all()).order_by("title_fi", "id")
    challenges = list(edition.challenges.prefetch_related(Prefetch("needs", queryset=needs)))
    # What the other apps direct at each challenge (the grant calls naming it).
    answers = challenge_answers(challenge.pk for challenge in challenges)
    areas: dict[str, list[AreaChallenge]] = defaultdict(list)
    for challenge in challenges:
        challenge.answers = answers.get(challenge.pk, [])
        areas[challenge.area].append(challenge)
    return sorted(areas.items(), key=lambda item: item[0].casefold())


# What a need's page shows of the challenges resting on it, remembered per need and
# scope of editions seen (cooperation.lib.summaries); any write to an edition, a
# challenge or what it rests on outdates it (summaries.follow in signals/apps.py).
NEED_CHALLENGES = "need-challenges"


def challenges_of_need(need: Need, user) -> list[AreaChallenge]:
    """The area challenges the need is behind, of the editions the user may see."""
    return summaries.remembered(
        NEED_CHALLENGES,
        f"{need.pk}:{permissions.editions_scope(user)}",
        lambda: list(
            AreaChallenge.objects.filter(
                needs=need, edition__in=permissions.editions_visible_to(user)
            )
            .select_related("edition__municipality")
            .order_by("-edition__year", "area", "id")[:20]
        ),
    )


def published_challenges_of_body(body_id: int | None) -> QuerySet[AreaChallenge]:
    """The challenges of the body's published editions (every body's for None), newest
    year first: what a grant call may name (registered in cooperation.extensions)."""
    challenges = AreaChallenge.objects.filter(edition__status=ChallengeEdition.Status.PUBLISHED)
    if body_id is not None:
        challenges = challenges.filter(edition__municipality_id=body_id)
    return challenges.select_related("edition__municipality").order_by(
        "-edition__year", "edition__municipality__name_fi", "area", "position", "id"
    )
