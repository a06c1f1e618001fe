"""Files for tests: real PDFs and images, made here, as uploads or bytes."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_bytes(pages: int = 1) -> bytes:
    """A real, blank A4 PDF of `pages` pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_upload(name: str = "toimintasuunnitelma.pdf", content: bytes | None = None):
    """A PDF as the browser uploads it."""
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


def png_bytes() -> bytes:
    """A real, tiny PNG image."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()
