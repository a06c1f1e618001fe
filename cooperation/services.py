"""Every write of the core. Each service is one atomic unit; mail goes out after commit."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import emails, permissions
from .errors import SELF_GRANT_REFUSED, DomainError
from .models import (
    Brand,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    PublicBody,
    TargetGroup,
    Theme,
    User,
)
from .notices.services import notify
from .selectors import BRAND_CACHE_KEY

logger = logging.getLogger(__name__)

ORGANISATION_PROFILE_FIELDS = (
    "name",
    "business_id",
    "description_fi",
    "description_sv",
    "description_en",
    "size",
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "city",
    "is_public",
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _business_id_taken(business_id: str | None, exclude_pk: int | None = None) -> bool:
    if not business_id:
        return False
    taken = Organisation.objects.filter(business_id=business_id)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    return taken.exists()


@transaction.atomic
def organisation_create(
    *,
    by: User,
    profile: dict,
    municipalities: Iterable[PublicBody],
    themes: Iterable[Theme] = (),
    target_groups: Iterable[TargetGroup] = (),
) -> Organisation:
    """Create an organisation; its creator becomes its first admin.

    The profile counts as confirmed up to date from the start.
    """
    data = {key: profile[key] for key in ORGANISATION_PROFILE_FIELDS if key in profile}
    data["business_id"] = data.get("business_id") or None
    if data["business_id"]:
        existing = Organisation.objects.filter(business_id=data["business_id"]).first()
        if existing is not None:
            raise BusinessIdTaken(existing)
    organisation = Organisation.objects.create(**data, confirmed_at=timezone.now())
    organisation.municipalities.set(municipalities)
    organisation.themes.set(themes)
    organisation.target_groups.set(target_groups)
    Membership.objects.create(user=by, organisation=organisation, role=Membership.Role.ADMIN)
    logger.info("organisation %s created by user %s", organisation.pk, by.pk)
    return organisation


class BusinessIdTaken(DomainError):
    """The organisation is in the portal already: ask its admins to join instead."""

    def __init__(self, organisation: Organisation):
        super().__init__(_("An organisation with this business ID is already in the portal."))
        self.organisation = organisation


JOIN_REQUESTED = "cooperation.join_requested"
JOIN_DECIDED = "cooperation.join_decided"


def _admins(organisation: Organisation):
    return User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role=Membership.Role.ADMIN,
    )


@transaction.atomic
def join_request_create(
    *, organisation: Organisation, user: User, message: str = ""
) -> JoinRequest:
    """Ask to join; the admins are told (after commit, each in their language)."""
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise DomainError(
            _("You are already a member of %(organisation)s.") % {"organisation": organisation.name}
        )
    if JoinRequest.objects.filter(
        organisation=organisation, user=user, decided_at__isnull=True
    ).exists():
        raise DomainError(
            _("You have already asked to join %(organisation)s; its admins have been told.")
            % {"organisation": organisation.name}
        )
    request = JoinRequest.objects.create(
        organisation=organisation, user=user, message=message.strip()[:1000]
    )
    notify(
        kind=JOIN_REQUESTED,
        key=f"join:{request.pk}",
        users=_admins(organisation),
        subject=gettext_lazy("%(name)s asks to join %(organisation)s"),
        detail=request.message,
        params={"name": str(user), "organisation": organisation.name},
        url=reverse("cooperation:my_organisation", args=[organisation.pk]),
    )
    logger.info("user %s asked to join organisation %s", user.pk, organisation.pk)
    return request


@transaction.atomic
def join_request_decide(*, request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    """An admin accepts (the person becomes a member) or declines; the person is told."""
    request = (
        JoinRequest.objects.select_for_update()
        .select_related("organisation", "user")
        .get(pk=request.pk)
    )
    if request.decided_at is not None:
        raise DomainError(_("This request has already been decided."))
    request.decided_at = timezone.now()
    request.decided_by = by
    request.accepted = accept
    request.save(update_fields=["decided_at", "decided_by", "accepted"])
    if accept:
        Membership.objects.get_or_create(
            user=request.user,
            organisation=request.organisation,
            defaults={"role": Membership.Role.MEMBER},
        )
    notify(
        kind=JOIN_DECIDED,
        key=f"join-decided:{request.pk}",
        users=[request.user],
        subject=(
            gettext_lazy("You are now a member of %(organisation)s")
            if accept
            else gettext_lazy("Your request to join %(organisation)s was declined")
        ),
        params={"organisation": request.organisation.name},
        url=reverse("cooperation:my_account"),
    )
    return request


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by: User,
    profile: dict,
    municipalities: Iterable[PublicBody],
    themes: Iterable[Theme],
    target_groups: Iterable[TargetGroup],
) -> Organisation:
    """Update the profile. Saving it also confirms that it is up to date."""
    for key in ORGANISATION_PROFILE_FIELDS:
        if key in profile:
            setattr(organisation, key, profile[key])
    organisation.business_id = organisation.business_id or None
    if _business_id_taken(organisation.business_id, exclude_pk=organisation.pk):
        raise DomainError(_("An organisation with this business ID is already in the portal."))
    organisation.confirmed_at = timezone.now()
    organisation.save()
    organisation.municipalities.set(municipalities)
    organisation.themes.set(themes)
    organisation.target_groups.set(target_groups)
    logger.info("organisation %s updated by user %s", organisation.pk, by.pk)
    return organisation


def organisation_confirm_current(*, organisation: Organisation, by: User) -> Organisation:
    """Record that an admin checked the profile and it is still up to date."""
    organisation.confirmed_at = timezone.now()
    organisation.save(update_fields=["confirmed_at", "updated_at"])
    logger.info("organisation %s confirmed current by user %s", organisation.pk, by.pk)
    return organisation


# --- Invitations -----------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, by: User
) -> tuple[Invitation, str]:
    """Invite an address to the organisation and mail it the link (after commit).

    Inviting the same address again replaces the open invitation, so only the
    newest link works. Returns the invitation and its token (kept only hashed).
    """
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise DomainError(_("This person is already a member of the organisation."))
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True
    ).delete()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=timezone.now() + settings.INVITATION_VALID_FOR,
    )
    language = get_language()
    transaction.on_commit(
        lambda: emails.send_invitation(invitation=invitation, token=token, language=language)
    )
    return invitation, token


def invitation_find_open(token: str) -> Invitation | None:
    """The open (unaccepted, unexpired) invitation for a token, if any."""
    return (
        Invitation.objects.select_related("organisation")
        .filter(
            token_hash=hash_token(token), accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Turn an open invitation into a membership of the invited role.

    An existing membership is kept, raised to admin if the invitation says so.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise DomainError(_("This invitation has expired or has already been used."))
    membership, created = Membership.objects.get_or_create(
        user=user, organisation_id=invitation.organisation_id, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    logger.info("invitation %s accepted by user %s", invitation.pk, user.pk)
    return membership


def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    """Withdraw an invitation that has not been accepted."""
    if invitation.accepted_at is not None:
        raise DomainError(_("An accepted invitation cannot be withdrawn."))
    invitation.delete()
    logger.info(
        "invitation for organisation %s revoked by user %s", invitation.organisation_id, by.pk
    )


def invitations_purge_expired(*, now: datetime | None = None) -> int:
    """Delete invitations that expired without being accepted. Safe to run any number of
    times: a second run finds nothing more to delete."""
    now = now or timezone.now()
    deleted, _details = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lte=now
    ).delete()
    logger.info("purged %s expired invitations", deleted)
    return deleted


# --- Memberships -----------------------------------------------------------


def _lock_memberships(organisation_id: int) -> list[Membership]:
    """Lock the organisation's memberships so that two admins cannot both leave at once."""
    return list(
        Membership.objects.select_for_update()
        .filter(organisation_id=organisation_id)
        .order_by("pk")
    )


def _ensure_admin_remains(memberships: list[Membership], leaving: Membership) -> None:
    admins = [m for m in memberships if m.is_admin and m.pk != leaving.pk]
    if leaving.is_admin and not admins:
        raise DomainError(
            _(
                "An organisation must always have an admin. Hand over the admin role "
                "to another member first."
            )
        )


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove a member (or let a member leave). The last admin can never go."""
    memberships = _lock_memberships(membership.organisation_id)
    current = next((m for m in memberships if m.pk == membership.pk), None)
    if current is None:
        return
    _ensure_admin_remains(memberships, current)
    current.delete()
    logger.info(
        "membership of user %s in organisation %s removed by user %s",
        current.user_id,
        current.organisation_id,
        by.pk,
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    """Make a member an admin or an admin a member; the last admin stays an admin."""
    if role == Membership.Role.ADMIN and not permissions.may_grant_to(by, membership.user_id):
        raise DomainError(str(SELF_GRANT_REFUSED))
    memberships = _lock_memberships(membership.organisation_id)
    current = next(m for m in memberships if m.pk == membership.pk)
    if role == Membership.Role.MEMBER:
        _ensure_admin_remains(memberships, current)
    current.role = role
    current.save(update_fields=["role"])
    return current


@transaction.atomic
def admin_role_hand_over(*, from_membership: Membership, to_membership: Membership) -> None:
    """The admin passes the admin role to another member and becomes a member."""
    if from_membership.organisation_id != to_membership.organisation_id:
        raise DomainError(_("The new admin must be a member of the same organisation."))
    if from_membership.pk == to_membership.pk:
        raise DomainError(_("Choose another member to hand the admin role to."))
    memberships = {m.pk: m for m in _lock_memberships(from_membership.organisation_id)}
    giver, receiver = memberships.get(from_membership.pk), memberships.get(to_membership.pk)
    if giver is None or receiver is None or not giver.is_admin:
        raise DomainError(_("Only an admin of the organisation can hand over the admin role."))
    receiver.role = Membership.Role.ADMIN
    receiver.save(update_fields=["role"])
    giver.role = Membership.Role.MEMBER
    giver.save(update_fields=["role"])


# --- Users -------------------------------------------------------------------


def user_update_profile(*, user: User, full_name: str, preferred_language: str) -> User:
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "preferred_language"])
    return user


def brand_save(*, brand: Brand) -> Brand:
    """Store the portal's name and logo (the admin's form checked the logo) and
    let every page show them from the next request on."""
    brand.save()
    brand_changed()
    return brand


def brand_changed() -> None:
    # After the commit: a page read between the delete and the commit would put
    # the old name back in the cache.
    transaction.on_commit(lambda: cache.delete(BRAND_CACHE_KEY))
