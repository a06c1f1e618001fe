import io
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cooperation.lib.pdf import StaticOnlyFetcher, join_pdf_parts, render_pdf_from_html
from tests.factories import OrganisationFactory, municipality

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class _CountingHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """A server on this machine that counts every request made to it."""
    _CountingHandler.hits = 0
    server = HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _CountingHandler
    server.shutdown()


def test_coordinator_exports_the_filtered_directory(client, world):
    OrganisationFactory(name="Auran Kyläyhdistys ry", municipalities=[municipality("019")])
    OrganisationFactory(name="Salon Kuoro ry", municipalities=[municipality("734")])
    client.force_login(world.coordinator)
    response = client.get(reverse("cooperation:directory_pdf"), {"municipality": "019"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Auran Kyläyhdistys ry" in text
    assert "Salon Kuoro ry" not in text
    reader = PdfReader(io.BytesIO(response.content))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Our @font-face family, embedded as a subset: the font came from our static files.
    assert any("Kumppani-Sans" in font for font in fonts), fonts


def test_pdf_dates_are_finnish(client, world):
    client.force_login(world.coordinator)
    text = pdf_text(client.get(reverse("cooperation:directory_pdf")).content)

    assert re.search(r"\b\d{1,2}\.\d{1,2}\.20\d\d\b", text), text[:300]


def test_profile_with_urls_makes_the_pdf_fetch_nothing(client, world, local_server, monkeypatch):
    base, handler = local_server
    attempts = []
    original = StaticOnlyFetcher.fetch

    def recording_fetch(self, url, headers=None):
        attempts.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", recording_fetch)
    OrganisationFactory(
        name="Kuvallinen ry",
        description_fi=f'<img src="{base}/x.png"> <img src="file:///etc/passwd"> '
        f'<link rel="stylesheet" href="{base}/evil.css">',
    )
    client.force_login(world.coordinator)
    response = client.get(reverse("cooperation:directory_pdf"))
    assert response.status_code == 200
    assert handler.hits == 0
    assert not any(base in url or url.startswith("file:") for url in attempts)
    assert "Kuvallinen ry" in pdf_text(response.content)


def test_renderer_refuses_outside_urls_even_in_raw_html(local_server):
    base, handler = local_server
    html = (
        f'<html><head><link rel="stylesheet" href="{base}/a.css"></head><body>'
        f'<img src="{base}/x.png"><img src="file:///etc/passwd">'
        '<img src="/static/../../../../etc/passwd"><p>Teksti</p></body></html>'
    )
    content = render_pdf_from_html(html)
    assert handler.hits == 0
    assert "root:" not in pdf_text(content)
    assert "Teksti" in pdf_text(content)


def test_fetcher_serves_only_our_static_files():
    fetcher = StaticOnlyFetcher()
    assert fetcher._static_path("https://kumppani.invalid/static/css/pdf.css") is not None
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1/static/css/pdf.css",
        "https://kumppani.invalid/static/../config/settings/base.py",
        "https://kumppani.invalid/etc/passwd",
        "https://kumppani.invalid/static/css/../../manage.py",
    ]:
        assert fetcher._static_path(url) is None, url


def test_a_pdf_carries_only_the_glyphs_it_uses():
    """A mail's attachment of one page stays small: the fonts whole made it 810 kB."""
    data = render_pdf_from_html('<html lang="fi"><p>Päätös: myönnetty 1 234,50 €.</p></html>')
    assert len(data) < 60_000
    assert "myönnetty 1 234,50 €" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_parts_are_joined_into_one_pdf_in_order_with_their_fonts():
    parts = [
        render_pdf_from_html(
            "".join(f"<h2>Osa {n}, kohta {i}</h2><p>Äänekoski {n}-{i}</p>" for i in range(40))
        )
        for n in range(3)
    ]
    output = io.BytesIO()
    join_pdf_parts(parts, output)
    reader = PdfReader(io.BytesIO(output.getvalue()), strict=True)
    assert len(reader.pages) == sum(len(PdfReader(io.BytesIO(p)).pages) for p in parts)
    text = "\n".join(page.extract_text() for page in reader.pages)
    positions = [text.index(f"Osa {n}, kohta 0") for n in range(3)]
    assert positions == sorted(positions)
    assert "Äänekoski 2-39" in text  # fonts (and their Unicode maps) came along
    assert reader.trailer["/Root"]["/Pages"]["/Count"] == len(reader.pages)


@pytest.mark.parametrize("workers", [1, 2])
def test_parts_laid_out_side_by_side_come_back_in_order(settings, workers):
    from cooperation.lib.pdf import render_pdf_parts

    settings.PDF_WORKERS = workers
    htmls = [f"<p>Osa {n}</p>" * 3 for n in range(5)]
    parts = render_pdf_parts(iter(htmls))
    assert [pdf_text(part).split()[1] for part in parts] == ["0", "1", "2", "3", "4"]
