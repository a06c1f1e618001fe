"""Facility bookings: never a double booking (issue 6, first part)."""

import contextlib
import threading
from datetime import date, datetime, time, timedelta

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone, translation

from cooperation.errors import DomainError
from partnerships.facilities import services
from partnerships.facilities.services import BookingConflict, BookingRefused
from partnerships.models import Booking, Occupancy, Space
from tests.factories import municipality
from tests.helpers.time import HELSINKI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _monday_a_month_ahead() -> date:
    day = timezone.localdate() + timedelta(days=30)
    return day - timedelta(days=day.weekday())


BASE = _monday_a_month_ahead()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Local time in Helsinki on the day-th day after a Monday a month ahead."""
    return datetime.combine(BASE + timedelta(days=day), time(hour, minute), tzinfo=HELSINKI)


def _spring_change() -> date:
    """Next year's last Sunday of March, when Finnish clocks jump from 03:00 to 04:00."""
    last = date(timezone.localdate().year + 1, 3, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


@pytest.fixture
def hall(world):
    hall = Space.objects.create(
        municipality=municipality("853"),
        name="Liikuntasali",
        kind="gym",
        capacity=80,
        horizon_days=800,
    )
    for half in ("A", "B"):
        Space.objects.create(
            municipality=hall.municipality,
            parent=hall,
            name=f"Puolikas {half}",
            kind="gym",
            capacity=40,
        )
    return hall


def _book(world, space, start, end, *, approve=True, organisation=None):
    booking = services.booking_request(
        space=space,
        organisation=organisation or world.org_a,
        by=world.ngo_admin,
        starts_at=start,
        ends_at=end,
        purpose="Vertaisryhmä",
        participants=10,
    )
    if approve:
        booking = services.booking_approve(booking=booking, by=world.official_same)
    return booking


def test_a_booking_ending_at_noon_and_one_starting_at_noon_do_not_overlap(world, hall):
    a = hall.parts.get(name="Puolikas A")
    _book(world, a, at(2, 10), at(2, 12))
    later = _book(world, a, at(2, 12), at(2, 14))
    assert later.status == Booking.Status.APPROVED
    with pytest.raises(BookingConflict):
        _book(world, a, at(2, 11, 59), at(2, 12, 30))


def test_the_whole_holds_its_parts_and_a_part_holds_the_whole_but_not_the_other_part(world, hall):
    a, b = hall.parts.order_by("name")
    _book(world, a, at(3, 10), at(3, 12))
    assert _book(world, b, at(3, 10), at(3, 12)).status == Booking.Status.APPROVED
    with pytest.raises(BookingConflict):
        _book(world, hall, at(3, 11), at(3, 13))
    _book(world, hall, at(4, 10), at(4, 12))
    with pytest.raises(BookingConflict):
        _book(world, b, at(4, 9), at(4, 10, 30))


def test_a_refused_approval_leaves_the_request_as_it_was(world, hall):
    a = hall.parts.get(name="Puolikas A")
    first = _book(world, a, at(5, 10), at(5, 12), approve=False)
    second = _book(world, a, at(5, 11), at(5, 13), approve=False)
    services.booking_approve(booking=first, by=world.official_same)
    with pytest.raises(BookingConflict):
        services.booking_approve(booking=second, by=world.official_same)
    second.refresh_from_db()
    assert second.status == Booking.Status.REQUESTED
    assert not second.occupancies.exists()


def test_a_cancelled_booking_frees_its_time(world, hall):
    first = _book(world, hall, at(6, 10), at(6, 12))
    services.booking_cancel(booking=first, by=world.ngo_admin)
    assert _book(world, hall, at(6, 10), at(6, 12)).status == Booking.Status.APPROVED
    with pytest.raises(BookingRefused):
        services.booking_cancel(booking=first, by=world.ngo_admin)


def test_times_across_the_spring_daylight_saving_change_are_compared_as_instants(world, hall):
    # On the last Sunday of March clocks go from 03:00 to 04:00 in Helsinki: from
    # 02:30 local, one hour of real time ends at 04:30 local, when the next begins.
    change = _spring_change()
    start = datetime.combine(change, time(2, 30), tzinfo=HELSINKI)
    _book(world, hall, start, start + timedelta(hours=1))
    next_start = datetime.combine(change, time(4, 30), tzinfo=HELSINKI)
    assert _book(world, hall, next_start, next_start + timedelta(hours=1)).status == "approved"
    with pytest.raises(BookingConflict):
        _book(world, hall, start + timedelta(minutes=59), next_start)


@pytest.mark.parametrize(
    ("start", "end", "participants", "message"),
    [
        (at(7, 12), at(7, 10), 10, "end after it starts"),
        (at(7, 10), at(7, 12), 500, "at most 80 people"),
    ],
)
def test_impossible_requests_are_refused_and_nothing_is_stored(
    world, hall, start, end, participants, message
):
    with pytest.raises(DomainError, match=message):
        services.booking_request(
            space=hall,
            organisation=world.org_a,
            by=world.ngo_admin,
            starts_at=start,
            ends_at=end,
            purpose="x",
            participants=participants,
        )
    assert not Booking.objects.exists()


def test_the_database_refuses_overlapping_held_times_on_postgresql(world, hall):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint is PostgreSQL's; SQLite serialises the services")
    booking = _book(world, hall.parts.first(), at(8, 10), at(8, 12))
    with pytest.raises(IntegrityError), transaction.atomic():
        Occupancy.objects.create(
            booking=booking, space=hall.parts.first(), starts_at=at(8, 11), ends_at=at(8, 13)
        )


@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_the_same_slot_at_the_same_moment_leave_exactly_one(
    world, hall, monkeypatch
):
    a = hall.parts.get(name="Puolikas A")
    first = _book(world, a, at(9, 10), at(9, 12), approve=False)
    second = _book(world, a, at(9, 11), at(9, 13), approve=False, organisation=world.org_b)
    start = threading.Barrier(2)
    # Widen the race: each approval waits, after its own check, for the other to
    # have checked too (up to 2 s). The lock on the space keeps the second from
    # checking until the first has committed, so the wait times out and the
    # second sees the time taken; without the lock both would see it free.
    both_checked = threading.Barrier(2)
    conflicts = services._conflicts

    class Checked:
        def __init__(self, found: bool):
            self.found = found

        def exists(self) -> bool:
            return self.found

    def racing_conflicts(*args):
        found = conflicts(*args).exists()
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait(timeout=2)
        return Checked(found)

    monkeypatch.setattr(services, "_conflicts", racing_conflicts)
    outcomes = {}

    def approve(booking):
        try:
            start.wait(timeout=10)
            services.booking_approve(booking=booking, by=world.official_same)
            outcomes[booking.pk] = "approved"
        except BookingConflict:
            outcomes[booking.pk] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(b,)) for b in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["approved", "refused"]
    assert Booking.objects.filter(status=Booking.Status.APPROVED).count() == 1
    assert Occupancy.objects.count() == 1


def test_a_deadlock_between_racing_approvals_is_a_refusal_and_stores_nothing(
    world, hall, monkeypatch
):
    # PostgreSQL may settle two inserts racing into the exclusion constraint by
    # killing one of them with a deadlock; the loser must hear "already booked".
    a = hall.parts.get(name="Puolikas A")
    booking = _book(world, a, at(9, 10), at(9, 12), approve=False)

    class Deadlock(Exception):
        sqlstate = "40P01"

    def dies(*args, **kwargs):
        try:
            raise Deadlock()
        except Deadlock as cause:
            raise OperationalError("deadlock detected") from cause

    monkeypatch.setattr(Occupancy.objects, "bulk_create", dies)
    with pytest.raises(BookingConflict):
        services.booking_approve(booking=booking, by=world.official_same)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_other_database_errors_in_an_approval_are_not_disguised_as_conflicts(
    world, hall, monkeypatch
):
    a = hall.parts.get(name="Puolikas A")
    booking = _book(world, a, at(9, 10), at(9, 12), approve=False)

    def fails(*args, **kwargs):
        raise OperationalError("disk full")

    monkeypatch.setattr(Occupancy.objects, "bulk_create", fails)
    with pytest.raises(OperationalError):
        services.booking_approve(booking=booking, by=world.official_same)


def test_a_manager_does_not_decide_their_own_organisations_booking(world, hall):
    """Esteellisyys: free use above all is a benefit the manager's own NGO would get."""
    from cooperation.errors import Disqualified
    from tests.factories import MembershipFactory

    booking = _book(world, hall, at(7, 10), at(7, 12), approve=False)
    MembershipFactory(user=world.official_same, organisation=booking.organisation)
    with pytest.raises(Disqualified, match="member of"):
        services.booking_approve(booking=booking, by=world.official_same, grant_free=True)
    with pytest.raises(Disqualified):
        services.booking_decline(booking=booking, by=world.official_same, reason="Ei käy.")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED
