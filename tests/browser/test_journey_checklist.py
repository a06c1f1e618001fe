"""A coordinator compares the municipalities on the NGO-friendly municipality
checklist and exports the regional PDF."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from cooperation.checklist.models import Level
from tests.browser.conftest import Journey
from tests.helpers.checklist import published
from tests.helpers.officials import make_liaison


def test_a_coordinator_compares_municipalities_and_exports_the_pdf(new_page, live_server, world):
    published(2025, make_liaison(world.official_same), "853", Level.IN_PLACE)
    published(2025, make_liaison(world.official_other), "734", Level.PARTLY)
    page = new_page(user=world.coordinator, language="fi")
    journey = Journey(page)
    journey.goto("/checklist/")
    page.locator("main a[href='/checklist/compare/']").first.click()
    journey.scan()

    page.locator("#id_year").select_option("2025")
    page.locator("main form button[type=submit]").click()
    journey.scan()
    table = page.locator("main table").first.inner_text()
    # Turku has every criterion in place, Salo partly: Turku comes first.
    assert table.index("Turku") < table.index("Salo")

    with page.expect_download() as download:
        page.locator("main a[href*='compare.pdf']").first.click()
    content = Path(download.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Turku" in text
    assert "Salo" in text
    assert "2025" in text
    journey.finish()
