"""The PDF check: files are judged by their content, never by name or claimed type."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from cooperation.lib.uploads import UploadRefused, check_pdf
from tests.helpers.files import pdf_bytes

LIMIT = 1024 * 1024


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _pdf(*, encrypt: bool = False, script: bool = False, attach: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if script:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert(1);"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attach:
        writer.add_attachment("payload.exe", b"MZ\x90\x00")
    if encrypt:
        writer.encrypt("salasana")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _upload(content: bytes, name: str = "liite.pdf"):
    return SimpleUploadedFile(name, content, "application/pdf")


def _zip() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("a.txt", "x")
    return output.getvalue()


def test_a_plain_pdf_is_accepted_with_its_hash_and_pages():
    checked = check_pdf(_upload(_pdf()), max_bytes=LIMIT)
    assert checked.pages == 1
    assert len(checked.sha256) == 64
    assert checked.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "not a PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not a PDF"),
        (_zip(), "not a PDF"),
        (b"MZ\x90\x00\x03" + b"\x00" * 64, "not a PDF"),
        (_pdf()[:200], "not a PDF"),  # truncated
        (b"%PDF-1.7\n%%EOF\n", "not a PDF"),  # a header and nothing else
        (b"%PDF-1.7\n" + b"\x00" * 500 + b"\n%%EOF", "not a PDF"),
        (_pdf(encrypt=True), "password"),
        (_pdf(script=True), "scripts"),
        (_pdf(attach=True), "embedded files"),
        (b"", "empty"),
    ],
    ids=[
        "html",
        "png",
        "zip",
        "exe",
        "truncated",
        "header-only",
        "garbage",
        "encrypted",
        "javascript",
        "embedded-file",
        "empty",
    ],
)
def test_files_that_are_not_plain_pdfs_are_refused_with_a_clear_message(content, message):
    with pytest.raises(UploadRefused, match=message):
        check_pdf(_upload(content), max_bytes=LIMIT)


def test_an_oversized_file_is_refused_before_it_is_read_whole():
    content = _pdf() + b"%" * LIMIT
    with pytest.raises(UploadRefused, match="too big"):
        check_pdf(_upload(content), max_bytes=LIMIT)


def test_the_claimed_name_and_type_do_not_matter():
    assert (
        check_pdf(SimpleUploadedFile("kuva.png", _pdf(), "image/png"), max_bytes=LIMIT).pages == 1
    )


# --- Read as a PDF reader reads them -----------------------------------------

_EXPECTED_REASON = {
    "JavaScript spelt with #xx escapes": "scripts",
    "script on the page's additional actions": "scripts",
    "script on an annotation": "scripts",
    "script on an annotation's additional actions": "scripts",
    "embedded file reached through an annotation": "embedded files",
    "XFA form with a script": "XFA form",
    "form submitted when the page opens": "send or fetch form data",
    "open action calling a web address": "web addresses",
    "open action launching a program": "start a program",
    "open action opening another file": "open other files",
    "form data imported": "send or fetch form data",
    "JavaScript in the names tree": "scripts",
    "rich media annotation": "embedded media",
    "200 kB that inflates to 200 MB": "too large when unpacked",
}


@pytest.mark.parametrize("name", sorted(_EXPECTED_REASON))
def test_what_a_reader_would_run_open_send_or_unpack_is_refused_saying_why(name):
    from tests.helpers.hostile_corpus import active_pdfs

    content = active_pdfs()[name]
    assert len(content) < 400_000
    with translation.override("en"), pytest.raises(UploadRefused) as refused:
        check_pdf(SimpleUploadedFile("liite.pdf", content), max_bytes=10 * 1024 * 1024)
    assert _EXPECTED_REASON[name] in refused.value.message
    assert "plain PDF" in refused.value.message


def test_a_document_of_too_many_objects_is_refused(monkeypatch):
    from cooperation.lib import uploads

    monkeypatch.setattr(uploads, "MAX_PDF_OBJECTS", 2)
    with translation.override("en"), pytest.raises(UploadRefused) as refused:
        check_pdf(SimpleUploadedFile("liite.pdf", pdf_bytes(pages=3)), max_bytes=10**7)
    assert "too many parts" in refused.value.message


def test_a_photo_of_too_many_pixels_is_refused_from_its_header():
    from cooperation.lib.uploads import check_image
    from tests.helpers.hostile_corpus import _png

    bomb = _png(6_000, 6_000)  # 36 megapixels
    assert len(bomb) < 10_000
    with translation.override("en"), pytest.raises(UploadRefused) as refused:
        check_image(SimpleUploadedFile("kuva.png", bomb), max_bytes=10**7)
    assert "at most 24 megapixels" in refused.value.message
