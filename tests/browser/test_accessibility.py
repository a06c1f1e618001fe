"""Every page each role can reach, scanned with axe-core in Finnish and Swedish.

The scan follows the links a user can see, so pages added by later issues are
picked up without touching this file. Each URL pattern is visited once per role
and language (its first link), so the scan stays quick as data grows.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.browser.conftest import axe_violations

MAX_PAGES = 60
START = ["/", "/organisations/", "/my/", "/admin/"]
# Links that change state or leave the HTML pages.
SKIP_PREFIXES = ("/static/", "/accounts/logout/", "/admin/logout/", "/i18n/")


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(page, base_url: str, language: str) -> tuple[dict[str, list], set[str]]:
    """Visit each reachable route once; return the problems per URL and the routes seen."""
    queue = list(START)
    seen_routes: set[str] = set()
    problems: dict[str, list] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.pop(0)
        route = _route(urlsplit(path).path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        response = page.goto(base_url + path)
        visited += 1
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        landed = urlsplit(page.url).path
        landed_route = _route(landed)
        if landed_route and landed_route != route:
            if landed_route in seen_routes:
                continue
            seen_routes.add(landed_route)
        found = []
        lang = page.evaluate("document.documentElement.lang")
        if lang != language:
            found.append(
                {"id": "html-lang", "help": f"<html lang={lang!r}>, expected {language!r}"}
            )
        found += axe_violations(page)
        if found:
            problems[page.url] = found
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            absolute = urljoin(page.url, href)
            parts = urlsplit(absolute)
            if parts.netloc != urlsplit(base_url).netloc or parts.path.startswith(SKIP_PREFIXES):
                continue
            if parts.path.endswith((".pdf", ".csv")):  # downloads, not pages
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return problems, seen_routes


def format_problems(problems: dict[str, list]) -> str:
    lines = []
    for url, found in problems.items():
        lines.append(url)
        lines += [f"  {p['id']}: {p['help']} {p.get('targets', '')}" for p in found]
    return "\n".join(lines)


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize(
    "role", ["anonymous", "ngo_member", "ngo_admin", "official_same", "coordinator"]
)
def test_every_reachable_page_passes_axe(new_page, live_server, world, role, language):
    _signal_pages(world)
    page = new_page(world.user(role), language)
    problems, routes = crawl(page, live_server.url, language)
    if problems:
        pytest.fail(format_problems(problems), pytrace=False)
    # The scan really walked the portal: the public pages at least.
    assert {
        "cooperation:home",
        "cooperation:directory",
        "cooperation:organisation_detail",
        "signals:topic_list",
        "signals:topic_detail",
    } <= routes
    if role in ("official_same", "coordinator"):
        assert {"signals:signal_detail", "signals:digest_detail", "signals:statistics"} <= routes
    if role == "official_same":
        assert "signals:open_links" in routes
    if role == "ngo_admin":
        assert {"signals:organisation_links", "signals:submit", "signals:signal_detail"} <= routes


def _signal_pages(world):
    """A signal with a proposal, a follow-up and a published summary, and a digest,
    so that the crawl reaches every kind of signal page."""
    from cooperation.models import Municipality
    from signals import services
    from signals.models import Signal, Topic

    turku = Municipality.objects.get(code="853")
    signal, _ = services.signal_submit(
        fields={
            "kind": "worry",
            "description": "Nuorilla ei ole iltaisin paikkaa.",
            "sender_name": "V",
        },
        municipality=turku,
        channel=Signal.Channel.ACCOUNT,
        language="fi",
        organisation=world.org_a,
        topics=[Topic.objects.get(slug="families")],
    )
    services.signal_submit(
        fields={
            "kind": "proposal",
            "description": "Avoin ilta perjantaisin.",
            "proposal": "Tila auki.",
        },
        municipality=turku,
        channel=Signal.Channel.ACCOUNT,
        language="fi",
        organisation=world.org_a,
        parent=signal,
    )
    services.signal_triage(
        signal=signal,
        by=world.official_same,
        fields={"public_summary": "Nuorisotila avattiin perjantaisin.", "is_published": True},
    )
    forward, _ = services.signal_forward(
        signal=signal, by=world.official_same, email="x@example.fi", message="?", language="fi"
    )
    services.forward_answer(forward=forward, answer="Hoidetaan.")
    services.digest_build()
