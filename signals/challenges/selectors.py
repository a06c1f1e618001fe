"""Reads of the area challenges, with what each page shows fetched at once."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.http import Http404

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
    """The challenges by area (two queries), each with the needs behind it the user
    may see (a need taken back off the public pages is not shown to the public)."""
    needs = permissions.needs_visible_to(user, Need.objects.all()).order_by("title_fi", "id")
    challenges = edition.challenges.prefetch_related(Prefetch("needs", queryset=needs))
    areas: dict[str, list[AreaChallenge]] = defaultdict(list)
    for challenge in challenges:
        areas[challenge.area].append(challenge)
    return sorted(areas.items(), key=lambda item: item[0].casefold())


def challenges_of_need(need: Need, user) -> list[AreaChallenge]:
    """The area challenges the need is behind, of the editions the user may see."""
    return list(
        AreaChallenge.objects.filter(needs=need, edition__in=permissions.editions_visible_to(user))
        .select_related("edition__municipality")
        .order_by("-edition__year", "area", "id")[:20]
    )
