"""No personal identity code reaches the database, the logs, Celery's messages,
the mail, the search index or a PDF.

Every page of the permission matrix (and the admin's add and change pages, and
allauth's pages that store an address) is opened as each role that may open it;
each of its POST forms is filled as a person would, with a freshly generated,
valid identity code in every text field and in the name of every uploaded file,
and sent. Then the whole database (search vectors included), the log records, the
arguments of every task and every mail are searched for any valid identity code.
"""

from __future__ import annotations

import io
import itertools
import logging
import random
from datetime import date, timedelta

import pytest
from celery.app.task import Task
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from cooperation.privacy.personal_data import IDENTITY_CODE, find_personal_data
from cooperation.validators import _CHECK_CHARACTERS, identity_code_matches
from tests.helpers.files import pdf_bytes, png_bytes
from tests.helpers.form_walk import (  # noqa: F401 (autouse fixtures)
    GROUPS,
    discover,
    officials_hold_every_role,
    send,
    stored_rows,
)
from tests.helpers.personal_data_corpus import disguised_codes
from tests.permission_matrix import PAGES, ROLES

pytestmark = [pytest.mark.django_db, pytest.mark.walk]

_SIGNS = {1900: "-YXWVU", 2000: "ABCDEF"}
_random = random.Random(20261130)


def identity_code() -> str:
    """A valid personal identity code of a random person born 1930-2019."""
    born = date(1930, 1, 1) + timedelta(days=_random.randrange(90 * 365))
    sign = _random.choice(_SIGNS[1900 if born.year < 2000 else 2000])
    serial = f"{_random.randrange(2, 900):03d}"
    stem = f"{born:%d%m%y}"
    return f"{stem}{sign}{serial}{_CHECK_CHARACTERS[int(stem + serial) % 31]}"


_DISGUISES = itertools.cycle(sorted(disguised_codes("131052-308T")))


def disguised_identity_code() -> str:
    """A valid code of a person born in the 1900s, in each of the forms ordinary
    typing makes of it in turn (en-dash, zero-width characters, full-width
    digits, a line break inside...: tests/helpers/personal_data_corpus)."""
    born = date(1930, 1, 1) + timedelta(days=_random.randrange(70 * 365))
    serial = f"{_random.randrange(2, 900):03d}"
    stem = f"{born:%d%m%y}"
    code = f"{stem}-{serial}{_CHECK_CHARACTERS[int(stem + serial) % 31]}"
    return disguised_codes(code)[next(_DISGUISES)]


def codes_in(text: str) -> list[str]:
    """The identity codes in `text`, in whatever form they were typed."""
    return [found.text for found in find_personal_data(text, kinds=(IDENTITY_CODE,))]


def test_the_generator_makes_codes_the_detector_sees():
    codes = [identity_code() for _ in range(200)]
    assert all(len(list(identity_code_matches(f"x {code} y"))) == 1 for code in codes)


def _upload(accept: str):
    if "image" in accept:
        return SimpleUploadedFile(f"{identity_code()}.png", png_bytes(), "image/png")
    return SimpleUploadedFile(f"{identity_code()}.pdf", pdf_bytes(), "application/pdf")


def codes_in_database() -> list[str]:
    return [f"{table}: {code}" for table, text in stored_rows() for code in codes_in(text)]


@pytest.fixture
def sent_tasks(monkeypatch):
    """The arguments of every task sent (eager or through the broker)."""
    sent: list[str] = []
    original = Task.apply_async

    def recording(self, args=None, kwargs=None, *rest, **options):
        sent.append(f"{self.name} {args!r} {kwargs!r}")
        return original(self, args, kwargs, *rest, **options)

    monkeypatch.setattr(Task, "apply_async", recording)
    return sent


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_no_form_lets_an_identity_code_through(
    client, world, group, sent_tasks, mailoutbox, caplog, settings
):
    caplog.set_level(logging.DEBUG)
    settings.SIGNAL_RATE_LIMIT_PER_ADDRESS = 10_000
    forms = discover(client, world, GROUPS[group])
    not_refused = []
    for found in forms:
        sent = send(client, world, found, disguised_identity_code, _upload)
        if sent.status not in (200, 302, 400) or "Poista henkilötunnus" not in sent.readable:
            not_refused.append(f"{found.page} {found.role} {sent.action} {sent.status}")
    assert codes_in_database() == []
    assert [r.getMessage() for r in caplog.records if codes_in(r.getMessage())] == []
    assert [task for task in sent_tasks if codes_in(task)] == []
    mails = [f"{m.subject} {m.body} {m.alternatives!r}" for m in mailoutbox]
    assert [mail for mail in mails if codes_in(mail)] == []
    # Every form tried was refused with the guard's own message (in Finnish).
    assert not_refused == []
    print(f"{group}: {len(forms)} forms tried, {len(forms) - len(not_refused)} refused")


PDF_PAGES = sorted(name for name in PAGES if name.endswith("_pdf"))


def test_no_pdf_prints_an_identity_code_given_in_its_address(client, world):
    """The PDFs print their filters: a code typed into a search box must not show."""
    printed = []
    for name in PDF_PAGES:
        _method, kwargs_for, expected = PAGES[name]
        role = next(role for role in ROLES if expected[role] == 200)
        client.logout()
        if world.user(role) is not None:
            client.force_login(world.user(role))
        url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
        params = {key: identity_code() for key in ("q", "search", "municipality", "year", "theme")}
        response = client.get(url, params)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        printed += [f"{name}: {m.group()}" for m in identity_code_matches(text)]
    assert printed == []


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_class_of_the_portal_has_the_guard():
    """Forms no page shows yet (or only in states the walk above does not reach)
    are guarded too."""
    from django import forms
    from django.contrib import admin

    from cooperation.forms import IdentityCodeGuard

    ours = ("cooperation.", "signals.", "grants.", "partnerships.")
    unguarded = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in set(_subclasses(forms.BaseForm))
        if cls.__module__.startswith(ours)
        and not issubclass(cls, IdentityCodeGuard)
        # django-filter's forms only filter lists; nothing typed there is stored.
        and "filters" not in cls.__module__
    )
    assert unguarded == []
    for model_admin in admin.site._registry.values():
        if not model_admin.__module__.startswith(ours):
            continue
        for form_owner in (model_admin, *model_admin.inlines):
            assert issubclass(form_owner.form, IdentityCodeGuard), form_owner


def test_the_guard_reads_what_was_sent_file_names_included_but_not_passwords():
    from django import forms

    from cooperation.forms import IDENTITY_CODE_REFUSED, GuardedForm

    class Sample(GuardedForm):
        title = forms.CharField(max_length=5)  # too short for a code: refused twice
        note = forms.CharField(required=False)
        password = forms.CharField(widget=forms.PasswordInput)
        file = forms.FileField(required=False)

    code = identity_code()
    form = Sample(
        {"title": code, "note": f"Asiakas {code.lower()} soitti", "password": code},
        {"file": SimpleUploadedFile(f"{code}.pdf", pdf_bytes(), "application/pdf")},
    )
    assert not form.is_valid()
    refused = str(IDENTITY_CODE_REFUSED)
    for name in ("title", "note", "file"):
        assert form.has_error(name, "identity_code")
        assert any(error.startswith(refused) for error in form.errors[name])
    # The sender is shown what to remove, as it was typed.
    assert f"<mark>{code.lower()}</mark>" in form.errors["note"][0]
    assert "password" not in form.errors
    # Ordinary numbers that only look alike pass: no real date, or a wrong check character.
    assert Sample(
        {"title": "ok", "note": "Tilinumero 311399-1234, päivä 010203-123B", "password": "x"}
    ).is_valid()
