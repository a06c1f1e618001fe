"""Booking rules, prices and free use, weekly series, decisions, cancellations
and their mail (issue 6)."""

import threading
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.utils import translation

from cooperation.errors import DomainError
from partnerships.facilities import services
from partnerships.facilities.services import BookingConflict, BookingRefused
from partnerships.models import Agreement, Booking, BookingSeries, OpeningException, Space
from tests.helpers.agreements import in_force
from tests.helpers.facilities import make_space, request, weekly
from tests.helpers.officials import make_manager
from tests.helpers.time import at, monday_ahead

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as if its transaction committed: its mail goes out."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def manager(world):
    return make_manager(world.official_same)


@pytest.fixture
def room(world):
    return make_space()


MONDAY = monday_ahead()


# --- Rules of a space ------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "participants", "message"),
    [
        (at(MONDAY, 7), at(MONDAY, 9), 5, "open on .* only 08.00–21.00"),
        (at(MONDAY, 20), at(MONDAY, 22), 5, "only 08.00–21.00"),
        (at(MONDAY + timedelta(days=6), 12), at(MONDAY + timedelta(days=6), 13), 5, "closed on"),
        (at(MONDAY, 10), at(MONDAY, 12), 21, "at most 20 people"),
        (at(MONDAY, 10), at(MONDAY, 10, 15), 5, "at least 30 minutes"),
        (at(MONDAY, 8), at(MONDAY, 17), 5, "at most 480 minutes"),
        (at(MONDAY, 12), at(MONDAY, 10), 5, "end after it starts"),
    ],
)
def test_requests_against_the_rules_of_the_space_are_refused_and_nothing_is_stored(
    world, room, start, end, participants, message
):
    with pytest.raises(BookingRefused, match=message):
        request(world, room, start, end, participants=participants)
    assert not Booking.objects.exists()


def test_a_request_too_late_or_too_early_is_refused(world):
    room = make_space(notice_hours=24 * 40, horizon_days=400)
    with pytest.raises(BookingRefused, match="at least 960 hours ahead"):
        request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    far = monday_ahead(weeks=60)
    with pytest.raises(BookingRefused, match="at most 400 days ahead"):
        request(world, room, at(far, 10), at(far, 12))


def test_a_holiday_closes_the_space_with_its_reason_and_a_short_day_has_its_own_hours(world, room):
    OpeningException.objects.create(space=room, date=MONDAY, reason="Itsenäisyyspäivä")
    tuesday = MONDAY + timedelta(days=1)
    OpeningException.objects.create(space=room, date=tuesday, opens=time(12), closes=time(15))
    with pytest.raises(BookingRefused, match=r"closed on .*Itsenäisyyspäivä"):
        request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    with pytest.raises(BookingRefused, match=r"only 12\.00–15\.00"):
        request(world, room, at(tuesday, 10), at(tuesday, 12))
    assert request(world, room, at(tuesday, 12), at(tuesday, 15)).status == "requested"


def test_a_part_follows_the_opening_hours_of_its_whole(world, room):
    part = Space.objects.create(
        municipality=room.municipality,
        parent=room,
        name="Puolikas",
        kind="meeting_room",
        capacity=10,
    )
    with pytest.raises(BookingRefused, match=r"only 08\.00–21\.00"):
        request(world, part, at(MONDAY, 6), at(MONDAY, 8))


def test_a_space_without_hours_can_be_booked_at_any_time_of_day(world):
    room = make_space(hours=False)
    assert request(world, room, at(MONDAY, 6), at(MONDAY, 8)).status == "requested"


def test_a_space_that_needs_no_approval_confirms_at_once_and_holds_the_time(world):
    room = make_space(needs_approval=False)
    booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    assert booking.status == Booking.Status.APPROVED
    assert booking.occupancies.count() == 1
    with pytest.raises(BookingConflict):
        request(world, room, at(MONDAY, 11), at(MONDAY, 13), organisation=world.org_b)
    assert Booking.objects.count() == 1


# --- Price and free use ----------------------------------------------------


def test_the_price_follows_the_ngo_price_of_the_space(world):
    normal = make_space(ngo_price=Space.Price.NORMAL, hourly_price=Decimal("30"))
    reduced = make_space(
        ngo_price=Space.Price.REDUCED, hourly_price=Decimal("30"), reduced_hourly_price="12.50"
    )
    free = make_space(ngo_price=Space.Price.FREE, hourly_price=Decimal("30"))
    assert request(world, normal, at(MONDAY, 10), at(MONDAY, 11, 30)).price == Decimal("45.00")
    assert request(world, reduced, at(MONDAY, 10), at(MONDAY, 12)).price == Decimal("25.00")
    booking = request(world, free, at(MONDAY, 10), at(MONDAY, 12))
    assert booking.is_free
    assert booking.price == 0


def test_a_facility_partnership_gives_free_use_automatically(world, manager):
    room = make_space(ngo_price=Space.Price.NORMAL, hourly_price=Decimal("30"))
    agreement = in_force(
        world,
        kind=Agreement.Kind.FACILITY,
        free_of_charge=True,
        free_of_charge_reason="Avoin olohuone",
        starts_on=MONDAY - timedelta(days=365),
        ends_on=MONDAY + timedelta(days=365),
    )
    agreement.spaces.add(room)
    mine = request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    assert mine.is_free
    assert mine.price == 0
    assert mine.free_agreement == agreement
    # Another organisation pays, and the same organisation pays after the agreement ends.
    other = request(world, room, at(MONDAY, 13), at(MONDAY, 14), organisation=world.org_b)
    assert not other.is_free
    assert other.price == Decimal("30.00")
    later = MONDAY + timedelta(days=400)
    room.horizon_days = 500
    room.save()
    assert not request(world, room, at(later, 10), at(later, 11)).is_free


def test_free_use_asked_needs_a_reason_and_is_granted_by_the_manager(world, room, manager):
    room.ngo_price, room.hourly_price = Space.Price.NORMAL, Decimal("20")
    room.save()
    with pytest.raises(BookingRefused, match="why the use should be free"):
        request(world, room, at(MONDAY, 10), at(MONDAY, 12), free_requested=True)
    booking = request(
        world, room, at(MONDAY, 10), at(MONDAY, 12), free_requested=True, free_reason="Avoin"
    )
    assert booking.price == Decimal("40.00")
    assert not booking.is_free
    booking = services.booking_approve(booking=booking, by=manager, grant_free=True)
    booking.refresh_from_db()
    assert booking.is_free
    assert booking.price == 0


# --- Weekly series ---------------------------------------------------------


def test_a_series_books_each_chosen_weekday_and_lists_the_dates_it_could_not(world, manager):
    room = make_space(needs_approval=False)
    tuesday = MONDAY + timedelta(days=1)
    taken = request(
        world,
        room,
        at(tuesday + timedelta(weeks=1), 18),
        at(tuesday + timedelta(weeks=1), 20),
        organisation=world.org_b,
    )
    OpeningException.objects.create(space=room, date=tuesday + timedelta(weeks=2), reason="Joulu")
    outcome = weekly(world, room, tuesday, tuesday + timedelta(weeks=3), weekdays=(1, 3))
    booked = sorted(b.starts_at.date() for b in outcome.bookings)
    assert booked == [
        tuesday,
        tuesday + timedelta(days=2),
        tuesday + timedelta(days=9),
        tuesday + timedelta(days=16),
        tuesday + timedelta(weeks=3),
    ]
    assert [(day, reason) for day, reason in outcome.skipped] == [
        (taken.starts_at.date(), "already booked"),
        (
            tuesday + timedelta(weeks=2),
            f"The space is closed on {(tuesday + timedelta(weeks=2)):%-d.%-m.%Y}: Joulu",
        ),
    ]
    assert all(b.status == "approved" for b in outcome.bookings)


def test_a_series_keeps_local_hours_across_the_autumn_clock_change(world):
    room = make_space(hours=False, horizon_days=800)
    # The last Sunday of October: clocks go back an hour. The Monday before and
    # after both start at 17.00 Finnish time, an offset of +3 and then +2.
    year = MONDAY.year + (1 if MONDAY.month > 9 else 0)
    last = MONDAY.replace(year=year, month=10, day=31)
    change = last - timedelta(days=(last.weekday() + 1) % 7)
    outcome = weekly(
        world, room, change - timedelta(days=6), change + timedelta(days=1), weekdays=(0,)
    )
    offsets = [b.starts_at.utcoffset() for b in outcome.bookings]
    hours = [b.starts_at.astimezone(at(MONDAY, 0).tzinfo).hour for b in outcome.bookings]
    assert hours == [17, 17]
    assert len(outcome.bookings) == 2
    assert [b.starts_at.astimezone(at(MONDAY, 0).tzinfo).utcoffset() for b in outcome.bookings] == [
        timedelta(hours=3),
        timedelta(hours=2),
    ]
    assert offsets  # both stored as instants


def test_a_series_with_no_date_left_is_refused_and_nothing_is_stored(world, room):
    sunday = MONDAY + timedelta(days=6)
    with pytest.raises(BookingRefused, match="None of the dates can be booked"):
        weekly(world, room, sunday, sunday + timedelta(weeks=2), weekdays=(6,))
    assert not BookingSeries.objects.exists()
    assert not Booking.objects.exists()


def test_a_series_longer_than_a_year_or_without_weekdays_is_refused(world, room):
    with pytest.raises(BookingRefused, match="a year at most"):
        weekly(world, room, MONDAY, MONDAY + timedelta(days=400))
    with pytest.raises(BookingRefused, match="at least one weekday"):
        weekly(world, room, MONDAY, MONDAY + timedelta(days=30), weekdays=())


def test_a_series_request_and_its_approval_send_one_mail_each_not_one_per_date(
    world, room, manager, committed
):
    mail.outbox.clear()
    outcome = committed(
        weekly, world, room, MONDAY, MONDAY + timedelta(weeks=9, days=1), weekdays=(1,)
    )
    assert len(outcome.bookings) == 10
    to_manager = [m for m in mail.outbox if manager.email in m.to]
    assert len(to_manager) == 1
    assert to_manager[0].subject.startswith("Varauspyyntö")  # in the manager's language
    mail.outbox.clear()
    approved, taken = committed(services.series_approve, series=outcome.series, by=manager)
    assert len(approved) == 10
    assert taken == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.ngo_admin.email]
    assert Booking.objects.filter(status="approved").count() == 10
    assert outcome.bookings[0].occupancies.count() == 1


def test_approving_a_series_leaves_the_dates_taken_meanwhile_waiting(world, room, manager):
    outcome = weekly(world, room, MONDAY, MONDAY + timedelta(weeks=2, days=1), weekdays=(1,))
    tuesday = MONDAY + timedelta(days=1)
    other = request(world, room, at(tuesday, 18), at(tuesday, 19), organisation=world.org_b)
    services.booking_approve(booking=other, by=manager)
    approved, taken = services.series_approve(series=outcome.series, by=manager)
    assert len(approved) == 2
    assert [b.starts_at.date() for b in taken] == [tuesday]
    assert Booking.objects.get(pk=taken[0].pk).status == "requested"


def test_declining_needs_a_reason_and_a_whole_series_is_declined_at_once(
    world, room, manager, committed
):
    outcome = weekly(world, room, MONDAY, MONDAY + timedelta(weeks=2, days=1), weekdays=(1,))
    with pytest.raises(BookingRefused, match="reason"):
        services.series_decline(series=outcome.series, by=manager, reason=" ")
    mail.outbox.clear()
    declined = committed(
        services.series_decline, series=outcome.series, by=manager, reason="Remontti"
    )
    assert len(declined) == 3
    assert set(Booking.objects.values_list("status", flat=True)) == {"declined"}
    assert len(mail.outbox) == 1
    assert "Remontti" in mail.outbox[0].body


def test_one_date_of_a_series_is_declined_or_cancelled_alone(world, room, manager):
    outcome = weekly(world, room, MONDAY, MONDAY + timedelta(weeks=2, days=1), weekdays=(1,))
    first, second, third = outcome.bookings
    services.booking_decline(booking=first, by=manager, reason="Vaalit")
    services.booking_approve(booking=second, by=manager)
    services.booking_cancel(booking=second, by=world.ngo_member)
    statuses = dict(Booking.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "declined", second.pk: "cancelled", third.pk: "requested"}
    assert not second.occupancies.exists()


def test_cancelling_a_series_cancels_its_coming_dates_and_keeps_the_past(
    world, room, manager, committed
):
    outcome = weekly(world, room, MONDAY, MONDAY + timedelta(weeks=2, days=1), weekdays=(1,))
    services.series_approve(series=outcome.series, by=manager)
    past = outcome.bookings[0]
    Booking.objects.filter(pk=past.pk).update(
        starts_at=at(MONDAY - timedelta(weeks=8), 17), ends_at=at(MONDAY - timedelta(weeks=8), 19)
    )
    mail.outbox.clear()
    cancelled = committed(services.series_cancel, series=outcome.series, by=world.ngo_admin)
    assert len(cancelled) == 2
    assert Booking.objects.get(pk=past.pk).status == "approved"
    assert len(mail.outbox) == 1
    assert manager.email in mail.outbox[0].to
    with pytest.raises(BookingRefused, match="Nothing left to cancel"):
        services.series_cancel(series=outcome.series, by=world.ngo_admin)


def test_a_decision_on_a_booking_that_is_no_longer_requested_is_refused(world, room, manager):
    booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    services.booking_decline(booking=booking, by=manager, reason="Varattu muuhun")
    with pytest.raises(BookingRefused):
        services.booking_approve(booking=booking, by=manager)


def test_booking_mail_escapes_what_the_requester_wrote(world, room, manager, committed):
    mail.outbox.clear()
    committed(
        request, world, room, at(MONDAY, 10), at(MONDAY, 12), purpose="<script>alert(1)</script>"
    )
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


# --- Concurrency -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_slot_of_a_self_service_space_leave_exactly_one(world):
    room = make_space(needs_approval=False)
    start = threading.Barrier(6)
    outcomes = []

    def ask(number):
        try:
            start.wait(timeout=10)
            request(world, room, at(MONDAY, 10), at(MONDAY, 12), purpose=f"Ryhmä {number}")
            outcomes.append("confirmed")
        except BookingConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["confirmed"] + ["refused"] * 5
    assert Booking.objects.count() == 1


def test_an_official_lists_the_spaces_a_facility_partnership_covers(world):
    from partnerships.agreements import services as agreement_services
    from tests.helpers.agreements import make_agreement

    room = make_space()
    salo = make_space(code="734", name="Salon sali")
    facility = make_agreement(world, kind=Agreement.Kind.FACILITY, spaces=[room])
    assert list(facility.spaces.all()) == [room]
    with pytest.raises(DomainError, match="municipality"):
        agreement_services.agreement_save(
            agreement=facility,
            by=world.official_same,
            fields={},
            organisations=[world.org_a],
            spaces=[salo],
        )
    development = make_agreement(world)
    with pytest.raises(DomainError, match="Only a facility partnership"):
        agreement_services.agreement_save(
            agreement=development,
            by=world.official_same,
            fields={},
            organisations=[world.org_a],
            spaces=[room],
        )
    assert list(facility.spaces.all()) == [room]
