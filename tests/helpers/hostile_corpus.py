"""Hostile input: what every form and upload of the portal is fed
(tests/test_hostile_input.py).

Three kinds: text that must be refused (null bytes, endless lines), text that
may be stored but must never run (script and HTML injection, template syntax,
spreadsheet formulas: shown escaped everywhere), and files that are not what
they claim to be (refused by their content, whatever their name says)."""

from __future__ import annotations

import functools
import io
import zipfile
import zlib

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


def raw_pdf(catalogue: bytes = b"", page: bytes = b"", extra: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF written byte by byte, so that names can be spelt as an
    attacker spells them (/J#61vaScript): object 1 the catalogue, 2 the pages,
    3 the page, 4 onwards `extra`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalogue + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page + b" >>",
        *extra,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes, *, compress: bool = False, entries: bytes = b"") -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        entries += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


@functools.cache
def _inflating(size: int) -> bytes:
    """`size` zero bytes, compressed: a few hundred kilobytes for 200 MB."""
    squeezer = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    data = b"".join(squeezer.compress(chunk) for _ in range(size // len(chunk)))
    return data + squeezer.flush()


def active_pdfs() -> dict[str, bytes]:
    """PDFs that a reader would run, open, send or unpack on its own, each as an
    outside test wrote it: all of them must be refused."""
    script = b"<< /S /JavaScript /JS (app.alert('kumppani_xss')) >>"
    bomb = _inflating(200 * 1024 * 1024)
    return {
        "JavaScript spelt with #xx escapes": raw_pdf(
            catalogue=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"
        ),
        "script on the page's additional actions": raw_pdf(page=b"/AA << /O " + script + b" >>"),
        "script on an annotation": raw_pdf(
            page=b"/Annots [4 0 R]",
            extra=(b"<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A " + script + b" >>",),
        ),
        "script on an annotation's additional actions": raw_pdf(
            page=b"/Annots [4 0 R]",
            extra=(
                b"<< /Type /Annot /Subtype /Widget /Rect [0 0 50 50] /AA << /E "
                + script
                + b" >> >>",
            ),
        ),
        "embedded file reached through an annotation": raw_pdf(
            page=b"/Annots [4 0 R]",
            extra=(
                b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 50 50] /FS 5 0 R >>",
                b"<< /Type /Filespec /F (x.exe) /UF (x.exe) /E#46 << /F 6 0 R >> >>",
                _stream(b"MZ" + b"\0" * 64, entries=b" /Type /EmbeddedFile"),
            ),
        ),
        "XFA form with a script": raw_pdf(
            catalogue=b"/AcroForm << /Fields [] /XFA 4 0 R >>",
            extra=(_stream(b"<xdp:xdp><script>app.alert(1)</script></xdp:xdp>"),),
        ),
        "form submitted when the page opens": raw_pdf(
            page=b"/AA << /O << /S /SubmitForm /F << /FS /URL /F (https://example.invalid/x) >> >> >>"
        ),
        "open action calling a web address": raw_pdf(
            catalogue=b"/OpenAction << /S /URI /URI (https://example.invalid/track) >>"
        ),
        "open action launching a program": raw_pdf(
            catalogue=b"/OpenAction << /S /Launch /F (cmd.exe) >>"
        ),
        "open action opening another file": raw_pdf(
            catalogue=b"/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >>"
        ),
        "form data imported": raw_pdf(catalogue=b"/OpenAction << /S /ImportData /F (data.fdf) >>"),
        "JavaScript in the names tree": raw_pdf(
            catalogue=b"/Names << /JavaScript << /Names [(a) " + script + b"] >> >>"
        ),
        "rich media annotation": raw_pdf(
            page=b"/Annots [4 0 R]",
            extra=(b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 50 50] >>",),
        ),
        "200 kB that inflates to 200 MB": raw_pdf(
            page=b"/Contents 4 0 R", extra=(_stream(bomb, entries=b" /Filter /FlateDecode"),)
        ),
    }


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
        **active_pdfs(),
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
        # 64 and 36 megapixels in a few kilobytes: over the 24 the portal takes.
        "decompression bomb": _png(8_000, 8_000),
        "36 megapixels in 4 kB": _png(6_000, 6_000),
        "empty": b"",
        "too big": _png() + b"\0" * max_bytes,
    }
