"""Hostile input: what every form and upload of the portal is fed
(tests/test_hostile_input.py).

Three kinds: text that must be refused (null bytes, endless lines), text that
may be stored but must never run (script and HTML injection, template syntax,
spreadsheet formulas: shown escaped everywhere), and files that are not what
they claim to be (refused by their content, whatever their name says)."""

from __future__ import annotations

import io
import zipfile

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from tests.helpers.files import pdf_bytes

# --- Text that must be refused ----------------------------------------------

REFUSED_TEXT = {
    "null byte": "Kokous\x00pidetään",
    # One line of 100 001 characters: longer than any text the portal keeps.
    "very long line": "Ä" * 100_001,
}
# Numbers and dates no form may take.
OUT_OF_RANGE = {
    "huge number": ("99999999999999999999999", ""),
    "not a number": ("1e309", ""),
    "negative": ("-5", ""),
    "date out of range": ("", "99999-12-31"),
    "impossible date": ("", "2026-02-30"),
}

# --- Text that may be stored but must never run --------------------------------

# Each carries the marker "kumppani_xss": if the marker is ever seen inside a tag
# that the page did not escape, something ran.
INJECTION = [
    "<script>kumppani_xss()</script>",
    '"><img src=x onerror=kumppani_xss()>',
    "'><svg onload=kumppani_xss()>",
    '<a href="javascript:kumppani_xss()">linkki</a>',
    '<img src="http://127.0.0.1:9/kumppani_xss.png">',
    "{{ kumppani_xss }}{% now 'Y' %}",
    "</textarea><script>kumppani_xss()</script>",
    '=HYPERLINK("http://127.0.0.1:9/kumppani_xss","klikkaa")',
    "\u202eekaf\u202c kumppani_xss \u200b\ufeff",
]
# What would be there if one of them were not escaped.
UNESCAPED = [
    "<script>kumppani_xss",
    "<img src=x onerror=kumppani_xss",
    "<svg onload=kumppani_xss",
    'href="javascript:kumppani_xss',
    '<img src="http://127.0.0.1:9/kumppani_xss',
]


# --- Files that are not what they claim ------------------------------------------


def _png(width=8, height=8) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("lasku.pdf.exe", b"MZ" + b"\0" * 64)
    return buffer.getvalue()


def _pdf(change) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_with_javascript(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('kumppani_xss');"),
        }
    )


def disguised_pdfs(max_bytes: int) -> dict[str, bytes]:
    """Files named .pdf and sent as application/pdf that must be refused."""
    valid = pdf_bytes()
    return {
        "HTML": b"<!DOCTYPE html><html><body><script>kumppani_xss()</script></body></html>",
        "PNG": _png(),
        "ZIP": _zip(),
        "Windows executable": b"MZ\x90\x00\x03" + b"\0" * 200 + b"This program cannot be run",
        "Linux executable": b"\x7fELF\x02\x01\x01" + b"\0" * 200,
        "encrypted PDF": _pdf(lambda w: w.encrypt("salainen")),
        "PDF with JavaScript": _pdf(_open_with_javascript),
        "PDF with an embedded file": _pdf(lambda w: w.add_attachment("x.exe", b"MZ")),
        "truncated PDF": valid[: len(valid) // 2],
        "empty": b"",
        "too big": valid + b"%" + b"0" * max_bytes,
    }


def disguised_images(max_bytes: int) -> dict[str, bytes]:
    """Files named .png and sent as image/png that must be refused."""
    return {
        "HTML": b"<html><script>kumppani_xss()</script></html>",
        "SVG with a script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>kumppani_xss()</script></svg>',
        "PDF": pdf_bytes(),
        "truncated PNG": _png()[:30],
        # 64 megapixels in a few kilobytes: over the 40 the portal decodes at most.
        "decompression bomb": _png(8_000, 8_000),
        "empty": b"",
        "too big": _png() + b"\0" * max_bytes,
    }
