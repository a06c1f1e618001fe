"""Every file the portal hands out (PDFs, attachments, photos, CSV, iCal, JSON) goes
through here, so that each answer carries the same headers: its real content
type, `X-Content-Type-Options: nosniff` (a browser never guesses a type from
the content), and a `Content-Disposition` whose file name cannot break out of
the header, whatever a person typed into the record it is named after."""

from __future__ import annotations

import unicodedata
from typing import IO

from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename

PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"
ICAL = "text/calendar; charset=utf-8"

_MAX_NAME = 120


def safe_filename(name: str, *, fallback: str = "download") -> str:
    """A file name without path parts, quotes, control characters or line breaks;
    letters such as ä and å stay. At most 120 characters, the extension kept."""
    name = unicodedata.normalize("NFC", name).replace("/", "-").replace("\\", "-")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    try:
        name = get_valid_filename(name)
    except SuspiciousFileOperation:  # empty, or only dots
        return fallback
    if len(name) > _MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        keep = _MAX_NAME - len(extension) - 1
        name = f"{stem[:keep]}.{extension}" if dot and keep > 0 else name[:_MAX_NAME]
    return name


def _headers[R: HttpResponseBase](
    response: R, *, filename: str, inline: bool, cache: str | None
) -> R:
    response["X-Content-Type-Options"] = "nosniff"
    # The header is never empty: a safe name always has at least "download".
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=not inline, filename=safe_filename(filename))
        or "attachment"
    )
    if cache:
        response["Cache-Control"] = cache
    return response


def download(
    content: bytes | str,
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    cache: str | None = "private, no-store",
) -> HttpResponse:
    """Content made in memory (a PDF, a CSV, a calendar), as a download; `inline`
    lets a calendar program or the browser open it in place. Private by default,
    like stored files: nothing between the portal and the reader keeps a copy of
    a digest or a decision letter."""
    response = HttpResponse(content, content_type=content_type)
    return _headers(response, filename=filename, inline=inline, cache=cache)


def file_download(
    file: IO[bytes],
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    cache: str | None = "private, no-store",
) -> FileResponse:
    """A stored file (an attachment, a photo), streamed. Stored files are private
    by default: nothing between the portal and the reader keeps a copy."""
    response = FileResponse(file, content_type=content_type)
    return _headers(response, filename=filename, inline=inline, cache=cache)


def image_download(image, *, stem: str, cache: str) -> FileResponse:
    """A stored picture (a space's photo, the portal's logo), shown in the page.
    It was checked at upload to be a PNG or JPEG, and stored under that
    extension; the type is said, never guessed by the browser."""
    content_type = "image/png" if image.name.lower().endswith(".png") else "image/jpeg"
    return file_download(
        image.open("rb"),
        filename=f"{stem}.{content_type.rpartition('/')[2]}",
        content_type=content_type,
        inline=True,
        cache=cache,
    )
