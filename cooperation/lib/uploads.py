"""Checks of uploaded files. A file is judged by its content, never by its name
or the type the browser claims."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from cooperation.errors import DomainError

logger = logging.getLogger(__name__)

# Names that make a PDF run something when opened; such a file is refused.
_ACTIVE_CONTENT = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia)(?![A-Za-z0-9])")


class UploadRefused(DomainError):
    """The file is too big, is not what it claims, or cannot be read safely."""


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    sha256: str
    pages: int
    extension: str = "pdf"


def read_limited(upload: UploadedFile, *, max_bytes: int) -> bytes:
    """The upload's bytes, refused without reading further once past `max_bytes`."""
    if upload.size is not None and upload.size > max_bytes:
        raise UploadRefused(_too_big(max_bytes))
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise UploadRefused(_too_big(max_bytes))
    if not content:
        raise UploadRefused(_("The file is empty."))
    return content


def _too_big(max_bytes: int) -> str:
    return _("The file is too big: at most %(size)s.") % {"size": filesizeformat(max_bytes)}


# What a PDF reader would run, open or send on its own, refused wherever it
# stands (catalogue, pages, annotations, form fields, name trees): the names
# are compared as pypdf decodes them, so /J#61vaScript is /JavaScript.
_ACTIONS_REFUSED = {
    "/JavaScript": "script",
    "/Launch": "launch",
    "/SubmitForm": "submit",
    "/ImportData": "submit",
    "/URI": "address",
    "/GoToR": "file",
    "/GoToE": "file",
    "/Rendition": "media",
}
_KEYS_REFUSED = {
    "/JS": "script",
    "/JavaScript": "script",
    "/XFA": "xfa",
    "/EmbeddedFiles": "embedded",
    "/EmbeddedFile": "embedded",
    "/EF": "embedded",
    "/RichMediaContent": "media",
    "/RichMediaSettings": "media",
}
_SUBTYPES_REFUSED = {
    "/FileAttachment": "embedded",
    "/RichMedia": "media",
    "/Movie": "media",
    "/Sound": "media",
    "/Screen": "media",
}
# Ceilings on what the document makes of itself when read: a file of 200 kB
# may inflate to gigabytes, or hold millions of tiny objects.
MAX_PDF_OBJECTS = 200_000
MAX_PDF_INFLATED_BYTES = 100 * 1024 * 1024


class _Refused(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _inflated_size(stream: StreamObject, allowance: int) -> int:
    """How many bytes the stream's compressed data inflates to, read only up to
    `allowance` (never the whole of a bomb)."""
    raw = getattr(stream, "_data", b"") or b""
    filters = stream.get("/Filter")
    names = filters if isinstance(filters, ArrayObject) else [filters] if filters else []
    if "/FlateDecode" not in names and "/Fl" not in names:
        return len(raw)
    inflater = zlib.decompressobj()
    size = 0
    data = raw
    while data and size <= allowance:
        try:
            chunk = inflater.decompress(data, 1024 * 1024)
        except zlib.error:
            return size  # pypdf reads what it can of a damaged stream, so may we
        size += len(chunk)
        data = inflater.unconsumed_tail
        if not chunk:
            break
    return size


def _active_content(reader: PdfReader) -> str | None:
    """The first reason to refuse the document found by walking every object
    reachable from its trailer, or None."""
    pending: list = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    inflated = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_PDF_OBJECTS:
                raise _Refused("complex")
            item = item.get_object()
        if isinstance(item, StreamObject):
            inflated += _inflated_size(item, MAX_PDF_INFLATED_BYTES - inflated)
            if inflated > MAX_PDF_INFLATED_BYTES:
                raise _Refused("inflated")
        if isinstance(item, DictionaryObject):
            for key, value in dict.items(item):
                if key in _KEYS_REFUSED:
                    return _KEYS_REFUSED[key]
                if key == "/S" and value in _ACTIONS_REFUSED:
                    return _ACTIONS_REFUSED[value]
                if key == "/Subtype" and value in _SUBTYPES_REFUSED:
                    return _SUBTYPES_REFUSED[value]
                pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return None


def _refusal(reason: str) -> str:
    return (
        {
            "script": _("The PDF contains scripts."),
            "launch": _("The PDF would start a program."),
            "submit": _("The PDF would send or fetch form data."),
            "address": _("The PDF contains links or actions that open web addresses."),
            "file": _("The PDF would open other files."),
            "media": _("The PDF contains embedded media."),
            "xfa": _("The PDF contains an XFA form."),
            "embedded": _("The PDF contains embedded files."),
            "inflated": _("The PDF is too large when unpacked."),
            "complex": _("The PDF has too many parts to be checked."),
        }[reason]
        + " "
        + _("Save or print it as a plain PDF and try again.")
    )


def check_pdf(upload: UploadedFile, *, max_bytes: int) -> CheckedFile:
    """A readable, unencrypted PDF with at least one page and nothing a reader
    would run, open, send or unpack past the ceilings."""
    content = read_limited(upload, max_bytes=max_bytes)
    not_pdf = _("The file is not a PDF document. Save it as PDF and try again.")
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise UploadRefused(not_pdf)
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRefused(
                _("The PDF is password-protected. Save it without a password and try again.")
            )
        pages = len(reader.pages)
        reason = _active_content(reader)
    except UploadRefused:
        raise
    except _Refused as refused:
        raise UploadRefused(_refusal(refused.reason)) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        logger.info("unreadable PDF refused: %s", type(error).__name__)
        raise UploadRefused(not_pdf) from error
    if pages < 1:
        raise UploadRefused(not_pdf)
    if reason is None and _ACTIVE_CONTENT.search(content):
        reason = "script"  # a name in plain bytes that no reachable object holds
    if reason is not None:
        raise UploadRefused(_refusal(reason))
    return CheckedFile(content=content, sha256=hashlib.sha256(content).hexdigest(), pages=pages)


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    extension: str  # "jpg" or "png": what the content is, whatever the name said


# A photo of a room needs no more; a few kilobytes that claim 36 megapixels are
# a "decompression bomb", refused from the header before anything is decoded.
MAX_IMAGE_PIXELS = 24_000_000


def check_image(upload: UploadedFile, *, max_bytes: int) -> CheckedImage:
    """A JPEG or PNG photo that Pillow can decode, within the size and at most
    MAX_IMAGE_PIXELS."""
    content = read_limited(upload, max_bytes=max_bytes)
    not_image = _("The file is not a JPEG or PNG image.")
    if content.startswith(b"\xff\xd8\xff"):
        extension, expected = "jpg", "JPEG"
    elif content.startswith(b"\x89PNG\r\n\x1a\n"):
        extension, expected = "png", "PNG"
    else:
        raise UploadRefused(not_image)
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != expected:
                raise UploadRefused(not_image)
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UploadRefused(
                    _("The image is too large: at most %(megapixels)s megapixels.")
                    % {"megapixels": MAX_IMAGE_PIXELS // 1_000_000}
                )
            image.verify()
    except UploadRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        logger.info("unreadable image refused: %s", type(error).__name__)
        raise UploadRefused(not_image) from error
    return CheckedImage(content=content, extension=extension)


# --- Storing what was checked ------------------------------------------------


def checked_content(checked: CheckedFile | CheckedImage, *, stem: str) -> ContentFile:
    """The checked bytes as a file named by us (`stem` and the extension the
    content has): the uploader's file name never reaches the disk."""
    return ContentFile(checked.content, name=f"{stem}.{checked.extension}")


@contextmanager
def stored_upload(
    field_file: FieldFile, checked: CheckedFile | CheckedImage, *, stem: str
) -> Iterator[None]:
    """Write the checked bytes into `field_file` under our own name, then run the
    block that stores the row. If the block fails, the file is removed again, so
    no file is left behind without its row."""
    name = f"{stem}.{checked.extension}"
    field_file.save(name, checked_content(checked, stem=stem), save=False)
    stored = field_file.name
    try:
        yield
    except BaseException:
        if stored:
            field_file.storage.delete(stored)
        raise
