"""Whole journeys in a real browser, as a person would go through them."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from cooperation import services
from cooperation.models import Membership
from tests.factories import PASSWORD, OfficialFactory
from tests.helpers.officials import give_totp

SIGN_UP = {
    "fi": {
        "email": "Sähköposti",
        "password": "Salasana",
        "again": "Salasana (uudestaan)",
        "button": "Rekisteröidy",
        "confirm": "Vahvista",
        "accept": "Hyväksy kutsu",
    },
    "sv": {
        "email": "E-postadress",
        "password": "Lösenord",
        "again": "Lösenord (igen)",
        "button": "Registrera",
        "confirm": "Bekräfta",
        "accept": "Godkänn inbjudan",
    },
}


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_sign_up_verify_and_accept_an_invitation(new_page, live_server, world, language):
    _invitation, token = services.invitation_create(
        organisation=world.org_a,
        email="vapaaehtoinen@example.fi",
        role="member",
        by=world.ngo_admin,
    )
    words = SIGN_UP[language]
    page = new_page(language=language)
    page.goto(f"/invitations/{token}/")
    # Not logged in: the invitation asks for a login first; the visitor signs up.
    assert "/accounts/login/" in page.url
    page.goto("/accounts/signup/")
    page.get_by_label(words["email"], exact=False).first.fill("vapaaehtoinen@example.fi")
    page.locator("#id_password1").fill("pitkä-ja-hyvä-salasana-42")
    page.locator("#id_password2").fill("pitkä-ja-hyvä-salasana-42")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    message = next(m for m in reversed(mail.outbox) if "/accounts/confirm-email/" in m.body)
    assert message.to == ["vapaaehtoinen@example.fi"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(_path(link))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"/invitations/{token}/")
    page.get_by_role("button", name=words["accept"]).click()
    page.wait_for_load_state()
    assert f"/my/organisations/{world.org_a.pk}/" in page.url
    assert Membership.objects.filter(
        organisation=world.org_a, user__email="vapaaehtoinen@example.fi"
    ).exists()
    assert page.evaluate("document.documentElement.lang") == language


def test_official_logs_in_with_totp_and_reaches_the_admin(new_page, live_server, region_data):
    official = OfficialFactory(user__email="virkailija@turku.example.fi").user
    secret = give_totp(official)
    page = new_page(language="fi")
    page.goto("/admin/")
    assert "/accounts/login/" in page.url
    page.locator("#id_login").fill(official.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/accounts/2fa/authenticate/.*"))
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    assert page.locator("#site-name").count() == 1
    assert page.evaluate("document.documentElement.lang") == "fi"


def test_keyboard_reaches_the_skip_link_first(new_page, live_server, region_data):
    page = new_page(language="fi")
    page.goto("/organisations/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
