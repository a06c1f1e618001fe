"""Sign-up, e-mail verification, two factors for officials, rate limits, the admin's login."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.urls import reverse

from cooperation.models import Official, OfficialRole, User
from tests.factories import PASSWORD, OfficialFactory, UserFactory
from tests.helpers.officials import give_totp

pytestmark = pytest.mark.django_db


def totp_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_sign_up_requires_e_mail_verification(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "uusi@example.fi",
            "password1": "pitkä-salasana-123",
            "password2": "pitkä-salasana-123",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="uusi@example.fi")
    assert not EmailAddress.objects.get(user=user).verified
    # Not logged in until the address is verified.
    assert client.get(reverse("cooperation:my_account")).status_code == 302
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("cooperation:my_account")).status_code == 200


def test_unverified_user_cannot_log_in(client):
    UserFactory(email="nover@example.fi", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "nover@example.fi", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("cooperation:my_account")).status_code == 302


def test_official_without_totp_is_sent_to_set_it_up(client):
    official = OfficialFactory().user
    client.post(reverse("account_login"), {"login": official.email, "password": PASSWORD})
    response = client.get(reverse("cooperation:directory"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("admin:index")).status_code == 302
    # The set-up page is reachable (allauth first asks for the password again).
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"].startswith("/accounts/")


def test_ngo_user_is_not_forced_to_use_totp(client, world):
    client.force_login(world.ngo_member)
    assert client.get(reverse("cooperation:directory")).status_code == 200


def test_official_logs_in_with_password_and_totp_and_reaches_the_admin(client):
    official = OfficialFactory().user
    secret = give_totp(official)
    response = client.post(
        reverse("account_login"), {"login": official.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not logged in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_wrong_totp_code_does_not_log_in(client):
    official = OfficialFactory().user
    give_totp(official)
    client.post(reverse("account_login"), {"login": official.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_officials_cannot_switch_totp_off(client, world):
    client.force_login(world.official_same)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert world.official_same.authenticator_set.filter(type="totp").exists()
    assert response.status_code in {200, 302, 403, 404}


def test_official_sessions_are_short(client, world):
    client.force_login(world.official_same)
    client.get(reverse("cooperation:home"))
    assert client.session.get_expiry_age() == settings.OFFICIAL_SESSION_SECONDS
    client.force_login(world.ngo_member)
    client.get(reverse("cooperation:home"))
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_login_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,3/5m/key"}
    user = UserFactory()
    for _ in range(3):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    # Even the right password is refused while the account is throttled.
    assert response.status_code in {200, 429}
    assert client.get(reverse("cooperation:my_account")).status_code == 302


def test_admin_login_goes_through_the_portal_login(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_coordinator_cannot_grant_themselves_a_role(client, world):
    coordinator = world.coordinator
    own = Official.objects.create(
        user=coordinator, municipality=Official.objects.first().municipality
    )
    client.force_login(coordinator)
    url = reverse("admin:cooperation_official_change", args=[own.pk])
    response = client.post(
        url,
        {
            "user": coordinator.pk,
            "municipality": own.municipality_id,
            "title": "",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-role": OfficialRole.Role.GRANT_OFFICER,
        },
    )
    assert response.status_code == 403
    assert not own.roles.exists()


def test_coordinator_grants_a_role_to_an_official(client, world):
    official = Official.objects.get(user=world.official_same)
    client.force_login(world.coordinator)
    url = reverse("admin:cooperation_official_change", args=[official.pk])
    existing = official.roles.get()
    response = client.post(
        url,
        {
            "user": official.user_id,
            "municipality": official.municipality_id,
            "title": "Koordinaattori",
            "phone": "",
            "unit": "",
            "roles-TOTAL_FORMS": "2",
            "roles-INITIAL_FORMS": "1",
            "roles-0-id": existing.pk,
            "roles-0-official": official.pk,
            "roles-0-role": existing.role,
            "roles-1-official": official.pk,
            "roles-1-role": OfficialRole.Role.GRANT_OFFICER,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(official.roles.values_list("role", flat=True)) == {existing.role, "grant_officer"}


def test_official_cannot_change_roles_at_all(client, world):
    official = Official.objects.get(user=world.official_same)
    client.force_login(world.official_same)
    url = reverse("admin:cooperation_official_change", args=[official.pk])
    response = client.post(
        url,
        {
            "user": official.user_id,
            "municipality": official.municipality_id,
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-role": "grant_officer",
        },
    )
    assert response.status_code == 403
    assert list(official.roles.values_list("role", flat=True)) == ["ngo_team"]


def test_coordinator_cannot_make_anyone_a_coordinator(client, world):
    client.force_login(world.coordinator)
    url = reverse("admin:cooperation_user_change", args=[world.ngo_member.pk])
    client.post(
        url,
        {
            "email": world.ngo_member.email,
            "full_name": "x",
            "preferred_language": "fi",
            "is_active": "on",
            "is_coordinator": "on",
            "is_superuser": "on",
        },
    )
    world.ngo_member.refresh_from_db()
    assert not world.ngo_member.is_coordinator
    assert not world.ngo_member.is_superuser


def test_login_switches_to_the_users_preferred_language(client):
    user = UserFactory(preferred_language="sv")
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.get(reverse("cooperation:my_account"))
    assert '<html lang="sv">' in response.content.decode()


def test_saving_the_preferred_language_switches_the_portal(client, world):
    client.force_login(world.ngo_member)
    response = client.post(
        reverse("cooperation:my_account"),
        {"full_name": "Mikko", "preferred_language": "en"},
        follow=True,
    )
    assert '<html lang="en">' in response.content.decode()
    assert "Your details were saved." in response.content.decode()


def test_a_new_user_keeps_the_language_they_signed_up_in(client):
    client.cookies["django_language"] = "sv"
    client.post(
        reverse("account_signup"),
        {
            "email": "svensk@example.fi",
            "password1": "långt-lösenord-123",
            "password2": "långt-lösenord-123",
        },
    )
    assert User.objects.get(email="svensk@example.fi").preferred_language == "sv"
