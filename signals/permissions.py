"""Who may see and do what with signals. Views, selectors and the admin ask here.

- NGO staff see the signals of their own organisations (and what they sent);
- an official sees their own municipality's signals; the municipality's NGO
  team checks, reviews, forwards and answers them and receives the digests;
- coordinators see the whole region, read-only;
- a forwarded person sees only the signal forwarded to them, through its link;
- anyone may read the public topic pages.
Forbidden objects are answered with 404 by the caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q, QuerySet

from cooperation.models import Membership, OfficialRole, Organisation, PublicBody
from cooperation.permissions import (
    has_official_role,
    is_active_user,
    is_coordinator,
    is_official,
    official_municipality_id,
)

from .models import (
    ChallengeEdition,
    Digest,
    DigestDelivery,
    Forward,
    Need,
    Signal,
    SignalEvent,
    SignalLink,
    Topic,
)

if TYPE_CHECKING:
    from cooperation.permissions import AnyUser

NGO_TEAM = OfficialRole.Role.NGO_TEAM


def sending_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may send signals for: every one they are a member of."""
    if not is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user_id=user.pk).order_by("name")


def can_send_signal(user: AnyUser) -> bool:
    return is_active_user(user) and Membership.objects.filter(user_id=user.pk).exists()


def signals_visible_to(user: AnyUser, queryset: QuerySet[Signal] | None = None):
    queryset = Signal.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.none()
    if is_coordinator(user):
        return queryset
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        return queryset.filter(municipality_id=municipality_id)
    member_of = Membership.objects.filter(user_id=user.pk).values("organisation_id")
    return queryset.filter(Q(organisation_id__in=member_of) | Q(sender_user_id=user.pk))


def is_team_member(user: AnyUser, municipality_id: int) -> bool:
    return has_official_role(user, NGO_TEAM, municipality_id)


def can_work_on_signal(user: AnyUser, signal: Signal) -> bool:
    """Check, review, forward and link: the NGO team of the signal's municipality."""
    return is_team_member(user, signal.municipality_id)


def can_see_internal(user: AnyUser, signal: Signal) -> bool:
    """Officials of the municipality and coordinators see the team's internal notes;
    the sending NGO sees the public parts."""
    return is_coordinator(user) or official_municipality_id(user) == signal.municipality_id


def team_municipality(user: AnyUser) -> PublicBody | None:
    """The municipality whose NGO team the user is in, if any."""
    if not is_official(user):
        return None
    municipality_id = official_municipality_id(user)
    if municipality_id is None or not is_team_member(user, municipality_id):
        return None
    return PublicBody.objects.get(pk=municipality_id)


def can_manage_organisation_links(user: AnyUser, organisation: Organisation) -> bool:
    return (
        is_active_user(user)
        and Membership.objects.filter(
            user_id=user.pk, organisation_id=organisation.pk, role=Membership.Role.ADMIN
        ).exists()
    )


def link_managed_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations whose signal links the user manages (as their admin)."""
    if not is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user_id=user.pk, memberships__role=Membership.Role.ADMIN
    ).order_by("name")


def digests_visible_to(user: AnyUser, queryset: QuerySet[Digest] | None = None):
    queryset = Digest.objects.all() if queryset is None else queryset
    if is_coordinator(user):
        return queryset
    municipality_id = official_municipality_id(user)
    if municipality_id is not None and is_team_member(user, municipality_id):
        return queryset.filter(municipality_id=municipality_id)
    return queryset.none()


def can_view_statistics(user: AnyUser) -> bool:
    """Coordinators, officials and the region's NGO staff (aggregates only)."""
    return is_coordinator(user) or is_official(user) or can_send_signal(user)


# --- Needs -----------------------------------------------------------------
#
# The NGO team of a municipality (or of the county) keeps that body's needs; the
# coordinators keep every need and the region's own (no body). Officials of the
# body read its drafts; a published need is public, without the signals' texts
# unless the team published them.


def can_create_need(user: AnyUser) -> bool:
    if is_coordinator(user):
        return True
    municipality_id = official_municipality_id(user)
    return municipality_id is not None and is_team_member(user, municipality_id)


def need_bodies(user: AnyUser) -> QuerySet[PublicBody]:
    """The public bodies the user may keep needs for."""
    if is_coordinator(user):
        return PublicBody.objects.all()
    municipality_id = official_municipality_id(user)
    if municipality_id is not None and is_team_member(user, municipality_id):
        return PublicBody.objects.filter(pk=municipality_id)
    return PublicBody.objects.none()


def can_keep_need(user: AnyUser, need: Need) -> bool:
    """Edit, gather signals into and move a need."""
    if is_coordinator(user):
        return True
    return need.municipality_id is not None and is_team_member(user, need.municipality_id)


def can_see_need_internals(user: AnyUser, need: Need) -> bool:
    """The signals behind it, its drafts and its trail: the body's officials."""
    if is_coordinator(user):
        return True
    return (
        need.municipality_id is not None and official_municipality_id(user) == need.municipality_id
    )


def needs_visible_to(user: AnyUser, queryset: QuerySet[Need] | None = None) -> QuerySet[Need]:
    queryset = Need.objects.all() if queryset is None else queryset
    if is_coordinator(user):
        return queryset
    public = Q(status__in=Need.PUBLIC)
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        return queryset.filter(public | Q(municipality_id=municipality_id))
    return queryset.filter(public)


def can_follow_need(user: AnyUser, need: Need) -> bool:
    return is_active_user(user) and need.is_public


def can_send_observation(user: AnyUser, need: Need) -> bool:
    """NGO people add their own observations, as signals, to a public need."""
    return need.is_public and can_send_signal(user)


def signals_for_need(user: AnyUser, need: Need) -> QuerySet[Signal]:
    """The signals the keeper may gather into the need: their body's (the region's
    for a coordinator), accepted ones."""
    signals = signals_visible_to(user).filter(is_accepted=True)
    if need.municipality_id is not None:
        signals = signals.filter(municipality_id=need.municipality_id)
    return signals


# --- Admin -----------------------------------------------------------------

_TEAM_READABLE = {
    Signal,
    Topic,
    Digest,
    DigestDelivery,
    Forward,
    SignalEvent,
    SignalLink,
}


def admin_can_view(user: AnyUser, model: type[Model]) -> bool:
    if not is_active_user(user):
        return False
    if user.is_superuser or is_coordinator(user):
        return model in _TEAM_READABLE
    municipality_id = official_municipality_id(user)
    return (
        municipality_id is not None
        and is_team_member(user, municipality_id)
        and model in _TEAM_READABLE
    )


def admin_can_change(user: AnyUser, model: type[Model], obj: Any = None) -> bool:
    """The NGO team edits its municipality's signals and the forwards' sharing;
    topics are a regional list kept by coordinators and NGO teams. Digests,
    deliveries and the audit trail are records: nobody edits them."""
    if model is Topic:
        return admin_can_view(user, model) and (is_coordinator(user) or is_official(user))
    if model not in (Signal, Forward) or is_coordinator(user) or user.is_superuser:
        return False
    if not admin_can_view(user, model):
        return False
    if obj is None:
        return True
    signal = obj if isinstance(obj, Signal) else obj.signal
    return can_work_on_signal(user, signal)


def admin_queryset(user: AnyUser, model: type[Model], queryset: QuerySet) -> QuerySet:
    if not admin_can_view(user, model):
        return queryset.none()
    if user.is_superuser or is_coordinator(user) or model is Topic:
        return queryset
    municipality_id = official_municipality_id(user)
    if model in (Signal, Digest):
        return queryset.filter(municipality_id=municipality_id)
    if model is DigestDelivery:
        return queryset.filter(digest__municipality_id=municipality_id)
    if model is SignalLink:
        return queryset.filter(municipality_id=municipality_id)
    return queryset.filter(signal__municipality_id=municipality_id)


# --- The year's area challenges ------------------------------------------------


def challenge_body_id(user: AnyUser) -> int | None:
    """The body whose area challenges the user keeps: any official of it (the city's
    experts of every unit write them)."""
    return official_municipality_id(user)


def can_keep_challenges(user: AnyUser, edition: ChallengeEdition) -> bool:
    municipality_id = official_municipality_id(user)
    return municipality_id is not None and municipality_id == edition.municipality_id


def editions_visible_to(user: AnyUser, queryset: QuerySet[ChallengeEdition] | None = None):
    """Published editions for everyone; drafts for the body's officials and coordinators."""
    queryset = ChallengeEdition.objects.all() if queryset is None else queryset
    if is_coordinator(user):
        return queryset
    public = Q(status=ChallengeEdition.Status.PUBLISHED)
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        return queryset.filter(public | Q(municipality_id=municipality_id))
    return queryset.filter(public)


def editions_scope(user: AnyUser) -> str:
    """Who sees the same editions as the user (editions_visible_to): "all", one
    body's officials ("body:<id>") or "public"; what is read of them may be
    remembered under it."""
    if is_coordinator(user):
        return "all"
    municipality_id = official_municipality_id(user)
    return f"body:{municipality_id}" if municipality_id is not None else "public"
