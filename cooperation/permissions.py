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

from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q, QuerySet

from .lib.queries import related_ids
from .models import (
    AccessibilityFeedback,
    Assessment,
    Brand,
    ChecklistArea,
    ChecklistEdition,
    ChecklistTheme,
    Criterion,
    ForumEvent,
    GuidingDocument,
    Invitation,
    Membership,
    Official,
    OfficialRole,
    Organisation,
    PublicBody,
    StatutoryCouncil,
    TargetGroup,
    Theme,
    Unit,
    User,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from typing_extensions import TypeIs

    AnyUser = User | AnonymousUser

_OFFICIAL_CACHE = "_kumppani_official"


def is_active_user(user: AnyUser | None) -> TypeIs[User]:
    """Logged in with an account that is not deactivated: the first question of
    every permission, in every app."""
    return bool(user and user.is_authenticated and user.is_active)


def official_for(user: AnyUser) -> Official | None:
    """The user's Official record (with municipality), fetched once per request."""
    if not is_active_user(user):
        return None
    if not hasattr(user, _OFFICIAL_CACHE):
        official = (
            Official.objects.select_related("municipality", "unit").filter(user_id=user.pk).first()
        )
        setattr(user, _OFFICIAL_CACHE, official)
    return getattr(user, _OFFICIAL_CACHE)


def is_coordinator(user: AnyUser) -> bool:
    return is_active_user(user) and user.is_coordinator


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
    roles = official.__dict__.get("_role_set")
    if roles is None:
        roles = official.__dict__["_role_set"] = set(official.roles.values_list("role", flat=True))
    return role in roles


def municipalities_without(role: str) -> QuerySet[PublicBody]:
    """Municipalities where no active official holds the role: work meant for
    that role there has no one to go to (the coordinator is told)."""
    holders = OfficialRole.objects.filter(role=role, official__user__is_active=True)
    return PublicBody.objects.exclude(pk__in=holders.values("official__municipality_id"))


def requires_two_factor(user: AnyUser) -> bool:
    """Officials, coordinators and technical administrators must use TOTP."""
    return is_active_user(user) and (user.is_superuser or is_coordinator(user) or is_official(user))


# --- Organisations ---------------------------------------------------------


def _member_organisation_ids(user: User):
    return Membership.objects.filter(user_id=user.pk).values("organisation_id")


def member_organisation_ids(user: AnyUser) -> frozenset[int]:
    """The organisations the user is a member of, read once per request (kept on
    the request's user): the desk asks every app whether the person is NGO staff."""
    if not is_active_user(user):
        return frozenset()
    ids = user.__dict__.get("_member_organisation_ids")
    if ids is None:
        ids = user.__dict__["_member_organisation_ids"] = frozenset(
            Membership.objects.filter(user_id=user.pk).values_list("organisation_id", flat=True)
        )
    return ids


def _organisations_in_municipality(municipality_id: int | None):
    return related_ids(Organisation, "municipalities", municipality_id)


def organisations_visible_to(user: AnyUser, queryset: QuerySet[Organisation] | None = None):
    """Public profiles, plus hidden ones of the user's own organisations and, for an
    official, of organisations working in their municipality; coordinators see all."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.filter(is_public=True)
    if is_coordinator(user) or user.is_superuser:
        return queryset
    condition = Q(is_public=True) | Q(pk__in=_member_organisation_ids(user))
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        condition |= Q(pk__in=_organisations_in_municipality(municipality_id))
    return queryset.filter(condition)


def membership_of(user: AnyUser, organisation: Organisation) -> Membership | None:
    if not is_active_user(user):
        return None
    return Membership.objects.filter(user_id=user.pk, organisation_id=organisation.pk).first()


def can_edit_organisation(membership: Membership | None) -> bool:
    """Only an admin of the organisation edits its profile and manages its members."""
    return membership is not None and membership.is_admin


can_manage_members = can_edit_organisation


def can_ask_to_join(user: AnyUser, organisation: Organisation) -> bool:
    """Anyone logged in who is not a member yet."""
    return (
        is_active_user(user)
        and not Membership.objects.filter(user_id=user.pk, organisation=organisation).exists()
    )


def join_requests_to_decide(user: AnyUser):
    """Open requests to join the organisations the user is an admin of."""
    from .models import JoinRequest

    if not is_active_user(user):
        return JoinRequest.objects.none()
    admin_of = Membership.objects.filter(user_id=user.pk, role=Membership.Role.ADMIN)
    return JoinRequest.objects.filter(
        organisation_id__in=admin_of.values("organisation_id"), decided_at__isnull=True
    )


def can_create_organisation(user: AnyUser) -> bool:
    return is_active_user(user)


def can_export_directory(user: AnyUser) -> bool:
    """Coordinators and officials export the NGO directory as a PDF."""
    return is_coordinator(user) or is_official(user)


def can_accept_invitation(user: AnyUser, invitation: Invitation, verified_emails: set[str]) -> bool:
    """The invitation is for one of the user's verified addresses."""
    return is_active_user(user) and invitation.email.lower() in verified_emails


# --- Admin -----------------------------------------------------------------


def can_manage_own_account(user: AnyUser) -> bool:
    """Download one's own data, delete one's account."""
    return is_active_user(user) and user.deleted_at is None


def can_see_brand(user: AnyUser) -> bool:
    """The portal's logo is in every page's header, the login page's too."""
    return True


def can_use_admin(user: AnyUser) -> bool:
    return is_active_user(user) and (user.is_superuser or is_coordinator(user) or is_official(user))


# Who may change records through the admin, by model. Viewing is wider (below).
_REGION_EDITABLE = {
    Brand,
    Unit,
    Theme,
    TargetGroup,
    Organisation,
    Membership,
    Invitation,
    Official,
    AccessibilityFeedback,
}
_REGION_READABLE = {PublicBody, User, *_REGION_EDITABLE}
_OFFICIAL_READABLE = {
    PublicBody,
    Unit,
    Theme,
    TargetGroup,
    Organisation,
    Membership,
    Invitation,
    Official,
}


# The checklist's texts are the coordinators'; forums, councils and guiding
# documents are each municipality's, kept by its liaison persons.
_CHECKLIST_TEXTS = {ChecklistEdition, ChecklistTheme, ChecklistArea, Criterion}
_CHECKLIST_RECORDS = {ForumEvent, StatutoryCouncil, GuidingDocument}


def checklist_edition_in_use(obj: Any) -> bool:
    """Whether an assessment answers the edition that holds `obj`."""
    if isinstance(obj, ChecklistEdition):
        edition_id = obj.pk
    elif isinstance(obj, ChecklistTheme):
        edition_id = obj.edition_id
    elif isinstance(obj, ChecklistArea):
        edition_id = obj.theme.edition_id
    else:
        edition_id = obj.area.theme.edition_id
    return Assessment.objects.filter(edition_id=edition_id).exists()


def admin_can_view(user: AnyUser, model: type[Model]) -> bool:
    if not can_use_admin(user):
        return False
    if user.is_superuser:
        return True
    if model in _CHECKLIST_TEXTS:
        return is_coordinator(user)
    if model in _CHECKLIST_RECORDS:
        return True
    if is_coordinator(user):
        return model in _REGION_READABLE
    return model in _OFFICIAL_READABLE


def admin_can_change(user: AnyUser, model: type[Model], obj: Any = None) -> bool:
    """Coordinators edit the shared lists and people's roles; officials only read.

    Nobody but a superuser edits their own Official record, so nobody grants
    themselves a role.
    """
    if not can_use_admin(user):
        return False
    if model in _CHECKLIST_TEXTS:
        # An edition that assessments answer is never reworded: copy it instead.
        editable = user.is_superuser or is_coordinator(user)
        return editable and (obj is None or not checklist_edition_in_use(obj))
    if user.is_superuser:
        return True
    if model in _CHECKLIST_RECORDS:
        if obj is None:
            return can_start_assessment(user)
        return can_keep_checklist(user, obj.municipality_id)
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
    if model in _CHECKLIST_RECORDS:
        return queryset.filter(municipality_id=municipality_id)
    if model is Organisation:
        return queryset.filter(pk__in=_organisations_in_municipality(municipality_id))
    if model in (Membership, Invitation):
        return queryset.filter(organisation__in=_organisations_in_municipality(municipality_id))
    if model in (Unit, Official):
        return queryset.filter(municipality_id=municipality_id)
    return queryset


# --- The NGO-friendly municipality checklist -------------------------------
#
# The municipality's liaison persons keep its self-assessment, its forums,
# councils and guiding documents; coordinators keep every municipality's and the
# wellbeing services county's. NGOs give their view of the municipalities where
# they work. Published assessments are public.


def can_keep_checklist(user: AnyUser, municipality_id: int) -> bool:
    """Assess a municipality (or the county) and keep its forums and records."""
    if is_coordinator(user):
        return True
    return has_official_role(user, OfficialRole.Role.LIAISON, municipality_id)


def can_start_assessment(user: AnyUser) -> bool:
    return is_coordinator(user) or has_official_role(user, OfficialRole.Role.LIAISON)


def can_view_assessment(user: AnyUser, assessment: Assessment) -> bool:
    """Published ones are public; a draft is the assessors' and the officials' of
    the municipality (NGOs rating a draft see the criteria, not the answers)."""
    if assessment.is_published or is_coordinator(user):
        return True
    return official_municipality_id(user) == assessment.municipality_id


def can_edit_assessment(user: AnyUser, assessment: Assessment) -> bool:
    return not assessment.is_published and can_keep_checklist(user, assessment.municipality_id)


def can_set_targets(user: AnyUser, assessment: Assessment) -> bool:
    """Development targets are picked from a draft or a published assessment."""
    return can_keep_checklist(user, assessment.municipality_id)


def assessments_visible_to(user: AnyUser, queryset: QuerySet[Assessment] | None = None):
    queryset = Assessment.objects.all() if queryset is None else queryset
    if is_coordinator(user):
        return queryset
    condition = Q(status=Assessment.Status.PUBLISHED)
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        condition |= Q(municipality_id=municipality_id)
    return queryset.filter(condition)


def organisations_rating(user: AnyUser, assessment: Assessment) -> QuerySet[Organisation]:
    """The user's organisations that may still give their view of a draft
    assessment: those working in its municipality (or in the county's), once."""
    if not is_active_user(user) or assessment.is_published:
        return Organisation.objects.none()
    # NGOs work in municipalities: for the county's assessment, in one of its own.
    body_id = assessment.municipality_id
    works_there = Q(municipalities=body_id) | Q(municipalities__county_id=body_id)
    return (
        Organisation.objects.filter(works_there, pk__in=_member_organisation_ids(user))
        .exclude(checklist_responses__assessment=assessment)
        .distinct()
    )


def can_compare_region(user: AnyUser) -> bool:
    """The regional comparison and its exports are the coordinators'."""
    return is_coordinator(user)


# --- Conflicts of interest (esteellisyys) -------------------------------------


def disqualified_from(user: AnyUser, organisation_id: int | None) -> bool:
    """Whether the user may not decide a case of the organisation: they are one
    of its members (Administrative Procedure Act 434/2003, 28 §: the official
    is a party, or in the management of a party). Invitations can make an
    official a member of an NGO; the case then goes to another official."""
    if not is_active_user(user) or organisation_id is None:
        return False
    return Membership.objects.filter(user=user, organisation_id=organisation_id).exists()


def may_grant_to(actor: AnyUser, user_id: int | None) -> bool:
    """Nobody gives a role or a membership to themselves, through any path: a
    second person always does it."""
    return user_id is None or not is_active_user(actor) or actor.pk != user_id
