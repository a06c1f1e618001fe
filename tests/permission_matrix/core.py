"""The core's pages: the directory, organisations and their members, one's own account
and data, the privacy notice and the accessibility statement."""

from __future__ import annotations

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.utils import timezone

from cooperation.models import (
    AccessibilityFeedback,
    Brand,
    Invitation,
    Membership,
    Official,
    Organisation,
    PublicBody,
    TargetGroup,
    Theme,
    Unit,
    User,
)
from tests.permission_matrix.rows import LOGIN, everyone, expect, logged_in


def org_a(w):
    return {"pk": w.org_a.pk}


def the_brand(w) -> Brand:
    """The region's name and a logo (a real PNG: the address serves it)."""
    from django.core.files.base import ContentFile

    from tests.helpers.files import png_bytes

    brand = Brand.objects.get()  # the world's (tests/conftest.py)
    if not brand.logo:
        brand.logo.save("logo.png", ContentFile(png_bytes()))
    return brand


def join_request_to_org_a(w):
    """org_b's member asks to join org_a (get_or_create: the walks ask twice)."""
    from cooperation.models import JoinRequest

    join, _created = JoinRequest.objects.get_or_create(
        organisation=w.org_a, user=w.other_member, decided_at=None
    )
    return join


def invitation_to_member(w) -> Invitation:
    """org_b invites org_a's member (at their verified address); the walks ask
    for the page's address more than once in one world."""
    invitation, _created = Invitation.objects.get_or_create(
        organisation=w.org_b,
        email=w.ngo_member.email.lower(),
        defaults={
            "role": "member",
            "token_hash": secrets.token_hex(32),
            "expires_at": timezone.now() + timedelta(days=7),
        },
    )
    return invitation


PAGES = {
    "cooperation:home": ("get", None, everyone(200)),
    "cooperation:directory": ("get", None, everyone(200)),
    "cooperation:directory_pdf": (
        "get",
        None,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=200,
            coordinator=200,
        ),
    ),
    "cooperation:organisation_create": ("get", None, logged_in(200)),
    # org_a is hidden and works in Turku.
    "cooperation:organisation_detail": (
        "get",
        org_a,
        expect(
            anonymous=404,
            member=200,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "cooperation:my_account": ("get", None, logged_in(200)),
    # Everyone's own data only: nothing of another person is addressed by the URL.
    "cooperation:my_data": ("get", None, logged_in(200)),
    "cooperation:my_data_download": ("get", None, logged_in(200)),
    "cooperation:account_delete": ("get", None, logged_in(200)),
    "cooperation:privacy": ("get", None, everyone(200)),
    "cooperation:accessibility": ("get", None, everyone(200)),
    "cooperation:my_organisation": (
        "get",
        org_a,
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:organisation_edit": (
        "get",
        org_a,
        expect(
            anonymous=LOGIN,
            member=404,
            admin=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:organisation_confirm": (
        "post",
        org_a,
        expect(
            anonymous=LOGIN,
            member=404,
            admin=302,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:member_invite": (
        "get",
        org_a,
        expect(
            anonymous=LOGIN,
            member=404,
            admin=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:invitation_revoke": (
        "post",
        lambda w: {"pk": w.org_a.pk, "invitation_pk": w.invitation.pk},
        expect(
            anonymous=LOGIN,
            member=404,
            admin=302,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    # Allowed, the first post answers with the confirmation page.
    "cooperation:member_remove": (
        "post",
        lambda w: {"pk": w.org_a.pk, "membership_pk": w.membership.pk},
        expect(
            anonymous=LOGIN,
            member=404,
            admin=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:admin_hand_over": (
        "get",
        org_a,
        expect(
            anonymous=LOGIN,
            member=404,
            admin=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:organisation_leave": (
        "get",
        org_a,
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    # Only the invited address may accept; others see why they cannot.
    "cooperation:invitation_accept": (
        "get",
        lambda w: {"token": w.invitation_token},
        logged_in(200),
    ),
    # An invitation opened from the desk: only the invited person's, by pk.
    "cooperation:invitation_open": (
        "get",
        lambda w: {"pk": invitation_to_member(w).pk},
        expect(
            anonymous=LOGIN,
            member=200,
            admin=404,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:desk": ("get", None, logged_in(200)),
    # Anyone not yet a member may ask; the request goes to the admins.
    "cooperation:join_request": (
        "post",
        org_a,
        expect(
            anonymous=LOGIN,
            member=404,
            admin=404,
            other_org=302,
            official_same=302,
            official_other=302,
            coordinator=302,
        ),
    ),
    "cooperation:join_request_decide": (
        "post",
        lambda w: {"pk": join_request_to_org_a(w).pk},
        expect(
            anonymous=LOGIN,
            member=404,
            admin=302,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "cooperation:notice_settings": ("get", None, logged_in(200)),
    "healthz": ("get", None, everyone(200)),
    # The logo in every page's header, the login page's too.
    "cooperation:brand_logo": (
        "get",
        lambda w: {"version": int(the_brand(w).updated_at.timestamp())},
        everyone(200),
    ),
    "set_language": ("post", None, everyone(302)),
}

# model: (object builder, kind of admin expectations in tests/permission_matrix/admin.py)
ADMIN_MODELS = {
    # model: (object builder, expectation per role for the model's pages)
    Organisation: (lambda w: w.org_a, "scoped"),
    Membership: (lambda w: w.membership, "scoped"),
    Invitation: (lambda w: w.invitation, "scoped_readonly"),
    Official: (lambda w: Official.objects.get(user=w.official_same), "scoped"),
    Unit: (lambda w: w.unit, "scoped"),
    Theme: (lambda w: Theme.objects.first(), "shared"),
    TargetGroup: (lambda w: TargetGroup.objects.first(), "shared"),
    PublicBody: (lambda w: PublicBody.objects.get(code="853"), "reference"),
    User: (lambda w: w.ngo_member, "people"),
    EmailAddress: (lambda w: EmailAddress.objects.filter(user=w.ngo_member).first(), "technical"),
    Authenticator: (
        lambda w: Authenticator.objects.filter(user=w.official_same).first(),
        "technical",
    ),
    Group: (lambda w: Group.objects.get_or_create(name="Tekninen")[0], "technical"),
    AccessibilityFeedback: (
        lambda w: AccessibilityFeedback.objects.create(message="Kontrasti on heikko."),
        "feedback",
    ),
    Brand: (the_brand, "brand"),
}
