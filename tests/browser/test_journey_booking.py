"""NGO staff book a weekly group slot in the city's facilities; the facility
manager approves; the organisation's iCal feed lists the bookings."""

from __future__ import annotations

from datetime import UTC, timedelta

from partnerships.models import Booking
from tests.browser.conftest import Journey
from tests.helpers.facilities import make_space
from tests.helpers.officials import make_manager
from tests.helpers.time import at, monday_ahead

PURPOSE = "Vertaistukiryhmä omaishoitajille"


def test_a_weekly_group_is_booked_approved_and_in_the_calendar(new_page, live_server, world):
    space = make_space()
    manager = make_manager(world.official_same)
    first = monday_ahead()
    last = first + timedelta(weeks=3)

    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    journey.goto(f"/facilities/spaces/{space.pk}/")
    page.locator(f"main a[href='/facilities/spaces/{space.pk}/book/']").click()
    journey.scan()
    page.locator("#id_repeat_1").check()
    page.locator("#id_day").fill(first.isoformat())
    page.locator("#id_starts").fill("17:00")
    page.locator("#id_ends").fill("19:00")
    page.locator("input[name=weekdays][value='0']").check()
    page.locator("#id_last_day").fill(last.isoformat())
    page.locator("#id_purpose").fill(PURPOSE)
    page.locator("#id_participants").fill("12")
    page.locator("main form button[type=submit]").last.click()
    journey.scan()
    assert Booking.objects.filter(status=Booking.Status.REQUESTED).count() == 4
    journey.finish()

    page = new_page(user=manager, language="fi")
    journey = Journey(page)
    journey.goto("/facilities/manage/")
    page.locator("main a[href^='/facilities/series/']").first.click()
    journey.scan()
    page.locator("#id_decision_0").check()
    page.locator("main form button[type=submit]").first.click()
    journey.scan()
    assert Booking.objects.filter(status=Booking.Status.APPROVED).count() == 4
    journey.finish()

    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    journey.goto("/facilities/bookings/")
    page.locator("main form[action$='/renew/'] button").first.click()
    journey.scan()
    feed = page.locator("main code").first.inner_text()
    calendar = page.context.request.get(feed)
    assert calendar.headers["content-type"].startswith("text/calendar")
    text = calendar.text()
    assert text.count("BEGIN:VEVENT") == 4
    assert PURPOSE in text
    # 17.00 in Helsinki, in UTC as the feed writes it.
    assert f"DTSTART:{at(first, 17).astimezone(UTC):%Y%m%dT%H%M%SZ}" in text
    journey.finish()
