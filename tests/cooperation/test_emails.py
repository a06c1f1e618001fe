"""Every mail extends one base (HTML and text), and speaks the recipient's language
down to its `<html lang>`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from cooperation import emails
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
MAIL_TEMPLATES = sorted(
    path
    for app in ("cooperation", "signals", "grants", "partnerships")
    for path in (ROOT / app / "templates").rglob("email/*")
    if path.suffix in (".html", ".txt") and not path.stem.startswith("base")
)


def test_the_mail_templates_are_found():
    assert len(MAIL_TEMPLATES) >= 30


@pytest.mark.parametrize("path", MAIL_TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_mail_extends_the_base(path):
    base = "base_subject.txt" if path.name.endswith("_subject.txt") else f"base{path.suffix}"
    first = path.read_text(encoding="utf-8").split("%}", 1)[0]
    assert first == f'{{% extends "cooperation/email/{base}" '


@pytest.mark.parametrize(
    ("language", "greeting"),
    [("fi", "Sinut on kutsuttu"), ("sv", "Du har bjudits in"), ("en", "You have been invited")],
)
def test_a_mail_is_in_the_recipients_language_down_to_its_html_lang(world, language, greeting):
    organisation = OrganisationFactory(name="Äidit & Isät ry")
    emails.send_templated(
        to=["uusi.jasen@example.fi"],
        template="cooperation/email/invitation",
        context={
            "invitation": world.invitation,
            "organisation": organisation,
            "url": "https://kumppani.example.fi/kutsu/",
        },
        language=language,
    )
    message = mail.outbox[-1]
    html = message.alternatives[0][0]
    assert re.search(rf'<html lang="{language}">', html), html[:200]
    assert greeting in message.body
    assert greeting in html
    # The subject and the text part are plain text, the HTML part is escaped.
    assert "Äidit & Isät ry" in message.subject
    assert "Äidit & Isät ry" in message.body
    assert "Äidit &amp; Isät ry" in html
    assert f"<title>{message.subject.replace('&', '&amp;')}</title>" in html
    assert "{%" not in message.body + html
