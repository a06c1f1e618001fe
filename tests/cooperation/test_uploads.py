"""The PDF check: files are judged by their content, never by name or claimed type."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from cooperation.lib.uploads import UploadRefused, check_pdf

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
        (_pdf(attach=True), "scripts or embedded files"),
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
