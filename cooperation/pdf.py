"""PDFs with WeasyPrint: A4, Finnish dates, our embedded fonts, and no outside fetches.

User text reaches a PDF only through escaped templates. Even so, the renderer
gets a URL fetcher that serves nothing but our own static files: an `<img>` or
stylesheet URL smuggled into a document can never make it read a file or call
a server.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Documents are rendered against this base; only its /static/ paths resolve.
PDF_BASE_URL = "https://kumppani.invalid/"
_STATIC_PREFIX = "/static/"
_MIME_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


class RefusedFetch(ValueError):
    """A URL outside our static files was asked for."""


class StaticOnlyFetcher(URLFetcher):
    """Serves our static files to WeasyPrint and refuses every other URL."""

    def fetch(self, url, headers=None):
        path = self._static_path(url)
        if path is None:
            logger.warning("PDF renderer refused to fetch %r", url[:200])
            raise RefusedFetch(url)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": _MIME_TYPES.get(path.suffix, "")}
        )

    @staticmethod
    def _static_path(url: str) -> Path | None:
        if not url.startswith(PDF_BASE_URL):
            return None
        parts = urlsplit(url)
        path = unquote(parts.path)
        if not path.startswith(_STATIC_PREFIX) or ".." in path.split("/"):
            return None
        relative = posixpath.normpath(path.removeprefix(_STATIC_PREFIX))
        if Path(relative).suffix not in _MIME_TYPES:
            return None
        found = finders.find(relative)
        if found:
            return Path(found)
        # Under the manifest storage the template names hashed copies that live
        # only in STATIC_ROOT.
        collected = (Path(settings.STATIC_ROOT) / relative).resolve()
        if collected.is_file() and collected.is_relative_to(Path(settings.STATIC_ROOT).resolve()):
            return collected
        return None


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template (extending pdf/base.html) to PDF bytes."""
    html = render_to_string(template_name, context)
    return render_pdf_from_html(html)


def render_pdf_from_html(html: str) -> bytes:
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticOnlyFetcher())
    # Embedding the two fonts whole is faster than subsetting them for every
    # document (about a second for a long report) and adds little to the size.
    return document.write_pdf(full_fonts=True)


def pdf_response(template_name: str, context: dict, *, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
