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


# --- Every mail, in every language -------------------------------------------

ALLAUTH_TEMPLATES = Path(__import__("allauth").__file__).parent / "templates"
ALLAUTH_MAILS = sorted(
    path
    for folder in ("account/email", "mfa/email")
    for path in (ALLAUTH_TEMPLATES / folder).glob("*.txt")
    if not path.stem.startswith("base")
)


def _template_name(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("templates") + 1 :])


def _prose(text: str, html: bool, language: str) -> list[str]:
    """The lines of a mail that are sentences (two words or more)."""
    from tests.helpers.reading import pieces

    lines = [piece for piece, _ in pieces(text, language)] if html else text.splitlines()
    return [
        " ".join(line.split())
        for line in lines
        # The site's name alone is the same in every language.
        if len(re.findall(r"[^\W\d_]{2,}", line.replace(settings.SITE_NAME, ""))) >= 2
    ]


@pytest.mark.parametrize(
    "path",
    [*MAIL_TEMPLATES, *ALLAUTH_MAILS],
    ids=lambda path: _template_name(path),
)
def test_every_mail_is_written_in_finnish_and_swedish(path):
    """Each mail template, rendered for fi, sv and en with the site's name: the
    Finnish and Swedish texts share no sentence with the English one, and
    none prints template syntax or "None"."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from cooperation.models import User
    from tests.helpers.reading import problems

    name = _template_name(path)
    html = path.suffix == ".html"
    # What the templates count or hand to tags; the rest is left empty.
    context = {
        "current_site": emails.portal_site(),
        "user": User(full_name="Maija Meikäläinen", email="maija@example.fi"),
        "digest": {"kind": "new", "signal_count": 2, "iso_week": 49, "municipality": {}},
        "counter": 2,
        "count": 2,
    }
    rendered = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            rendered[language] = render_to_string(name, {**context, "LANGUAGE_CODE": language})
    english = set(_prose(rendered["en"], html, "en"))
    for language in ("fi", "sv"):
        shared = [line for line in _prose(rendered[language], html, language) if line in english]
        assert not shared, f"{name} in {language} has English: {shared}"
        # Rendered without its objects, a sentence has gaps ("voimassa ."):
        # the punctuation is read in the mails the suite really sends.
        found = problems(rendered[language], language, html=html)
        assert [p for p in found if not p.startswith("stray punctuation")] == [], name
    if name.startswith("account/email/") and name.endswith("_message.txt"):
        assert "Kumppani" in rendered["fi"]  # greets from the site's name
