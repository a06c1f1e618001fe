"""Every write of facility bookings: requests (single or weekly), approvals,
declines and cancellations.

The promise: two confirmed bookings of one space, or of a space and a part of
it, never overlap. A confirmed booking holds its times as Occupancy rows (one per
space held). Writers of one space take its row lock in id order before they
check, so the check sees what the other committed; PostgreSQL's exclusion
constraint (migration 0003) refuses overlapping rows whatever the code path, and
SQLite runs one write transaction at a time (IMMEDIATE).

Mail goes after the commit, one message per action: a weekly series of thirty
dates is one e-mail, not thirty.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation import permissions as core_permissions
from cooperation.errors import Disqualified, DomainError
from cooperation.lib import once
from partnerships.agreements.models import Agreement

from . import emails
from .models import Booking, BookingSeries, Occupancy, OpeningException, OpeningHours, Space

if TYPE_CHECKING:
    from cooperation.models import Organisation, User

HELSINKI = ZoneInfo("Europe/Helsinki")
# A weekly group meets for a season at most; a longer series is a new request.
MAX_SERIES_DAYS = 366


class BookingConflict(DomainError):
    """The space (or a part of it, or the whole it belongs to) is already booked."""


class BookingRefused(DomainError):
    """The request breaks a rule of the space, or the booking cannot move so."""


logger = logging.getLogger(__name__)


def local(day: date, at: time) -> datetime:
    """A wall-clock time in Finland as an instant; zoneinfo picks the right
    offset on either side of a daylight-saving change."""
    return datetime.combine(day, at, tzinfo=HELSINKI)


def _day(moment: datetime) -> str:
    return formats.date_format(moment.astimezone(HELSINKI).date(), "SHORT_DATE_FORMAT")


# --- Rules of a space --------------------------------------------------------


@dataclass
class Rules:
    """The opening hours and limits that apply to one space (its whole's, for a
    part), read once for a request however many dates it has."""

    space: Space
    rules_space: Space
    hours: dict[int, list[tuple[time, time]]]
    exceptions: dict[date, OpeningException]

    @classmethod
    def of(cls, space: Space, first: date, last: date) -> Rules:
        rules_space = space.parent or space
        hours: dict[int, list[tuple[time, time]]] = {}
        for row in OpeningHours.objects.filter(space_id=rules_space.pk):
            hours.setdefault(row.weekday, []).append((row.opens, row.closes))
        exceptions = {
            row.date: row
            for row in OpeningException.objects.filter(
                space_id=rules_space.pk, date__range=(first, last)
            )
        }
        return cls(space=space, rules_space=rules_space, hours=hours, exceptions=exceptions)

    def open_hours(self, day: date) -> list[tuple[time, time]] | None:
        """The day's opening hours; None when the space sets no hours at all."""
        exception = self.exceptions.get(day)
        if exception is not None:
            if exception.is_closed or exception.opens is None or exception.closes is None:
                return []
            return [(exception.opens, exception.closes)]
        if not self.hours:
            return None
        return self.hours.get(day.weekday(), [])

    def problem(self, starts_at: datetime, ends_at: datetime, participants: int, now: datetime):
        """Why this time cannot be requested, or None. Messages are for the user."""
        rules = self.rules_space
        if ends_at <= starts_at:
            return _("A booking must end after it starts.")
        if participants < 1:
            return _("Give the number of participants.")
        if participants > self.space.capacity:
            return _("The space takes at most %(capacity)s people.") % {
                "capacity": self.space.capacity
            }
        minutes = (ends_at - starts_at).total_seconds() / 60
        if minutes < rules.min_minutes:
            return _("A booking of this space lasts at least %(minutes)s minutes.") % {
                "minutes": rules.min_minutes
            }
        if minutes > rules.max_minutes:
            return _("A booking of this space lasts at most %(minutes)s minutes.") % {
                "minutes": rules.max_minutes
            }
        if starts_at < now + timedelta(hours=rules.notice_hours):
            return ngettext(
                "This space is booked at least %(hours)s hour ahead.",
                "This space is booked at least %(hours)s hours ahead.",
                rules.notice_hours,
            ) % {"hours": rules.notice_hours}
        if starts_at > now + timedelta(days=rules.horizon_days):
            return _("This space can be booked at most %(days)s days ahead.") % {
                "days": rules.horizon_days
            }
        start, end = starts_at.astimezone(HELSINKI), ends_at.astimezone(HELSINKI)
        if end.date() != start.date() and not (
            end.date() == start.date() + timedelta(days=1) and end.time() == time(0)
        ):
            return _("A booking starts and ends on the same day.")
        hours = self.open_hours(start.date())
        if hours is None:
            return None
        end_time = time(23, 59, 59) if end.time() == time(0) else end.time()
        if not any(opens <= start.time() and end_time <= closes for opens, closes in hours):
            exception = self.exceptions.get(start.date())
            if exception is not None and exception.is_closed:
                return _("The space is closed on %(date)s: %(reason)s") % {
                    "date": _day(starts_at),
                    "reason": exception.reason or _("exception to the opening hours"),
                }
            if not hours:
                return _("The space is closed on %(date)s.") % {"date": _day(starts_at)}
            return _("The space is open on %(date)s only %(hours)s.") % {
                "date": _day(starts_at),
                "hours": ", ".join(f"{o:%H.%M}–{c:%H.%M}" for o, c in hours),
            }
        return None


# --- Price and free use ------------------------------------------------------


def free_agreement_for(space: Space, organisation: Organisation, day: date) -> Agreement | None:
    """A facility partnership in force that gives the organisation free use of the
    space (or of the whole it is part of) on that day."""
    spaces = [space.pk] + ([space.parent_id] if space.parent_id else [])
    return (
        Agreement.objects.filter(
            kind=Agreement.Kind.FACILITY,
            status=Agreement.Status.IN_FORCE,
            free_of_charge=True,
            organisations=organisation,
            spaces__in=spaces,
            starts_on__lte=day,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .order_by("pk")
        .first()
    )


def _price(space: Space, starts_at: datetime, ends_at: datetime) -> Decimal:
    hours = Decimal((ends_at - starts_at).total_seconds()) / Decimal(3600)
    return (Decimal(space.hourly_price_for_ngos()) * hours).quantize(Decimal("0.01"))


# --- Holding times -----------------------------------------------------------


def _conflicts(space_ids: list[int], starts_at, ends_at):
    # Half-open times: a booking ending at 12:00 and one starting at 12:00 do not meet.
    return Occupancy.objects.filter(
        space_id__in=space_ids, starts_at__lt=ends_at, ends_at__gt=starts_at
    )


def _lock(space_ids: list[int]) -> None:
    # Writers of one space wait for each other here, in id order, so the check
    # after it sees what the other committed. Without this, two inserts racing
    # into PostgreSQL's exclusion constraint wait for each other and one dies of
    # a deadlock instead of a clear refusal.
    list(
        Space.objects.select_for_update(no_key=True)
        .filter(pk__in=space_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _hold(bookings: list[Booking], held: list[int]) -> list[Booking]:
    """Hold the times of the bookings that are still free; return those that
    were not (left as they were). Call inside a transaction after `_lock`."""
    taken, free = [], []
    for booking in bookings:
        if _conflicts(held, booking.starts_at, booking.ends_at).exists():
            taken.append(booking)
        else:
            free.append(booking)
    Occupancy.objects.bulk_create(
        Occupancy(
            booking=booking, space_id=space_id, starts_at=booking.starts_at, ends_at=booking.ends_at
        )
        for booking in free
        for space_id in held
    )
    return taken


def _database_said_taken(error: Exception) -> bool:
    """The exclusion constraint refused, or a deadlock between racing writes
    settled it: either way the other writer won the time."""
    if isinstance(error, IntegrityError):
        return True
    return getattr(error.__cause__, "sqlstate", None) == "40P01"


# --- Requests ----------------------------------------------------------------


def _check_request(purpose: str, free_requested: bool, free_reason: str) -> None:
    if not purpose.strip():
        raise BookingRefused(_("Say what the space is booked for."))
    if free_requested and not free_reason.strip():
        raise BookingRefused(_("Say why the use should be free of charge."))


def _new_booking(
    *,
    space: Space,
    organisation: Organisation,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    participants: int,
    free_requested: bool,
    free_reason: str,
    series: BookingSeries | None = None,
) -> Booking:
    agreement = free_agreement_for(space, organisation, starts_at.astimezone(HELSINKI).date())
    is_free = agreement is not None or space.ngo_price == Space.Price.FREE
    return Booking(
        space=space,
        organisation=organisation,
        series=series,
        created_by=by,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose.strip()[:300],
        participants=participants,
        free_requested=free_requested and not is_free,
        free_reason=free_reason.strip() if free_requested and not is_free else "",
        is_free=is_free,
        free_agreement=agreement,
        price=Decimal(0) if is_free else _price(space, starts_at, ends_at),
    )


def booking_request(
    *,
    space: Space,
    organisation: Organisation,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    participants: int,
    free_requested: bool = False,
    free_reason: str = "",
    form_token: str = "",
) -> Booking:
    """An NGO asks for one time, once per form sent (cooperation.lib.once). Refused with the rule it breaks, or when the time
    is already confirmed to someone else. A space that needs no approval confirms
    the booking at once. The manager (or the requester, when confirmed) gets one
    e-mail after the commit."""
    _check_request(purpose, free_requested, free_reason)
    local_day = starts_at.astimezone(HELSINKI).date()
    problem = Rules.of(space, local_day, local_day).problem(
        starts_at, ends_at, participants, timezone.now()
    )
    if problem:
        raise BookingRefused(problem)
    booking = _new_booking(
        space=space,
        organisation=organisation,
        by=by,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose,
        participants=participants,
        free_requested=free_requested,
        free_reason=free_reason,
    )
    held = space.held_spaces()
    taken_message = _("The space is already booked at that time.")
    try:
        with transaction.atomic():
            once.use(form_token)
            _lock(held)
            if _conflicts(held, starts_at, ends_at).exists():
                raise BookingConflict(taken_message)
            if not space.needs_approval:
                booking.status = Booking.Status.APPROVED
                booking.decided_at = timezone.now()
            booking.save()
            if booking.status == Booking.Status.APPROVED:
                _hold([booking], held)
            else:
                emails.tell_managers([booking])
            emails.after_commit(emails.REQUESTED, [booking.pk])
    except (IntegrityError, OperationalError) as error:
        if not _database_said_taken(error):
            raise
        raise BookingConflict(taken_message) from error
    return booking


@dataclass
class SeriesOutcome:
    series: BookingSeries
    bookings: list[Booking]
    # The dates not booked, each with the reason, to show the requester.
    skipped: list[tuple[date, str]] = field(default_factory=list)


def series_dates(weekdays: list[int], first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() in weekdays:
            days.append(day)
        day += timedelta(days=1)
    return days


def series_request(
    *,
    space: Space,
    organisation: Organisation,
    by: User,
    weekdays: list[int],
    first_date: date,
    last_date: date,
    starts: time,
    ends: time,
    purpose: str,
    participants: int,
    free_requested: bool = False,
    free_reason: str = "",
    form_token: str = "",
) -> SeriesOutcome:
    """A weekly group: the same hours on the chosen weekdays from the first date
    to the last. Dates that break a rule (a holiday) or are already confirmed to
    someone else are left out and listed; the others are requested (or
    confirmed, where no approval is needed). Nothing is stored when no date is
    left."""
    _check_request(purpose, free_requested, free_reason)
    if not weekdays:
        raise BookingRefused(_("Choose at least one weekday."))
    if last_date < first_date:
        raise BookingRefused(_("The last date cannot be before the first."))
    if (last_date - first_date).days > MAX_SERIES_DAYS:
        raise BookingRefused(_("A weekly series lasts a year at most."))
    if ends <= starts:
        raise BookingRefused(_("A booking must end after it starts."))
    days = series_dates(sorted(set(weekdays)), first_date, last_date)
    if not days:
        raise BookingRefused(_("None of the chosen weekdays falls between the dates."))
    rules = Rules.of(space, days[0], days[-1])
    now = timezone.now()
    skipped: list[tuple[date, str]] = []
    wanted: list[tuple[date, datetime, datetime]] = []
    for day in days:
        starts_at, ends_at = local(day, starts), local(day, ends)
        problem = rules.problem(starts_at, ends_at, participants, now)
        if problem:
            skipped.append((day, problem))
        else:
            wanted.append((day, starts_at, ends_at))
    held = space.held_spaces()
    taken_message = _("already booked")
    try:
        with transaction.atomic():
            once.use(form_token)
            _lock(held)
            free = []
            for day, starts_at, ends_at in wanted:
                if _conflicts(held, starts_at, ends_at).exists():
                    skipped.append((day, taken_message))
                else:
                    free.append((starts_at, ends_at))
            if not free:
                raise BookingRefused(
                    _("None of the dates can be booked: %(dates)s") % {"dates": _describe(skipped)}
                )
            series = BookingSeries.objects.create(
                space=space,
                organisation=organisation,
                created_by=by,
                weekdays=",".join(str(d) for d in sorted(set(weekdays))),
                first_date=first_date,
                last_date=last_date,
                starts=starts,
                ends=ends,
            )
            bookings = [
                _new_booking(
                    space=space,
                    organisation=organisation,
                    by=by,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    purpose=purpose,
                    participants=participants,
                    free_requested=free_requested,
                    free_reason=free_reason,
                    series=series,
                )
                for starts_at, ends_at in free
            ]
            if not space.needs_approval:
                for booking in bookings:
                    booking.status = Booking.Status.APPROVED
                    booking.decided_at = now
            bookings = Booking.objects.bulk_create(bookings)
            if not space.needs_approval:
                _hold(bookings, held)
            else:
                emails.tell_managers(bookings, skipped)
            emails.after_commit(emails.REQUESTED, [b.pk for b in bookings], skipped=skipped)
    except (IntegrityError, OperationalError) as error:
        if not _database_said_taken(error):
            raise
        raise BookingConflict(_("The space is already booked at that time.")) from error
    skipped.sort()
    return SeriesOutcome(series=series, bookings=bookings, skipped=skipped)


def _describe(skipped: list[tuple[date, str]]) -> str:
    return "; ".join(
        f"{formats.date_format(day, 'SHORT_DATE_FORMAT')} ({reason})"
        for day, reason in sorted(skipped)
    )


# --- Decisions ---------------------------------------------------------------


def _decide(
    bookings: list[Booking], *, by: User, approve: bool, reason: str, grant_free: bool
) -> tuple[list[Booking], list[Booking]]:
    """Approve or decline requested bookings of one space in one transaction.
    Returns (decided, still requested because their time was taken)."""
    if not approve and not reason.strip():
        raise BookingRefused(_("Give the reason for declining."))
    for booking in bookings:
        # A facility manager does not decide their own organisation's booking
        # (free use above all): another manager of the space does.
        if core_permissions.disqualified_from(by, booking.organisation_id):
            logger.info("booking %s: user %s disqualified", booking.pk, by.pk)
            raise Disqualified(booking.organisation.name)
    ids = [b.pk for b in bookings]
    space = bookings[0].space
    held = space.held_spaces()
    try:
        with transaction.atomic():
            locked = list(
                Booking.objects.select_for_update(of=("self",))
                .filter(pk__in=ids, status=Booking.Status.REQUESTED)
                .order_by("starts_at", "pk")
            )
            if not locked:
                raise BookingRefused(_("Only a requested booking can be approved or declined."))
            taken: list[Booking] = []
            if approve:
                _lock(held)
                taken = _hold(locked, held)
            now = timezone.now()
            decided = [b for b in locked if b not in taken]
            for booking in decided:
                booking.status = Booking.Status.APPROVED if approve else Booking.Status.DECLINED
                booking.decided_by = by
                booking.decided_at = now
                booking.decision_reason = reason.strip()
                if approve and grant_free and booking.free_requested:
                    booking.is_free = True
                    booking.price = Decimal(0)
            Booking.objects.bulk_update(
                decided,
                ["status", "decided_by", "decided_at", "decision_reason", "is_free", "price"],
            )
            if decided:
                emails.after_commit(
                    emails.APPROVED if approve else emails.DECLINED,
                    [b.pk for b in decided],
                    skipped=[
                        (b.starts_at.astimezone(HELSINKI).date(), _("already booked"))
                        for b in taken
                    ],
                )
    except (IntegrityError, OperationalError) as error:
        if not _database_said_taken(error):
            raise
        raise BookingConflict(_("The space is already booked at that time.")) from error
    return decided, taken


def booking_approve(*, booking: Booking, by: User, grant_free: bool = False) -> Booking:
    """Confirm one requested booking; refused if its time has been confirmed to
    someone else meanwhile. `grant_free` accepts the request for free use."""
    decided, taken = _decide([booking], by=by, approve=True, reason="", grant_free=grant_free)
    if taken:
        raise BookingConflict(_("The space is already booked at that time."))
    return decided[0]


def booking_decline(*, booking: Booking, by: User, reason: str) -> Booking:
    decided, _taken = _decide([booking], by=by, approve=False, reason=reason, grant_free=False)
    return decided[0]


def series_approve(
    *, series: BookingSeries, by: User, grant_free: bool = False
) -> tuple[list[Booking], list[Booking]]:
    """Confirm every requested date of a series; dates whose time has been taken
    meanwhile stay requested and are returned for the manager to decline."""
    bookings = list(series.bookings.filter(status=Booking.Status.REQUESTED).select_related("space"))
    if not bookings:
        raise BookingRefused(_("The series has no requested dates."))
    return _decide(bookings, by=by, approve=True, reason="", grant_free=grant_free)


def series_decline(*, series: BookingSeries, by: User, reason: str) -> list[Booking]:
    bookings = list(series.bookings.filter(status=Booking.Status.REQUESTED).select_related("space"))
    if not bookings:
        raise BookingRefused(_("The series has no requested dates."))
    decided, _taken = _decide(bookings, by=by, approve=False, reason=reason, grant_free=False)
    return decided


# --- Cancellations -----------------------------------------------------------


def _cancel(bookings_qs, *, by: User) -> list[Booking]:
    now = timezone.now()
    with transaction.atomic():
        bookings = list(
            bookings_qs.select_for_update()
            .filter(
                status__in=(Booking.Status.REQUESTED, Booking.Status.APPROVED),
                starts_at__gt=now,
            )
            .order_by("starts_at", "pk")
        )
        if not bookings:
            raise BookingRefused(
                _("Nothing left to cancel: past and ended bookings stay as they were.")
            )
        ids = [b.pk for b in bookings]
        Occupancy.objects.filter(booking_id__in=ids).delete()
        Booking.objects.filter(pk__in=ids).update(status=Booking.Status.CANCELLED, cancelled_at=now)
        emails.after_commit(emails.CANCELLED, ids, by_id=by.pk)
    for booking in bookings:
        booking.status, booking.cancelled_at = Booking.Status.CANCELLED, now
    return bookings


def booking_cancel(*, booking: Booking, by: User) -> Booking:
    """The NGO cancels one date (a coming one); its time is free again at once."""
    return _cancel(Booking.objects.filter(pk=booking.pk), by=by)[0]


def series_cancel(*, series: BookingSeries, by: User) -> list[Booking]:
    """The NGO cancels every coming date of a series; past dates stay as history."""
    return _cancel(Booking.objects.filter(series_id=series.pk), by=by)
