"""Checks of uploaded files. A file is judged by its content, never by its name
or the type the browser claims."""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

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


def _catalogue_is_active(reader: PdfReader) -> bool:
    """Scripts or files named in the document catalogue. Read through pypdf, so
    names hidden in compressed object streams (where a byte search of the raw
    file would not see them) are found too."""
    root = cast(DictionaryObject, reader.trailer["/Root"].get_object())
    if "/AA" in root:
        return True
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/JavaScript" in names or "/EmbeddedFiles" in names:
        return True
    action = root.get("/OpenAction")
    action = action.get_object() if action is not None else None
    return isinstance(action, DictionaryObject) and action.get("/S") in ("/JavaScript", "/Launch")


def check_pdf(upload: UploadedFile, *, max_bytes: int) -> CheckedFile:
    """A readable, unencrypted PDF with at least one page and no active content."""
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
        scripted = _catalogue_is_active(reader)
    except UploadRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        logger.info("unreadable PDF refused: %s", type(error).__name__)
        raise UploadRefused(not_pdf) from error
    if pages < 1:
        raise UploadRefused(not_pdf)
    if scripted or _ACTIVE_CONTENT.search(content):
        raise UploadRefused(
            _("The PDF contains scripts or embedded files. Save it as a plain PDF and try again.")
        )
    return CheckedFile(content=content, sha256=hashlib.sha256(content).hexdigest(), pages=pages)


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    extension: str  # "jpg" or "png": what the content is, whatever the name said


def check_image(upload: UploadedFile, *, max_bytes: int) -> CheckedImage:
    """A JPEG or PNG photo that Pillow can decode, within the size and at most 40
    megapixels (a "decompression bomb" is refused before it is decoded)."""
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
            if image.format != expected or image.width * image.height > 40_000_000:
                raise UploadRefused(not_image)
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
