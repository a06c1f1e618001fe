"""Who may see and do what in the core. Views, selectors and the admin ask here.

Rules in one place, as plain functions. A user who may not see an object is
treated as if the object did not exist (the caller answers 404).

Roles:
- NGO member / NGO admin: through a Membership of an organisation;
- official: an Official record of one municipality, with roles;
- coordinator: `User.is_coordinator`, sees the whole region;
- superuser: technical administration only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Model, Q, QuerySet

from .models import (
    Invitation,
    Membership,
    Municipality,
    Official,
    Organisation,
    TargetGroup,
    Theme,
    Unit,
    User,
    WellbeingServicesCounty,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser

_OFFICIAL_CACHE = "_kumppani_official"


def _active(user: AnyUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def official_for(user: AnyUser) -> Official | None:
    """The user's Official record (with municipality), fetched once per request."""
    if not _active(user):
        return None
    if not hasattr(user, _OFFICIAL_CACHE):
        official = (
            Official.objects.select_related("municipality", "unit").filter(user_id=user.pk).first()
        )
        setattr(user, _OFFICIAL_CACHE, official)
    return getattr(user, _OFFICIAL_CACHE)


def is_coordinator(user: AnyUser) -> bool:
    return _active(user) and user.is_coordinator


def is_official(user: AnyUser) -> bool:
    return official_for(user) is not None


def official_municipality_id(user: AnyUser) -> int | None:
    official = official_for(user)
    return official.municipality_id if official else None


def has_official_role(user: AnyUser, role: str, municipality_id: int | None = None) -> bool:
    official = official_for(user)
    if official is None:
        return False
    if municipality_id is not None and official.municipality_id != municipality_id:
        return False
    # Asked many times a request (the admin asks per row and per action): the
    # roles are read once and kept on the request's Official.
    if not hasattr(official, "_role_set"):
        official._role_set = set(official.roles.values_list("role", flat=True))
    return role in official._role_set


def requires_two_factor(user: AnyUser) -> bool:
    """Officials, coordinators and technical administrators must use TOTP."""
    return _active(user) and (user.is_superuser or is_coordinator(user) or is_official(user))


# --- Organisations ---------------------------------------------------------


def _member_organisation_ids(user: AnyUser):
    return Membership.objects.filter(user_id=user.pk).values("organisation_id")


def _organisations_in_municipality(municipality_id: int):
    return Organisation.municipalities.through.objects.filter(
        municipality_id=municipality_id
    ).values("organisation_id")


def organisations_visible_to(user: AnyUser, queryset: QuerySet[Organisation] | None = None):
    """Public profiles, plus hidden ones of the user's own organisations and, for an
    official, of organisations working in their municipality; coordinators see all."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.filter(is_public=True)
    if is_coordinator(user) or user.is_superuser:
        return queryset
    condition = Q(is_public=True) | Q(pk__in=_member_organisation_ids(user))
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        condition |= Q(pk__in=_organisations_in_municipality(municipality_id))
    return queryset.filter(condition)


def membership_of(user: AnyUser, organisation: Organisation) -> Membership | None:
    if not _active(user):
        return None
    return Membership.objects.filter(user_id=user.pk, organisation_id=organisation.pk).first()


def can_edit_organisation(membership: Membership | None) -> bool:
    """Only an admin of the organisation edits its profile and manages its members."""
    return membership is not None and membership.is_admin


can_manage_members = can_edit_organisation


def can_create_organisation(user: AnyUser) -> bool:
    return _active(user)


def can_export_directory(user: AnyUser) -> bool:
    """Coordinators and officials export the NGO directory as a PDF."""
    return is_coordinator(user) or is_official(user)


def can_accept_invitation(user: AnyUser, invitation: Invitation, verified_emails: set[str]) -> bool:
    """The invitation is for one of the user's verified addresses."""
    return _active(user) and invitation.email.lower() in verified_emails


# --- Admin -----------------------------------------------------------------


def can_use_admin(user: AnyUser) -> bool:
    return _active(user) and (user.is_superuser or is_coordinator(user) or is_official(user))


# Who may change records through the admin, by model. Viewing is wider (below).
_REGION_EDITABLE = {Unit, Theme, TargetGroup, Organisation, Membership, Invitation, Official}
_REGION_READABLE = {Municipality, WellbeingServicesCounty, User, *_REGION_EDITABLE}
_OFFICIAL_READABLE = {
    Municipality,
    WellbeingServicesCounty,
    Unit,
    Theme,
    TargetGroup,
    Organisation,
    Membership,
    Invitation,
    Official,
}


def admin_can_view(user: AnyUser, model: type[Model]) -> bool:
    if not can_use_admin(user):
        return False
    if user.is_superuser:
        return True
    if is_coordinator(user):
        return model in _REGION_READABLE
    return model in _OFFICIAL_READABLE


def admin_can_change(user: AnyUser, model: type[Model], obj: Model | None = None) -> bool:
    """Coordinators edit the shared lists and people's roles; officials only read.

    Nobody but a superuser edits their own Official record, so nobody grants
    themselves a role.
    """
    if not can_use_admin(user):
        return False
    if user.is_superuser:
        return True
    if not is_coordinator(user) or model not in _REGION_EDITABLE:
        return False
    return not (isinstance(obj, Official) and obj.user_id == user.pk)


def admin_queryset(user: AnyUser, model: type[Model], queryset: QuerySet) -> QuerySet:
    """What the admin lists: an official sees only their municipality's records."""
    if not admin_can_view(user, model):
        return queryset.none()
    if user.is_superuser or is_coordinator(user):
        return queryset
    municipality_id = official_municipality_id(user)
    if model is Organisation:
        return queryset.filter(pk__in=_organisations_in_municipality(municipality_id))
    if model in (Membership, Invitation):
        return queryset.filter(organisation__in=_organisations_in_municipality(municipality_id))
    if model in (Unit, Official):
        return queryset.filter(municipality_id=municipality_id)
    return queryset
