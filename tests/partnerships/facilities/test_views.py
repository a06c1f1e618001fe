"""Pages of the facilities catalogue and bookings: what each role sees and may do,
bad input, iCal feeds and query counts (issue 6)."""

import hashlib
import re
from datetime import time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.admin import SpacePhotoForm
from partnerships.facilities import services
from partnerships.models import Booking, BookingSeries, CalendarFeed, OpeningException, Space
from tests.helpers.facilities import add_photo, make_space, request, weekly
from tests.helpers.files import png_bytes
from tests.helpers.officials import make_manager
from tests.helpers.queries import get_counted
from tests.helpers.time import at, monday_ahead

pytestmark = pytest.mark.django_db
MONDAY = monday_ahead()


@pytest.fixture(autouse=True)
def _in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def manager(world):
    return make_manager(world.official_same)


@pytest.fixture
def room(world):
    return make_space()


def _catalogue(client, **params):
    return client.get(reverse("facilities:space_list"), params)


def _names(response) -> list[str]:
    return [str(space) for space in response.context["page"]]


# --- The catalogue ---------------------------------------------------------


def test_the_catalogue_filters_by_accessibility_price_capacity_and_kind(client, world):
    make_space(name="Portaaton", step_free_access=True, induction_loop=True, capacity=30)
    make_space(name="Portaat", step_free_access=False, capacity=30, ngo_price="normal")
    make_space(name="Pieni", step_free_access=True, capacity=6, kind=Space.Kind.KITCHEN)
    make_space(name="Piilotettu", is_active=False)
    assert sorted(_names(_catalogue(client))) == ["Pieni", "Portaat", "Portaaton"]
    response = _catalogue(client, accessibility=["step_free_access", "induction_loop"])
    assert _names(response) == ["Portaaton"]
    assert sorted(_names(_catalogue(client, free="on"))) == ["Pieni", "Portaaton"]
    assert sorted(_names(_catalogue(client, capacity=10))) == ["Portaat", "Portaaton"]
    assert _names(_catalogue(client, kind="kitchen")) == ["Pieni"]
    assert _names(_catalogue(client, municipality="734")) == []


def test_the_catalogue_finds_spaces_free_and_open_at_a_time(client, world, manager):
    hall = make_space(name="Sali", hours=False)
    half = Space.objects.create(
        municipality=hall.municipality, parent=hall, name="Puolikas", kind="gym", capacity=10
    )
    other_half = Space.objects.create(
        municipality=hall.municipality, parent=hall, name="Toinen", kind="gym", capacity=10
    )
    booked = make_space(name="Varattu")
    holiday = make_space(name="Pyhä")
    OpeningException.objects.create(space=holiday, date=MONDAY, reason="Loppiainen")
    evening = make_space(name="Ilta")
    evening.opening_hours.filter(weekday__lt=5).update(opens="16:00")
    services.booking_approve(
        booking=request(world, booked, at(MONDAY, 10), at(MONDAY, 12)), by=manager
    )
    services.booking_approve(
        booking=request(world, half, at(MONDAY, 9), at(MONDAY, 11)), by=manager
    )
    day = MONDAY.isoformat()
    names = _names(_catalogue(client, day=day, start="10:30", end="11:30"))
    # The whole is busy when a part is; the other part and the late space stay free
    # only where their own rules allow.
    assert sorted(names) == ["Sali: Toinen"]
    names = _names(_catalogue(client, day=day, start="12:00", end="13:00"))
    assert sorted(names) == ["Sali", "Sali: Puolikas", "Sali: Toinen", "Varattu"]
    assert other_half.pk


def test_a_time_without_a_day_or_ending_before_it_starts_is_explained(client, world, room):
    response = _catalogue(client, start="10:00", end="12:00")
    assert "Give the day too." in response.content.decode()
    assert _names(response) == []
    response = _catalogue(client, day=MONDAY.isoformat(), start="12:00", end="10:00")
    assert "The end must be after the start." in response.content.decode()


def test_the_catalogue_answers_htmx_with_the_results_only(client, world, room):
    response = client.get(reverse("facilities:space_list"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="results"' in html
    assert "<html" not in html


@pytest.mark.parametrize("count", [3, 12])
def test_the_catalogue_takes_the_same_queries_for_few_and_many_spaces(client, world, count):
    for number in range(count):
        add_photo(make_space(name=f"Tila {number}"))
    _response, queries = get_counted(client, reverse("facilities:space_list"))
    assert len(queries) <= 4, [q["sql"] for q in queries]


# --- A space's page --------------------------------------------------------


def test_the_space_page_shows_busy_times_but_never_who_booked(client, world, room, manager):
    booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12), purpose="Salainen ryhmä")
    services.booking_approve(booking=booking, by=manager)
    response = client.get(
        reverse("facilities:space_detail", args=[room.pk]), {"week": MONDAY.isoformat()}
    )
    html = response.content.decode()
    assert "10.00–12.00" in html
    assert world.org_a.name not in html
    assert "Salainen" not in html


def test_an_inactive_space_is_hidden_but_its_manager_sees_it(client, world, manager):
    hidden = make_space(is_active=False)
    url = reverse("facilities:space_detail", args=[hidden.pk])
    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 200


def test_a_photo_is_served_as_an_image_and_only_of_a_visible_space(client, world, room):
    photo = add_photo(room)
    response = client.get(reverse("facilities:space_photo", args=[photo.pk]))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    hidden = add_photo(make_space(is_active=False))
    assert client.get(reverse("facilities:space_photo", args=[hidden.pk])).status_code == 404


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "photo.jpg"),
        (b"%PDF-1.4 not an image", "photo.png"),
        (b"\x89PNG\r\n\x1a\nbroken", "photo.png"),
    ],
)
def test_a_photo_that_is_not_really_an_image_is_refused(settings, content, name):
    form = SpacePhotoForm(
        data={"alt_fi": "Kuva", "order": 0},
        files={"image": SimpleUploadedFile(name, content, content_type="image/jpeg")},
    )
    assert not form.is_valid()
    assert "not a JPEG or PNG image" in str(form.errors["image"])


def test_a_photo_over_the_size_limit_is_refused(settings):
    settings.SPACE_PHOTO_MAX_BYTES = 50
    form = SpacePhotoForm(
        data={"alt_fi": "Kuva", "order": 0},
        files={"image": SimpleUploadedFile("big.png", png_bytes() + b"\0" * 100)},
    )
    assert not form.is_valid()


# --- Requesting ------------------------------------------------------------


def _form(world, **fields):
    data = {
        "organisation": world.org_a.pk,
        "repeat": "once",
        "day": MONDAY.isoformat(),
        "starts": "10:00",
        "ends": "12:00",
        "purpose": "Vertaisryhmä",
        "participants": 8,
    }
    data.update(fields)
    return data


def test_a_member_requests_a_booking_and_sees_it(client, world, room):
    client.force_login(world.ngo_member)
    response = client.post(reverse("facilities:booking_new", args=[room.pk]), _form(world))
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:booking_detail", args=[booking.pk])
    assert booking.starts_at == at(MONDAY, 10)
    assert booking.organisation == world.org_a
    assert booking.status == Booking.Status.REQUESTED


def test_a_weekly_request_lists_the_dates_it_could_not_book(client, world, room, manager):
    tuesday = MONDAY + timedelta(days=1)
    taken = request(world, room, at(tuesday, 17), at(tuesday, 19), organisation=world.org_b)
    services.booking_approve(booking=taken, by=manager)
    client.force_login(world.ngo_admin)
    response = client.post(
        reverse("facilities:booking_new", args=[room.pk]),
        _form(
            world,
            repeat="weekly",
            day=tuesday.isoformat(),
            last_day=(tuesday + timedelta(weeks=2)).isoformat(),
            weekdays=["1"],
            starts="17:00",
            ends="19:00",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "These dates were not booked" in html
    assert "already booked" in html
    assert BookingSeries.objects.get().bookings.count() == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends": "09:00"}, "must end after it starts"),
        ({"starts": "06:00", "ends": "07:00"}, "only 08.00–21.00"),
        ({"participants": 500}, "at most 20 people"),
        ({"repeat": "weekly"}, "Choose at least one weekday"),
        ({"free_requested": "on"}, "Say why the use should be free"),
        ({"purpose": ""}, "This field is required"),
    ],
)
def test_bad_requests_are_explained_and_nothing_is_stored(client, world, room, fields, message):
    client.force_login(world.ngo_admin)
    response = client.post(
        reverse("facilities:booking_new", args=[room.pk]), _form(world, **fields)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()
    assert not BookingSeries.objects.exists()


def test_nobody_books_for_an_organisation_they_are_not_a_member_of(client, world, room):
    client.force_login(world.other_member)
    response = client.post(reverse("facilities:booking_new", args=[room.pk]), _form(world))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Booking.objects.exists()


# --- Who sees and does what ------------------------------------------------


def test_only_the_organisation_and_the_spaces_manager_see_a_booking(client, world, room, manager):
    booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    url = reverse("facilities:booking_detail", args=[booking.pk])
    for user, status in [
        (world.ngo_member, 200),
        (manager, 200),
        (world.other_member, 404),
        (make_manager(world.official_other), 404),
        (world.coordinator, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_the_organisation_cancels_its_booking_and_others_cannot(client, world, room, manager):
    booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    url = reverse("facilities:booking_cancel", args=[booking.pk])
    client.force_login(world.other_member)
    assert client.post(url).status_code == 404
    client.force_login(manager)
    assert client.post(url).status_code == 404
    client.force_login(world.ngo_member)
    assert client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_only_the_spaces_manager_decides_and_a_decline_needs_a_reason(client, world, room, manager):
    booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    url = reverse("facilities:booking_decide", args=[booking.pk])
    client.force_login(world.ngo_admin)
    assert client.post(url, {"decision": "approve"}).status_code == 404
    client.force_login(make_manager(world.official_other))
    assert client.post(url, {"decision": "approve"}).status_code == 404
    client.force_login(manager)
    response = client.post(url, {"decision": "decline"}, follow=True)
    assert "Give the reason for declining." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED
    client.post(url, {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.APPROVED


def test_the_manager_decides_a_whole_series_at_once(client, world, room, manager):
    outcome = weekly(world, room, MONDAY, MONDAY + timedelta(weeks=3), weekdays=(1, 3))
    client.force_login(manager)
    client.post(
        reverse("facilities:series_decide", args=[outcome.series.pk]), {"decision": "approve"}
    )
    assert set(Booking.objects.values_list("status", flat=True)) == {"approved"}


def test_the_managers_calendar_is_their_municipalitys_only(client, world, room, manager):
    salo = make_space(code="734", name="Salon sali")
    request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    request(world, salo, at(MONDAY, 10), at(MONDAY, 12))
    client.force_login(manager)
    for view in ("week", "month"):
        response = client.get(
            reverse("facilities:manage"), {"view": view, "week": MONDAY.isoformat()}
        )
        html = response.content.decode()
        assert "Kokoustila Aura" in html
        assert "Salon sali" not in html
    client.force_login(world.official_other)  # an official, but not a facility manager
    assert client.get(reverse("facilities:manage")).status_code == 404


@pytest.mark.parametrize("count", [2, 10])
def test_the_managers_calendar_takes_the_same_queries_for_few_and_many(
    client, world, manager, count
):
    rooms = [make_space(name=f"Tila {n}") for n in range(count)]
    for number, space in enumerate(rooms):
        request(world, space, at(MONDAY, 10), at(MONDAY, 11), purpose=f"Ryhmä {number}")
    client.force_login(manager)
    _response, queries = get_counted(
        client, reverse("facilities:manage"), {"week": MONDAY.isoformat()}
    )
    assert len(queries) <= 12, [q["sql"] for q in queries]


@pytest.mark.parametrize("count", [2, 10])
def test_our_bookings_takes_the_same_queries_for_few_and_many(client, world, room, count):
    for number in range(count):
        day = MONDAY + timedelta(days=number % 5, weeks=number // 5)
        request(world, room, at(day, 10), at(day, 11))
    client.force_login(world.ngo_member)
    response, queries = get_counted(client, reverse("facilities:my_bookings"))
    assert len(response.context["page"]) == count
    assert len(queries) <= 9, [q["sql"] for q in queries]


def test_our_bookings_lists_only_the_users_organisations(client, world, room):
    request(world, room, at(MONDAY, 10), at(MONDAY, 11))
    request(
        world, room, at(MONDAY, 12), at(MONDAY, 13), organisation=world.org_b, by=world.other_member
    )
    client.force_login(world.ngo_member)
    response = client.get(reverse("facilities:my_bookings"))
    assert [b.organisation for b in response.context["page"]] == [world.org_a]


# --- iCal ------------------------------------------------------------------


def test_a_spaces_feed_has_its_busy_times_without_names(client, world, room, manager):
    booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12), purpose="Salainen")
    services.booking_approve(booking=booking, by=manager)
    response = client.get(reverse("facilities:space_ical", args=[room.pk]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in text
    assert f"DTSTART:{at(MONDAY, 10).astimezone(tz=None).strftime('%Y%m%d')}" in text
    assert "Salainen" not in text
    assert world.org_a.name not in text


def test_an_organisations_feed_needs_its_secret_and_escapes_text(client, world, room):
    request(world, room, at(MONDAY, 10), at(MONDAY, 12), purpose="Kahvi, pulla; ja\nlaulu")
    client.force_login(world.ngo_admin)
    client.post(reverse("facilities:feed_renew", args=[world.org_a.pk]))
    feed = CalendarFeed.objects.get(organisation=world.org_a)
    token = feed.token
    # Found by the hash of the address's secret, never by the secret itself.
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    client.logout()
    text = client.get(reverse("facilities:organisation_ical", args=[token])).content.decode()
    assert "Kahvi\\, pulla\\; ja\\nlaulu" in text
    assert "STATUS:TENTATIVE" in text
    assert client.get(reverse("facilities:organisation_ical", args=["x" * 43])).status_code == 404
    # A new address replaces the old one.
    client.force_login(world.ngo_member)
    client.post(reverse("facilities:feed_renew", args=[world.org_a.pk]))
    client.logout()
    assert client.get(reverse("facilities:organisation_ical", args=[token])).status_code == 404


def test_nobody_renews_the_feed_of_another_organisation(client, world):
    client.force_login(world.other_member)
    assert client.post(reverse("facilities:feed_renew", args=[world.org_a.pk])).status_code == 404
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("weeks", [1, 8])
def test_a_series_page_takes_the_same_queries_for_few_and_many_dates(
    client, world, room, manager, weeks
):
    outcome = weekly(world, room, MONDAY, MONDAY + timedelta(weeks=weeks), weekdays=(1, 3))
    client.force_login(manager)
    url = reverse("facilities:series_detail", args=[outcome.series.pk])
    response, queries = get_counted(client, url)
    assert len(response.context["bookings"]) == len(outcome.bookings)
    assert len(queries) <= 11, [q["sql"] for q in queries]


@pytest.mark.parametrize("count", [1, 6])
def test_a_space_page_takes_the_same_queries_for_few_and_many_bookings(
    client, world, room, manager, count
):
    for number in range(count):
        booking = request(world, room, at(MONDAY, 8 + 2 * number), at(MONDAY, 9 + 2 * number))
        services.booking_approve(booking=booking, by=manager)
    add_photo(room)
    _response, queries = get_counted(
        client, reverse("facilities:space_detail", args=[room.pk]), {"week": MONDAY.isoformat()}
    )
    # The eighth reads the week's closed days (holidays).
    assert len(queries) <= 8, [q["sql"] for q in queries]


@pytest.mark.parametrize(
    ("language", "closed", "holiday", "free"),
    [
        ("fi", "suljettu", "suljettu (Itsenäisyyspäivä)", "vapaa"),
        ("sv", "stängt", "stängt (Itsenäisyyspäivä)", "ledig"),
    ],
)
def test_a_closed_day_says_closed_with_its_reason(client, room, language, closed, holiday, free):
    from datetime import date

    # The week of Monday 6.12.2027: Independence Day closed, Sunday not open at all.
    OpeningException.objects.create(space=room, date=date(2027, 12, 6), reason="Itsenäisyyspäivä")
    with translation.override(language):
        client.cookies["django_language"] = language
        response, _ = get_counted(
            client, reverse("facilities:space_detail", args=[room.pk]), {"week": "2027-12-06"}
        )
    rows = {
        cells[0]: cells[1]
        for cells in (
            [" ".join(td.split()) for td in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", response.content.decode(), re.S)
        )
        if len(cells) == 2 and re.search(r"\d+\.12\.", cells[0])
    }
    by_day = {re.search(r"(\d+)\.12\.", day).group(1): text for day, text in rows.items()}
    assert by_day["6"] == holiday
    assert by_day["12"] == closed  # a Sunday: no opening hours
    assert by_day["7"] == free


def test_cancelling_a_series_lists_its_coming_dates_and_asks_first(client, world, room, manager):
    start = monday_ahead()
    outcome = weekly(world, room, start, start + timedelta(weeks=2, days=1), weekdays=(1,))
    client.force_login(world.ngo_admin)
    url = reverse("facilities:series_cancel", kwargs={"pk": outcome.series.pk})
    with translation.override("fi"):
        asked = client.post(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "Perutaanko sarjan kaikki 3 tulevaa päivää" in text
    first = outcome.bookings[0].starts_at.astimezone(timezone.get_current_timezone())
    assert f"{first.day}.{first.month}.{first.year} klo 17.00–19.00" in text
    assert Booking.objects.filter(status="cancelled").count() == 0
    client.post(url, {"confirmed": "1"})
    assert Booking.objects.filter(status="cancelled").count() == 3


def test_the_manager_sees_a_series_as_one_line_with_overlaps_marked(client, world, manager):
    from decimal import Decimal

    room = make_space(ngo_price=Space.Price.NORMAL, hourly_price=Decimal("30"))
    start = monday_ahead()
    weekly(world, room, start, start + timedelta(weeks=3, days=1), weekdays=(1,))
    single = request(
        world,
        room,
        at(start + timedelta(days=1), 17, 30),
        at(start + timedelta(days=1), 18, 30),
        purpose="Hallituksen kokous",
        free_requested=True,
        free_reason="Yleishyödyllinen vertaistoiminta, kumppanuussopimus.",
    )
    client.force_login(manager)
    with translation.override("fi"):
        page = client.get(reverse("facilities:manage"), HTTP_ACCEPT_LANGUAGE="fi")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("viikkosarja, 4 päivää odottaa") == 1
    assert text.count("päällekkäin toisen varauspyynnön kanssa") == 2  # the series and the single
    detail = client.get(
        reverse("facilities:booking_detail", kwargs={"pk": single.pk}), HTTP_ACCEPT_LANGUAGE="fi"
    ).content.decode()
    assert "Hallituksen kokous" in detail
    assert "Yleishyödyllinen vertaistoiminta, kumppanuussopimus." in detail
    assert "Osallistujia" in detail


def test_the_managers_list_takes_the_same_queries_for_more_series(client, world, room, manager):
    start = monday_ahead()
    weekly(world, room, start, start + timedelta(weeks=2, days=1), weekdays=(1,))
    client.force_login(manager)
    url = reverse("facilities:manage")
    client.get(url)  # the first request of a session reads what later ones have kept
    _response, few = get_counted(client, url)
    weekly(world, room, start, start + timedelta(weeks=2, days=1), weekdays=(3,))
    weekly(
        world,
        room,
        start,
        start + timedelta(weeks=2, days=1),
        weekdays=(4,),
        starts=time(9),
        ends=time(10),
    )
    _response, more = get_counted(client, url)
    assert len(more) == len(few)
