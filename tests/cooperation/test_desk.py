"""The desk ("Omat tehtävät" / "Mina uppgifter"): what waits for each person,
oldest first, with counts, one click from where it is done."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cooperation import selectors
from cooperation.extensions import DESK_ITEMS
from tests.helpers.desk import fill
from tests.helpers.queries import get_counted, page_queries
from tests.helpers.reading import problems

pytestmark = pytest.mark.django_db

DESK = reverse("cooperation:desk")

# Whose desk shows which groups once fill() has run.
EXPECTED = {
    "ngo_admin": {
        "grants_drafts",
        "grants_info_requested",
        "grants_reports_due",
        "signals_answered",
        "facilities_waiting",
        "facilities_declined",
        "agreements_follow_ups",
    },
    "ngo_member": {
        "invitations",
        "grants_drafts",
        "grants_info_requested",
        "grants_reports_due",
        "grants_to_endorse",
        "signals_answered",
        "facilities_waiting",
        "facilities_declined",
        "agreements_follow_ups",
    },
    "official_same": {
        "checklist_drafts",
        "checklist_forums",
        "checklist_ngo_views",
        "grants_to_review",
        "grants_to_screen",
        "grants_to_decide",
        "grants_reports_to_approve",
        "grants_closing",
        "signals_digest",
        "signals_to_check",
        "signals_answers_arrived",
        "signals_answers_late",
        "facilities_requests",
    },
    "coordinator": {"checklist_drafts", "no_ngo_team", "no_liaison"},
    "official_other": set(),
    "other_member": set(),
}


@pytest.fixture(autouse=True)
def _finnish():
    # The desk is read here outside a request: in the portal's default language.
    with translation.override("fi"):
        yield


def keys(user):
    return {group.key for group in selectors.desk(user)}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_person_has_their_own_work_on_the_desk_and_no_one_elses(world, role):
    fill(world, 2)
    assert keys(world.user(role)) == EXPECTED[role]


def test_the_groups_count_everything_and_show_the_oldest_first(world):
    fill(world, DESK_ITEMS + 3)
    groups = {group.key: group for group in selectors.desk(world.official_same)}
    forums = groups["checklist_forums"]
    assert forums.count == DESK_ITEMS + 3
    assert len(forums.items) == DESK_ITEMS
    assert forums.more == 3
    # The soonest forum first, and each item leads to where the work is done.
    assert forums.items[0].title == "Järjestöfoorumi 1"
    assert forums.items[0].url.startswith("/")
    screen = groups["grants_to_screen"]
    # The network's applications are not screened before the network endorses them.
    assert screen.count == DESK_ITEMS + 3
    from grants.models import Application

    waiting = Application.objects.filter(status="submitted", call__requires_endorsement=False)
    assert [item.url for item in screen.items] == [
        reverse("grants:application_detail", args=[pk])
        for pk in waiting.order_by("submitted_at", "id").values_list("pk", flat=True)[:DESK_ITEMS]
    ]


def test_overlapping_requests_are_marked_for_the_manager(world):
    fill(world, 1)
    from partnerships.models import Booking

    waiting = Booking.objects.get(status=Booking.Status.REQUESTED)
    Booking.objects.create(
        space=waiting.space,
        organisation=world.org_b,
        starts_at=waiting.starts_at,
        ends_at=waiting.ends_at,
        status=Booking.Status.REQUESTED,
        purpose="Kerho",
        participants=5,
    )
    groups = {group.key: group for group in selectors.desk(world.official_same)}
    flags = [item.flag for item in groups["facilities_requests"].items]
    assert flags == ["päällekkäin toisen varauspyynnön kanssa"] * 2
    # Once one is confirmed, the other overlaps a confirmed booking.
    Booking.objects.filter(organisation=world.org_b).update(status=Booking.Status.APPROVED)
    groups = {group.key: group for group in selectors.desk(world.official_same)}
    flags = [item.flag for item in groups["facilities_requests"].items]
    assert flags == ["päällekkäin vahvistetun varauksen kanssa"]


def test_an_empty_desk_says_so(client, world):
    client.force_login(world.other_member)
    response, _queries = get_counted(client, DESK)
    assert "Sinua ei odota juuri nyt mikään." in response.content.decode()


def test_login_lands_on_the_desk(client, world):
    world.ngo_admin.set_password("salasana-joka-kelpaa-1")
    world.ngo_admin.save()
    response = client.post(
        reverse("account_login"),
        {"login": world.ngo_admin.email, "password": "salasana-joka-kelpaa-1"},
    )
    assert response.status_code == 302
    assert response["Location"] == DESK


def test_the_front_page_shows_the_desk_in_short(client, world):
    fill(world, 2)
    client.force_login(world.ngo_admin)
    page = get_counted(client, reverse("cooperation:home"))[0].content.decode()
    assert f'href="{DESK}#desk-grants_drafts"' in page
    assert "Keskeneräiset avustushakemukset" in page
    client.logout()
    assert "desk-grants_drafts" not in client.get(reverse("cooperation:home")).content.decode()


def test_the_desk_needs_a_login(client):
    response = client.get(DESK)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("role", ["ngo_member", "official_same", "coordinator"])
def test_the_desk_runs_the_same_queries_however_much_waits(client, world, role):
    client.force_login(world.user(role))
    fill(world, 1)
    client.get(DESK)  # the first page after login also saves the session
    few = page_queries(client, DESK)
    fill(world, DESK_ITEMS + 2)
    assert page_queries(client, DESK) == few


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("role", ["ngo_member", "official_same", "coordinator"])
def test_the_desk_reads_right(client, world, role, language):
    fill(world, 2)
    client.force_login(world.user(role))
    client.cookies["django_language"] = language
    page = get_counted(client, DESK)[0].content.decode()
    assert problems(page, language) == []
    with translation.override(language):
        heading = {"fi": "Omat tehtävät", "sv": "Mina uppgifter"}[language]
    assert f"<h1>{heading}</h1>" in page
    # Dates in Finnish form, counts as numbers: "(2)".
    assert re.search(r"\(\d+\)</h2>", page)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", re.sub(r"<[^>]+>", " ", page))


def test_an_invitation_opens_from_the_desk_for_its_own_person_only(client, world):
    fill(world, 1)
    from cooperation.models import Invitation

    invitation = Invitation.objects.get(organisation=world.org_b)
    url = reverse("cooperation:invitation_open", args=[invitation.pk])
    client.force_login(world.ngo_member)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert world.org_b.memberships.filter(user=world.ngo_member).exists()
    # Accepted: it is no longer open, and it was never anyone else's.
    assert client.get(url).status_code == 404
    client.force_login(world.ngo_admin)
    assert client.get(url).status_code == 404
