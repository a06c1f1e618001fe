"""Every form and upload of the portal fed the hostile corpus (tests/helpers/hostile_corpus.py).

- Text that must be refused, and numbers and dates out of range: each form
  answers with a clear message (no server error), and nothing of it is stored.
  Bytes that are not UTF-8 never cause a server error (Django reads them as
  U+FFFD).
- Injection: what is stored is shown escaped on every page, in the admin, in
  mail and CSV; no PDF fetches anything.
- Disguised and oversized files: each is refused with a message and no file or
  row is kept.

Each test records how many were tried and how many accepted; the terminal
summary prints them (tests/conftest.py).
"""

from __future__ import annotations

import csv
import io
import itertools
import logging
from urllib.parse import quote_from_bytes, quote_plus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.helpers.files import pdf_bytes
from tests.helpers.form_walk import (  # noqa: F401 (autouse fixtures)
    GROUPS,
    PAGES_WITH_ROLES,
    discover,
    log_in,
    officials_hold_every_role,
    send,
    stored_rows,
)
from tests.helpers.hostile_corpus import (
    INJECTION,
    OUT_OF_RANGE,
    REFUSED_TEXT,
    UNESCAPED,
    disguised_images,
    disguised_pdfs,
)
from tests.helpers.html_forms import fill
from tests.permission_matrix import PAGES, ROLES

pytestmark = [pytest.mark.django_db, pytest.mark.walk]

# Markers of a refusal a person can read: a field's error, the admin's note, a
# message at the top of the page.
_REFUSAL_MARKS = ('class="errorlist', 'class="errornote"', "message-error")
MAX_UPLOAD = 60_000


def _refused(sent) -> bool:
    if sent.refusal:  # a message on the page the form's redirect leads to
        return True
    return sent.status in (200, 400) and any(mark in sent.page for mark in _REFUSAL_MARKS)


def test_the_groups_cover_every_page():
    assert sorted(itertools.chain(*GROUPS.values())) == sorted(PAGES_WITH_ROLES)


def _stored_text() -> str:
    return "\n".join(text for _table, text in stored_rows())


BROKEN_UTF8_MARK = "\uffffbroken"
# Bytes that are not UTF-8: a lone continuation byte, a cut sequence, an overlong
# encoding of "/", and a UTF-16 surrogate encoded as UTF-8.
BROKEN_UTF8 = b"Testi \x80 \xc3( \xc0\xaf \xed\xa0\x80 loppu"


def _urlencode_with_broken_utf8(data: dict) -> str:
    pairs = []
    for name, values in data.items():
        for value in values if isinstance(values, list) else [values]:
            raw = BROKEN_UTF8 if value == BROKEN_UTF8_MARK else str(value).encode()
            pairs.append(f"{quote_plus(name)}={quote_from_bytes(raw)}")
    return "&".join(pairs)


def _harmless_upload(accept):
    return SimpleUploadedFile("liite.pdf", pdf_bytes(), "application/pdf")


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_refused_text_numbers_and_dates(client, world, group, settings, record_property):
    settings.SIGNAL_RATE_LIMIT_PER_ADDRESS = 100_000
    settings.SIGNAL_RATE_LIMIT_PER_LINK = 100_000
    forms = discover(client, world, GROUPS[group])
    counts, accepted = {}, []
    for category, text in REFUSED_TEXT.items():
        for found in forms:
            sent = send(client, world, found, lambda t=text: t, _harmless_upload)
            counts.setdefault(category, [0, 0])[0] += 1
            if not _refused(sent):
                counts[category][1] += 1
                accepted.append(f"{category}: {found.role} {sent.action} {sent.status}")
    for category, (number, day) in OUT_OF_RANGE.items():
        kind = "number" if number else "date"
        for found in forms:
            if not any(f.type == kind for f in found.form.fields):
                continue
            sent = send(
                client, world, found, lambda: "Testi", _harmless_upload, number=number, day=day
            )
            counts.setdefault(category, [0, 0])[0] += 1
            if not _refused(sent):
                counts[category][1] += 1
                accepted.append(f"{category}: {found.role} {sent.action} {sent.status}")
    server_errors = []
    broken = 0
    for found in forms:
        if any(f.type == "file" for f in found.form.fields):
            continue  # the multipart forms are fed broken bytes by the upload test
        log_in(client, world, found.role)
        data, _texts = fill(found.form, lambda: BROKEN_UTF8_MARK, _harmless_upload)
        response = client.post(
            found.form.action or found.url,
            _urlencode_with_broken_utf8(data),
            content_type="application/x-www-form-urlencoded",
        )
        broken += 1
        if response.status_code >= 500:
            server_errors.append(f"broken UTF-8: {found.role} {found.form.action}")
    record_property(
        "hostile", f"{group} / broken UTF-8: {broken} tried, {len(server_errors)} server errors"
    )
    for category, (tried, taken) in counts.items():
        record_property("hostile", f"{group} / {category}: {tried} tried, {taken} accepted")
    assert accepted == []
    assert server_errors == []
    stored = _stored_text()
    assert "\x00" not in stored
    assert "Ä" * 5001 not in stored  # no text field keeps more than 5 000 characters


def test_injection_is_stored_only_as_text(
    client, world, settings, mailoutbox, caplog, record_property
):
    """Script, HTML and template syntax through every form; then every page as
    every role, the admin, the mail, the CSV files and the PDFs."""
    caplog.set_level(logging.WARNING, logger="cooperation.lib.pdf")
    settings.SIGNAL_RATE_LIMIT_PER_ADDRESS = 100_000
    settings.SIGNAL_RATE_LIMIT_PER_LINK = 100_000
    payloads = itertools.cycle(INJECTION)
    forms = discover(client, world, sorted(PAGES_WITH_ROLES))
    taken = 0
    for found in forms:
        sent = send(client, world, found, lambda: next(payloads), _harmless_upload)
        taken += not _refused(sent)
    record_property("hostile", f"injection: {len(forms)} tried, {taken} accepted (as text)")
    assert "kumppani_xss" in _stored_text()  # the walk did store some

    unescaped = []
    csv_formulas = []
    for name, (_method, kwargs_for, expected) in PAGES.items():
        if _method != "get":
            continue
        roles = [role for role in ROLES if expected[role] == 200]
        if name.endswith(("_pdf", "_csv", "_ical")):
            roles = roles[:1]  # a file is the same for everyone who may have it
        for role in roles:
            log_in(client, world, role)
            url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
            response = client.get(url)
            kind = response.get("Content-Type", "")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if "text/html" in kind:
                html = body.decode()
                unescaped += [f"{role} {url}: {mark}" for mark in UNESCAPED if mark in html]
            elif "text/csv" in kind:
                for row in csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"):
                    csv_formulas += [cell for cell in row if cell[:1] in ("=", "+", "@")]
    for name in sorted(PAGES_WITH_ROLES):
        if name.startswith("admin:") and name.endswith("_change"):
            kwargs_for, roles = PAGES_WITH_ROLES[name]
            log_in(client, world, roles[-1])
            html = client.get(reverse(name, kwargs=kwargs_for(world))).content.decode()
            unescaped += [f"{name}: {mark}" for mark in UNESCAPED if mark in html]
    assert unescaped == []
    assert csv_formulas == []
    for mail in mailoutbox:
        for html, _type in mail.alternatives:
            assert not [mark for mark in UNESCAPED if mark in html], mail.subject
    refused_fetches = [
        r.getMessage() for r in caplog.records if "refused to fetch" in r.getMessage()
    ]
    assert refused_fetches == []  # user text never became an element that fetches


@pytest.mark.parametrize("kind", ["pdf", "image"])
def test_disguised_and_oversized_files_are_refused(client, world, settings, kind, record_property):
    for setting in (
        "GRANT_ATTACHMENT_MAX_BYTES",
        "AGREEMENT_DOCUMENT_MAX_BYTES",
        "CHECKLIST_DOCUMENT_MAX_BYTES",
        "SPACE_PHOTO_MAX_BYTES",
    ):
        setattr(settings, setting, MAX_UPLOAD)
    corpus = disguised_pdfs(MAX_UPLOAD) if kind == "pdf" else disguised_images(MAX_UPLOAD)
    forms = [
        found
        for found in discover(client, world, sorted(PAGES_WITH_ROLES))
        if any(
            f.type == "file" and (("image" in f.accept) == (kind == "image"))
            for f in found.form.fields
        )
    ]
    assert forms, "no upload form found"
    media = settings.MEDIA_ROOT
    before = (
        sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())
        if media.exists()
        else []
    )
    accepted = []
    tried = 0
    suffix, mime = ("png", "image/png") if kind == "image" else ("pdf", "application/pdf")
    for label, content in corpus.items():
        for found in forms:
            tried += 1
            sent = send(
                client,
                world,
                found,
                lambda: "Liite",
                lambda accept, c=content: SimpleUploadedFile(f"liite.{suffix}", c, mime),
            )
            if not _refused(sent):
                accepted.append(f"{label}: {found.role} {sent.action} {sent.status}")
    record_property("hostile", f"{kind} uploads: {tried} tried, {len(accepted)} accepted")
    assert accepted == []
    after = (
        sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())
        if media.exists()
        else []
    )
    assert after == before  # nothing kept half-way
