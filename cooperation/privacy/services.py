"""Personal data: the retention job, account deletion, accessibility feedback.

Each app says what it keeps about people through a `PersonalDataProvider`
(`extensions.py`); the core registers its own below and asks every provider, so
it never imports a feature app. What is kept and for how long: docs/privacy.md.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cooperation import emails, extensions, services
from cooperation.errors import DomainError
from cooperation.lib import once
from cooperation.models import (
    AccessibilityFeedback,
    ForumRegistration,
    Invitation,
    Membership,
    Official,
    User,
)

logger = logging.getLogger(__name__)


def retention_days() -> dict[str, int]:
    return dict(settings.PERSONAL_DATA_RETENTION_DAYS)


def personal_data_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Carry out every app's retention rules; return {rule: rows changed}.

    Each rule is one UPDATE or DELETE of the rows past their time, which it also
    leaves in a state the rule no longer selects: a second run, or a run after a
    crash half-way, changes nothing more. Each app's rules run in a transaction of
    their own so that one failing app does not keep the others from running."""
    now = now or timezone.now()
    days = retention_days()
    changed: dict[str, int] = {}
    for provider in extensions.personal_data_providers():
        if provider.retain is None:
            continue
        with transaction.atomic():
            result = provider.retain(now, days)
        for rule, count in result.items():
            changed[f"{provider.name}.{rule}"] = count
    logger.info(
        "personal data retention: %s",
        ", ".join(f"{rule}={count}" for rule, count in sorted(changed.items())) or "no rules",
    )
    return changed


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a person's account at their own request.

    The User row stays, as "a deleted user" without name or address, because the
    records the city must keep (decisions, agreements, audit trails) point at it;
    every app removes the person's own data (`forget`). The person can no longer
    log in. An organisation whose last admin leaves this way keeps its profile and
    records; the regional coordinators can invite a new admin."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at:
        raise DomainError("This account has already been deleted.")
    for provider in extensions.personal_data_providers():
        if provider.forget is not None:
            provider.forget(user)
    user.email = f"deleted-{user.pk}-{secrets.token_hex(4)}@deleted.invalid"
    user.full_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_coordinator = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    logger.info("account %s deleted by its owner", user.pk)


def feedback_send(*, page_url: str, message: str, email: str, language: str) -> None:
    """Store accessibility feedback; mail it to the accessibility contact after commit."""
    with transaction.atomic():
        feedback = AccessibilityFeedback.objects.create(
            page_url=page_url[:500], message=message, email=email, language=language
        )
        transaction.on_commit(lambda: emails.send_accessibility_feedback(feedback))


# --- The core's own personal data -----------------------------------------


def _core_export(user: User) -> dict[str, list[dict]]:
    data: dict[str, list[dict]] = {
        "account": [
            {
                "email": user.email,
                "full_name": user.full_name,
                "preferred_language": user.preferred_language,
                "date_joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
                "regional_coordinator": user.is_coordinator,
                "two_factor_authentication": Authenticator.objects.filter(user=user).exists(),
            }
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "since": membership.created_at.isoformat(),
            }
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "forum_registrations": [
            {
                "forum": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation_name,
            }
            for registration in _forum_registrations_of(user).select_related("event")
        ],
    }
    official = Official.objects.filter(user=user).select_related("municipality", "unit").first()
    if official is not None:
        data["official"] = [
            {
                "municipality": official.municipality.name,
                "unit": official.unit.name if official.unit else "",
                "title": official.title,
                "phone": official.phone,
                "roles": sorted(official.roles.values_list("role", flat=True)),
            }
        ]
    return data


def _forum_registrations_of(user: User):
    return ForumRegistration.objects.filter(user=user) | ForumRegistration.objects.filter(
        email__iexact=user.email, user__isnull=True
    )


def _core_forget(user: User) -> None:
    _forum_registrations_of(user).delete()
    Membership.objects.filter(user=user).delete()
    # Invitations this person sent stay valid for whom they were sent to; those
    # sent to this person's address go.
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    Official.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def _core_retain(now: datetime, days: dict[str, int]) -> dict[str, int]:
    expired_sessions, _ = Session.objects.filter(
        expire_date__lt=now - timedelta(days=days["session"])
    ).delete()
    expired_invitations = services.invitations_purge_expired(
        now=now - timedelta(days=days["invitation"])
    )
    forum_over = now - timedelta(days=days["forum_registration"])
    forum_registrations, _ = ForumRegistration.objects.filter(
        Q(event__ends_at__lt=forum_over)
        | Q(event__ends_at__isnull=True, event__starts_at__lt=forum_over)
    ).delete()
    feedback = (
        AccessibilityFeedback.objects.filter(
            created_at__lt=now - timedelta(days=days["accessibility_feedback"])
        )
        .exclude(email="")
        .update(email="")
    )
    from cooperation.notices.services import purge as purge_notices

    return {
        "notices": purge_notices(before=now - timedelta(days=days["notice"])),
        "used_form_tokens": once.purge(now=now),
        "expired_sessions": expired_sessions,
        "expired_invitations": expired_invitations,
        "forum_registrations": forum_registrations,
        "accessibility_feedback_email": feedback,
    }


# Registered in CooperationConfig.ready, like the feature apps' providers.
core_personal_data = extensions.PersonalDataProvider(
    name="cooperation", export=_core_export, forget=_core_forget, retain=_core_retain
)
