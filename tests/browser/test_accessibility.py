"""Every page each role can reach, scanned with axe-core in Finnish and Swedish.

The scan follows the links a user can see, so pages added by later issues are
picked up without touching this file. Each URL pattern is visited once per role
and language (its first link), so the scan stays quick as data grows.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from tests.browser.conftest import axe_violations
from tests.helpers.grants import decide as decide_after_closing

MAX_PAGES = 160
START = ["/", "/organisations/", "/my/", "/admin/"]
# Links that change state or leave the HTML pages.
SKIP_PREFIXES = ("/static/", "/accounts/logout/", "/admin/logout/", "/i18n/")


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(
    page, base_url: str, language: str, extra: list[str] = (), check=axe_violations
) -> tuple[dict[str, list], set[str]]:
    """Visit each reachable route once; return the problems per URL and the routes seen.
    `extra` starts pages that the first link of their route would not show (an
    application's page in another state); `check(page)` lists a page's problems."""
    queue = [*START, *extra]
    # The admin is Django's own markup, the same in either language (its Swedish
    # words are read by tests/test_reading.py): scanned in Finnish only, which
    # keeps CI within its minutes.
    skip = SKIP_PREFIXES + (("/admin/",) if language == "sv" else ())
    queue = [path for path in queue if not path.startswith(skip)]
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
        found += check(page)
        if found:
            problems[page.url] = found
        for href in page.eval_on_selector_all(
            # Links marked `download` are files, not pages.
            "a[href]:not([download])",
            "els => els.map(e => e.getAttribute('href'))",
        ):
            absolute = urljoin(page.url, href)
            parts = urlsplit(absolute)
            if parts.netloc != urlsplit(base_url).netloc or parts.path.startswith(skip):
                continue
            if parts.path.endswith((".pdf", ".csv", ".ics")):  # downloads, not pages
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return problems, seen_routes


def format_problems(problems: dict[str, list]) -> str:
    lines = []
    for url, found in problems.items():
        lines.append(url)
        lines += [f"  {p['id']}: {p['help']} {p.get('targets', '')}" for p in found]
    return "\n".join(lines)


# Every role in Finnish; in Swedish the public pages and the two people who use
# the portal daily, an NGO's admin and an official: a member's pages are the
# admin's with fewer buttons and the coordinator's the official's with the region's
# rows, in the same templates (their Swedish words are read by tests/test_reading.py).
CRAWLS = [
    *[
        (role, "fi")
        for role in ("anonymous", "ngo_member", "ngo_admin", "official_same", "coordinator")
    ],
    *[(role, "sv") for role in ("anonymous", "ngo_admin", "official_same")],
]


@pytest.mark.parametrize(("role", "language"), CRAWLS)
def test_every_reachable_page_passes_axe(new_page, live_server, world, role, language):
    _signal_pages(world)
    grant_pages = _grant_pages(world)
    agreement_pages = _agreement_pages(world)
    facility_pages = _facility_pages(world)
    checklist_pages = _checklist_pages(world)
    need_pages = _need_pages(world)
    page = new_page(world.user(role), language)
    extra = [
        *need_pages["everyone"],
        *need_pages.get(role, []),
        *checklist_pages.get(role, []),
        *checklist_pages["everyone"],
        *grant_pages.get(role, []),
        *agreement_pages.get(role, []),
        *facility_pages.get(role, []),
    ]
    problems, routes = crawl(page, live_server.url, language, extra)
    if problems:
        pytest.fail(format_problems(problems), pytrace=False)
    # The scan really walked the portal: the public pages at least.
    assert {
        "cooperation:home",
        "cooperation:directory",
        "cooperation:organisation_detail",
        "signals:topic_list",
        "signals:topic_detail",
        "grants:call_list",
        "grants:call_detail",
        "grants:call_calendar",
        "grants:statistics",
        "grants:call_decisions",
        "partnerships:register",
        "partnerships:agreement_detail",
        "facilities:space_list",
        "facilities:space_detail",
        "checklist:index",
        "checklist:municipality",
        "checklist:contacts",
        "checklist:forum_detail",
        "checklist:assessment",
        "signals:need_list",
        "signals:need_detail",
        "signals:need_statistics",
        "signals:challenge_list",
        "signals:challenge_edition",
    } <= routes
    if role != "anonymous":
        assert "partnerships:statement_list" in routes
    if role == "ngo_admin":
        assert {
            "partnerships:statement_create",
            "partnerships:statement_detail",
            "partnerships:statement_edit",
        } <= routes
    if role == "official_same":
        assert {
            "partnerships:statement_detail",
            "partnerships:statement_give",
            "signals:need_signals",
            "signals:challenge_add",
            "signals:challenge_edition_edit",
        } <= routes
    if role == "official_same":  # Turku's liaison person here
        assert {"checklist:desk", "checklist:assessment_area"} <= routes
    if role in ("ngo_admin", "ngo_member"):
        assert "checklist:assessment_rate" in routes
    if role == "coordinator":
        assert "checklist:comparison" in routes
    if role != "anonymous":
        assert {"partnerships:internal_register", "facilities:my_bookings"} <= routes
    if role in ("ngo_admin", "ngo_member"):
        assert {
            "facilities:booking_new",
            "facilities:booking_detail",
            "facilities:series_detail",
        } <= routes
    if role == "official_same":  # Turku's facility manager here
        assert {
            "facilities:manage",
            "facilities:booking_detail",
            "facilities:series_detail",
        } <= routes
        if language == "fi":
            assert "admin:partnerships_space_change" in routes
    if role in ("official_same", "coordinator"):
        assert {"signals:signal_detail", "signals:digest_detail", "signals:statistics"} <= routes
    if role == "official_same":
        assert "signals:open_links" in routes
    if role == "ngo_admin":
        assert {"signals:organisation_links", "signals:submit", "signals:signal_detail"} <= routes
        assert {
            "grants:application_list",
            "grants:application_detail",
            "grants:application_edit",
            "grants:report_detail",
            "grants:organisation_history",
        } <= routes
    if role == "official_same":  # Turku's grant officer here
        assert {"grants:application_review", "grants:application_decide"} <= routes
        assert {
            "partnerships:agreement_create",
            "partnerships:agreement_edit",
            "partnerships:commitment_edit",
            "partnerships:follow_up_detail",
        } <= routes


PHONE = {"width": 375, "height": 740}
# The admin is Django's own, for officials at a desk; it is not made for a phone.
NARROW_SKIP = ("/admin/",)


def sideways_scroll(page) -> list[dict]:
    """A page wider than the 375 px screen, with the elements that stick out."""
    if urlsplit(page.url).path.startswith(NARROW_SKIP):
        return []
    wide = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            return Array.from(document.querySelectorAll("body *"))
                .filter(el => el.getBoundingClientRect().right > width + 1
                    && !el.closest("[style*='overflow'], table"))
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
        }"""
    )
    return [{"id": "sideways-scroll", "help": "wider than 375 px", "targets": wide}] if wide else []


def small_targets(page) -> list[dict]:
    """Buttons, links, fields and menus smaller than 24 x 24 px (WCAG 2.5.8). A link
    within a sentence is exempt, as the criterion says: it is as tall as the text."""
    if urlsplit(page.url).path.startswith(NARROW_SKIP):
        return []
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll(
                "a[href], button, input:not([type=hidden]), select, textarea, summary"))
            .filter(el => {
                const box = el.getBoundingClientRect();
                if (box.width === 0 && box.height === 0) return false;  // not shown
                if (box.width >= 24 && box.height >= 24) return false;
                // Off the screen for everyone: a skip link until focused, the
                // trap field for bots (aria-hidden).
                if (el.closest(".visually-hidden, .skip-link, [aria-hidden=true]")) return false;
                if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
                    const block = el.parentElement.closest("p, li, dd, td, th, div, span");
                    const around = block ? block.textContent.trim().length : 0;
                    if (around > el.textContent.trim().length) return false;  // in a sentence
                }
                return true;
            })
            .slice(0, 5)
            .map(el => {
                const box = el.getBoundingClientRect();
                return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`
                    + ` "${(el.textContent || el.value || el.name || "").trim().slice(0, 30)}"`
                    + ` ${Math.round(box.width)}x${Math.round(box.height)}`;
            })"""
    )
    return (
        [{"id": "target-size", "help": "smaller than 24 x 24 px", "targets": small}]
        if small
        else []
    )


def phone_problems(page) -> list[dict]:
    return sideways_scroll(page) + small_targets(page)


# The NGO staff's pages are the ones used on a phone (volunteers); the crawl
# reaches the public pages from theirs. One role keeps CI within its minutes.
@pytest.mark.parametrize("role", ["ngo_admin"])
def test_no_page_scrolls_sideways_on_a_phone(new_page, live_server, world, role):
    _signal_pages(world)
    grant_pages = _grant_pages(world)
    facility_pages = _facility_pages(world)
    page = new_page(world.user(role), "fi", viewport=PHONE)
    extra = [*grant_pages.get(role, []), *facility_pages.get(role, [])]
    problems, routes = crawl(page, live_server.url, "fi", extra, check=phone_problems)
    if problems:
        pytest.fail(format_problems(problems), pytrace=False)
    assert {"cooperation:home", "grants:call_list", "facilities:space_list"} <= routes


def test_the_menu_opens_without_javascript_on_a_phone(browser, live_server, world):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="fi")
    context.add_cookies([{"name": "django_language", "value": "fi", "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/")
    wide_nav = page.locator("nav.nav-wide")
    assert not wide_nav.is_visible()
    directory = page.locator(".nav-narrow").get_by_role("link", name="Järjestöhakemisto")
    assert not directory.is_visible()
    page.locator(".nav-narrow > summary").click()
    assert directory.is_visible()
    directory.click()
    assert urlsplit(page.url).path == "/organisations/"
    # The language links work without JavaScript too.
    page.get_by_role("button", name="Svenska").click()
    assert page.evaluate("document.documentElement.lang") == "sv"
    context.close()


def _agreement_pages(world):
    """org_a's development partnership with Turku in force, with a document, a
    follow-up under way and the year's report owed; extra start pages per role."""
    from datetime import date

    from partnerships.agreements import services
    from tests.helpers.agreements import in_force
    from tests.helpers.files import pdf_upload

    agreement = in_force(world)
    services.document_add(
        agreement=agreement,
        by=world.official_same,
        upload=pdf_upload(),
        title="Sopimus",
        is_public=True,
    )
    round_ = services.follow_up_open(agreement=agreement, by=world.official_same)
    services.follow_up_comment(round=round_, by=world.official_same, text="Hyvä alku.")
    services.annual_reports_open_due(today=date(2026, 5, 1))
    commitment = agreement.commitments.first()
    follow_up = reverse("partnerships:follow_up_detail", args=[round_.pk])
    return {
        "official_same": [
            reverse("partnerships:agreement_edit", args=[agreement.pk]),
            reverse("partnerships:commitment_edit", args=[agreement.pk, commitment.pk]),
            follow_up,
        ],
        "ngo_admin": [follow_up],
        "ngo_member": [follow_up],
    }


def _checklist_pages(world):
    """Turku's published assessment (with the NGOs' view and a target) and this
    year's draft, a forum; Turku's official is its liaison person."""
    from datetime import timedelta

    from django.utils import timezone

    from cooperation.checklist import services as checklist_services
    from cooperation.checklist.models import ForumEvent, Level
    from tests.factories import municipality
    from tests.helpers.checklist import criteria_of, rate_all
    from tests.helpers.officials import make_liaison

    liaison = make_liaison(world.official_same)
    turku = municipality("853")
    old = checklist_services.assessment_start(by=liaison, year=2025, municipality=turku)
    rate_all(old, world.org_a, world.ngo_member, Level.PARTLY)
    checklist_services.answers_save(
        assessment=old,
        by=liaison,
        answers={c.pk: (Level.IN_PLACE, "Perustelu") for c in criteria_of(old)},
    )
    checklist_services.assessment_publish(assessment=old, by=liaison)
    checklist_services.target_add(
        assessment=old,
        criterion_id=criteria_of(old)[0].pk,
        by=liaison,
        description="Foorumi kahdesti vuodessa",
        owner="Hyte",
        due_date=timezone.localdate() + timedelta(days=100),
    )
    draft = checklist_services.assessment_start(by=liaison, year=2026, municipality=turku)
    forum = ForumEvent.objects.create(
        municipality=turku,
        title="Järjestöfoorumi",
        place="Kaupungintalo",
        organisers="Turku",
        starts_at=timezone.now() + timedelta(days=20),
    )
    area = criteria_of(draft)[0].area
    return {
        "everyone": [
            reverse("checklist:municipality", args=["853"]),
            reverse("checklist:forum_detail", args=[forum.pk]),
            reverse("checklist:assessment", args=[old.pk]),
        ],
        "official_same": [reverse("checklist:assessment_area", args=[draft.pk, area.pk])],
        "ngo_admin": [reverse("checklist:assessment_rate", args=[draft.pk])],
        "ngo_member": [reverse("checklist:assessment_rate", args=[draft.pk])],
        "coordinator": [reverse("checklist:comparison")],
    }


def _facility_pages(world):
    """A Turku room with a photo, org_a's request and weekly series; Turku's
    official is its facility manager."""
    from datetime import timedelta

    from tests.helpers.facilities import add_photo, make_space, request, weekly
    from tests.helpers.officials import make_manager
    from tests.helpers.time import at, monday_ahead

    make_manager(world.official_same)
    monday = monday_ahead()
    space = make_space()
    add_photo(space)
    booking = request(world, space, at(monday, 10), at(monday, 12))
    series = weekly(world, space, monday, monday + timedelta(weeks=2)).series
    pages = [
        reverse("facilities:booking_detail", args=[booking.pk]),
        reverse("facilities:series_detail", args=[series.pk]),
    ]
    return {
        "ngo_admin": [reverse("facilities:booking_new", args=[space.pk]), *pages],
        "ngo_member": [reverse("facilities:booking_new", args=[space.pk]), *pages],
        "official_same": [
            reverse("facilities:manage"),
            reverse("admin:partnerships_space_change", args=[space.pk]),
            *pages,
        ],
    }


def _grant_pages(world):
    """Turku's open call with org_a's draft, one in review and one granted with its
    report open, and a past call with published decisions, so that the crawl
    reaches every kind of grants page."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from cooperation.models import OfficialRole
    from grants import services
    from tests.helpers.grants import complete_draft, decided, make_call, submitted

    world.official_same.official.roles.get_or_create(role=OfficialRole.Role.GRANT_OFFICER)
    # Rolling: open for the draft, and decided as applications come.
    call = make_call(kind="rolling")
    call.reviewers.add(world.official_same)
    draft = complete_draft(call, world.org_a, world.ngo_admin)
    review = submitted(call, world.org_a, world.ngo_admin)
    services.application_screen(application=review, by=world.official_same, eligible=True)
    granted = submitted(call, world.org_a, world.ngo_admin)
    services.application_screen(application=granted, by=world.official_same, eligible=True)
    granted = decide_after_closing(
        application=granted,
        by=world.official_same,
        grant=True,
        amount=Decimal("100"),
        reasoning="Ok.",
    )
    # Closed a month ago, so that the list of calls links to its decisions.
    now = timezone.now()
    past = make_call(
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        decisions_published_at=now - timedelta(days=10),
    )
    decided(past, world.org_b, granted="2000")
    return {
        "ngo_admin": [
            reverse("grants:application_edit", args=[draft.pk]),
            reverse("grants:report_detail", args=[granted.use_report.pk]),
        ],
        "official_same": [
            reverse("grants:application_review", args=[review.pk]),
            reverse("grants:application_decide", args=[review.pk]),
        ],
    }


def _signal_pages(world):
    """A signal with a proposal, a follow-up and a published summary, and a digest,
    so that the crawl reaches every kind of signal page."""
    from cooperation.models import PublicBody
    from signals import services
    from signals.models import Signal, Topic

    turku = PublicBody.objects.get(code="853")
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


def _need_pages(world):
    """Turku's published need fed by the crawl's signal, this year's published area
    challenges resting on it, and org_a's requests for partnership statements: one
    answered with a letter of intent, one with the officials, one a draft."""
    from datetime import date
    from decimal import Decimal

    from cooperation.models import PublicBody
    from partnerships.statements import services as statement_services
    from signals.challenges import services as challenge_services
    from signals.models import Need, Signal
    from signals.needs import services as need_services

    turku = PublicBody.objects.get(code="853")
    need = need_services.need_create(
        by=world.official_same,
        municipality=turku,
        fields={
            "title_fi": "Nuorten illat",
            "title_sv": "Ungas kvällar",
            "summary_fi": "Nuorilla ei ole iltaisin paikkaa.",
            "summary_sv": "De unga har ingen plats på kvällarna.",
            "areas": "Varissuo",
        },
        signals=Signal.objects.filter(parent__isnull=True),
    )
    need = need_services.need_move(need=need, by=world.official_same, to=Need.Status.PUBLISHED)
    edition = challenge_services.edition_create(
        by=world.official_same, municipality=turku, year=2026, fields={}
    )
    challenge = challenge_services.challenge_save(
        edition=edition,
        by=world.official_same,
        fields={
            "area": "Varissuo",
            "title_fi": "Nuorten illat",
            "title_sv": "Ungas kvällar",
            "description_fi": "Kuvaus.",
            "description_sv": "Beskrivning.",
        },
        needs=[need],
    )
    challenge_services.edition_publish(edition=edition, by=world.official_same)
    fields = {
        "language": "fi",
        "project_title": "Olohuone nuorille",
        "project_summary": "Avoin olohuone.",
        "funder": "stea",
        "funding_round": "STEA 2027",
        "starts_on": date(2027, 1, 1),
        "asked_commitment": "Tilat",
        "budget_total": Decimal("100000"),
        "applied_from_funder": Decimal("80000"),
    }

    def request():
        return statement_services.request_create(
            by=world.ngo_admin,
            organisation=world.org_a,
            municipality=turku,
            fields=fields,
            needs=[need],
        )

    given = statement_services.request_submit(request=request(), by=world.ngo_admin)
    statement_services.statement_give(
        request=given,
        by=world.official_same,
        kind="intent",
        statement="Tuemme hanketta.",
        commitments="Tilat",
        signer_title="johtaja",
    )
    waiting = statement_services.request_submit(request=request(), by=world.ngo_admin)
    draft = request()
    return {
        "everyone": [
            reverse("signals:need_detail", args=[need.pk]),
            reverse("signals:challenge_edition", args=[edition.pk]),
            reverse("signals:need_statistics"),
        ],
        "official_same": [
            reverse("signals:need_signals", args=[need.pk]),
            reverse("signals:need_history", args=[need.pk]),
            reverse("signals:challenge_edit", args=[edition.pk, challenge.pk]),
            reverse("partnerships:statement_give", args=[waiting.pk]),
        ],
        "ngo_admin": [
            reverse("partnerships:statement_create") + f"?body={turku.pk}",
            reverse("partnerships:statement_detail", args=[draft.pk]),
        ],
    }
