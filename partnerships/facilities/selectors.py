"""Reads of the facilities catalogue and bookings. Each returns what the caller
may see, with what the page shows already fetched (the query count does not grow
with the rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.extensions import DeskItem, EvidenceSuggestion, EvidenceTopic, desk_group
from cooperation.lib.formats import day as day_text
from cooperation.permissions import is_active_user, member_organisation_ids
from partnerships import permissions

from .filters import SpaceFilter, overlapping
from .models import Booking, BookingSeries, Occupancy, OpeningException, Space, SpacePhoto

HELSINKI = ZoneInfo("Europe/Helsinki")
# An organisation's feed shows a quarter back, so last weeks stay in calendars.
FEED_DAYS_BACK = 90


def _catalogue_rows(spaces: QuerySet[Space]) -> QuerySet[Space]:
    return spaces.select_related("municipality", "parent").prefetch_related(
        Prefetch("photos", queryset=SpacePhoto.objects.order_by("order", "id"))
    )


def catalogue(user, params: QueryDict) -> tuple[SpaceFilter, QuerySet[Space]]:
    """Bookable spaces matching the filters, by municipality and name."""
    base = permissions.catalogue_spaces(user)
    filterset = SpaceFilter(params, queryset=base)
    spaces = filterset.qs if filterset.is_valid() else base.none()
    return filterset, _catalogue_rows(spaces).order_by("municipality__name_fi", "name", "id")


def space_for(user, pk: int) -> Space:
    space = (
        permissions.catalogue_spaces(user)
        .select_related("municipality", "unit", "parent", "approver")
        .filter(pk=pk)
        .first()
    )
    if space is None:
        raise Http404
    return space


@dataclass
class SpacePage:
    space: Space
    rules_space: Space
    parts: list[Space]
    photos: list[SpacePhoto]
    hours: list
    exceptions: list[OpeningException]


def space_page(space: Space, *, today: date | None = None) -> SpacePage:
    today = today or timezone.localdate()
    rules_space = space.parent or space
    return SpacePage(
        space=space,
        rules_space=rules_space,
        parts=list(space.parts.filter(is_active=True).order_by("name")),
        photos=list(space.photos.order_by("order", "id")),
        hours=list(rules_space.opening_hours.order_by("weekday", "opens")),
        exceptions=list(
            rules_space.exceptions.filter(date__gte=today, date__lte=today + timedelta(days=120))
        ),
    )


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def busy_times(space: Space, first: date, days: int) -> list[tuple[datetime, datetime]]:
    """The confirmed times of the space between the dates, without who booked.
    A whole is busy when any of its parts is; a part holds the whole's bookings
    itself."""
    starts = datetime.combine(first, time(0), tzinfo=HELSINKI)
    ends = datetime.combine(first + timedelta(days=days), time(0), tzinfo=HELSINKI)
    rows = (
        Occupancy.objects.filter(overlapping(starts, ends), space_id__in=space.held_spaces())
        .order_by("starts_at")
        .values_list("starts_at", "ends_at")
    )
    merged: list[tuple[datetime, datetime]] = []
    for start, end in rows:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def by_day(times, first: date, days: int) -> list[tuple[date, list]]:
    """Rows with `starts_at` (or (start, end) pairs) grouped by the local day."""
    groups: dict[date, list] = {first + timedelta(days=n): [] for n in range(days)}
    for row in times:
        start = row[0] if isinstance(row, tuple) else row.starts_at
        day = start.astimezone(HELSINKI).date()
        if day in groups:
            groups[day].append(row)
    return list(groups.items())


@dataclass
class CalendarDay:
    day: date
    busy: list
    closed: bool = False
    reason: str = ""


def week_calendar(page: SpacePage, busy, first: date, days: int = 7) -> list[CalendarDay]:
    """The days of the week with their booked times; a day the space is closed
    (no opening hours on that weekday, or an exception such as a holiday) says
    so, with its reason, instead of looking free."""
    exceptions = {
        exception.date: exception
        for exception in page.rules_space.exceptions.filter(
            date__gte=first, date__lt=first + timedelta(days=days)
        )
    }
    open_weekdays = {row.weekday for row in page.hours}
    rows = []
    for day, times in by_day(busy, first, days):
        exception = exceptions.get(day)
        if exception is not None and exception.opens is None:
            rows.append(CalendarDay(day, times, closed=True, reason=exception.reason))
        elif exception is None and page.hours and day.weekday() not in open_weekdays:
            rows.append(CalendarDay(day, times, closed=True))
        else:
            rows.append(CalendarDay(day, times))
    return rows


def _booking_rows(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.select_related("space__parent", "space__municipality", "organisation", "series")


def bookings_of_user(user, *, past: bool = False) -> QuerySet[Booking]:
    """The bookings of the user's organisations: coming ones soonest first, or
    past ones latest first."""
    now = timezone.now()
    bookings = Booking.objects.filter(
        organisation_id__in=permissions.booking_organisations(user).values("pk")
    )
    if past:
        return _booking_rows(bookings.filter(ends_at__lte=now)).order_by("-starts_at", "-id")
    return _booking_rows(bookings.filter(ends_at__gt=now)).order_by("starts_at", "id")


def booking_for(user, pk: int) -> Booking:
    booking = _booking_rows(permissions.bookings_visible_to(user)).filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def series_for(user, pk: int) -> tuple[BookingSeries, list[Booking]]:
    series = (
        permissions.series_visible_to(user)
        .select_related("space__parent", "space__municipality", "organisation", "created_by")
        .filter(pk=pk)
        .first()
    )
    if series is None:
        raise Http404
    return series, list(series.bookings.order_by("starts_at", "id"))


def requests_waiting(user) -> QuerySet[Booking]:
    """Requests on the manager's spaces, the soonest first."""
    spaces = permissions.spaces_managed_by(user)
    return _booking_rows(
        Booking.objects.filter(
            space__in=spaces, status=Booking.Status.REQUESTED, starts_at__gt=timezone.now()
        )
    ).order_by("starts_at", "id")


@dataclass(frozen=True)
class WaitingRequest:
    """A line of the manager's list: one date, or a weekly series with how many
    of its dates wait; `flag` says what it overlaps."""

    first: Booking
    dates: int = 1
    flag: str = ""


def requests_grouped(user, limit: int = 50) -> list[WaitingRequest]:
    """The manager's waiting requests, a series as one line (at its first
    waiting date), overlaps marked: two queries however many there are."""
    rows = list(requests_waiting(user)[: limit * 2])
    marked = request_conflicts(rows)
    lines: list[WaitingRequest] = []
    series_line: dict[int, int] = {}
    for booking in rows:
        if booking.series_id is None:
            lines.append(WaitingRequest(booking, 1, marked.get(booking.pk, "")))
            continue
        if booking.series_id in series_line:
            index = series_line[booking.series_id]
            line = lines[index]
            lines[index] = WaitingRequest(
                line.first, line.dates + 1, line.flag or marked.get(booking.pk, "")
            )
        else:
            series_line[booking.series_id] = len(lines)
            lines.append(WaitingRequest(booking, 1, marked.get(booking.pk, "")))
    return lines[:limit]


def manager_calendar(user, first: date, days: int, space_id: int | None = None):
    """Requested and confirmed bookings of the manager's spaces between the dates."""
    starts = datetime.combine(first, time(0), tzinfo=HELSINKI)
    ends = datetime.combine(first + timedelta(days=days), time(0), tzinfo=HELSINKI)
    bookings = Booking.objects.filter(
        space__in=permissions.spaces_managed_by(user),
        status__in=(Booking.Status.REQUESTED, Booking.Status.APPROVED),
        starts_at__lt=ends,
        ends_at__gt=starts,
    )
    if space_id:
        bookings = bookings.filter(space_id=space_id)
    return list(_booking_rows(bookings).order_by("starts_at", "id"))


def organisation_feed(organisation) -> QuerySet[Booking]:
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    return _booking_rows(
        Booking.objects.filter(
            organisation=organisation,
            status__in=(Booking.Status.REQUESTED, Booking.Status.APPROVED),
            ends_at__gt=since,
        )
    ).order_by("starts_at", "id")


def space_feed(space: Space) -> list[tuple[datetime, datetime]]:
    since = timezone.localdate() - timedelta(days=FEED_DAYS_BACK)
    # A year ahead: the furthest most spaces take bookings.
    return busy_times(space, since, FEED_DAYS_BACK + 366)


def checklist_evidence(municipality, year: int) -> list[EvidenceSuggestion]:
    """The municipality's (or the county's) bookable spaces in the facilities catalogue,
    as evidence for the checklist's criteria on premises: one line with the counts (one
    query)."""
    counts = Space.objects.filter(municipality=municipality, is_active=True).aggregate(
        total=Count("pk"),
        free=Count("pk", filter=Q(ngo_price=Space.Price.FREE)),
        reduced=Count("pk", filter=Q(ngo_price=Space.Price.REDUCED)),
        with_terms=Count("pk", filter=~Q(terms_fi="")),
        large=Count("pk", filter=Q(capacity__gte=50)),
    )
    if not counts["total"]:
        return []
    return [
        EvidenceSuggestion(
            topic=EvidenceTopic.FACILITIES,
            source=f"facilities:{year}",
            # "label: number" reads right whatever the number (no "1 tilaa").
            title=ngettext(
                "%(count)s space in the premises catalogue",
                "%(count)s spaces in the premises catalogue",
                counts["total"],
            )
            % {"count": counts["total"]}
            + " – "
            + ", ".join(
                f"{label}: {counts[key]}"
                for key, label in (
                    ("free", _("free of charge for NGOs")),
                    ("reduced", _("at a reduced price for NGOs")),
                    ("large", _("for 50 people or more")),
                    ("with_terms", _("terms of use written down")),
                )
            ),
            url=reverse("facilities:space_list") + f"?municipality={municipality.pk}",
        )
    ]


def personal_data_of(user) -> dict[str, list[dict]]:
    """The bookings the user requested, for their own download. They belong to the
    organisation and stay when the account is deleted."""
    bookings = (
        Booking.objects.filter(created_by=user)
        .select_related("space", "organisation")
        .order_by("starts_at", "id")
    )
    series = BookingSeries.objects.filter(created_by=user).select_related("space", "organisation")
    return {
        "bookings_requested": [
            {
                "space": booking.space.name,
                "organisation": booking.organisation.name,
                "starts_at": booking.starts_at.isoformat(),
                "ends_at": booking.ends_at.isoformat(),
                "purpose": booking.purpose,
                "status": booking.status,
            }
            for booking in bookings
        ],
        "weekly_bookings_requested": [
            {
                "space": one.space.name,
                "organisation": one.organisation.name,
                "weekdays": one.weekdays,
                "first_date": one.first_date.isoformat(),
                "last_date": one.last_date.isoformat(),
            }
            for one in series.order_by("first_date", "id")
        ],
    }


# --- The desk ---------------------------------------------------------------

# A declined request stays on the NGO's desk this long after the decision.
DECLINED_NEWS = timedelta(days=30)


def _desk_rows(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Only the columns a desk item and the overlap check read."""
    return (
        bookings.select_related(None)
        .select_related("space__parent", "organisation")
        .only(
            "starts_at",
            "ends_at",
            "purpose",
            "status",
            "space__name",
            "space__parent__name",
            "organisation__name",
        )
    )


def _booking_item(booking: Booking) -> DeskItem:
    # The booking's page is where both sides act: the NGO cancels, the manager decides.
    starts = timezone.localtime(booking.starts_at)
    ends = timezone.localtime(booking.ends_at)
    return DeskItem(
        str(booking.space),
        reverse("facilities:booking_detail", args=[booking.pk]),
        detail=f"{booking.organisation.name}: {booking.purpose}",
        when=f"{day_text(starts)} {starts:%H.%M}–{ends:%H.%M}",
    )


def _family(space) -> int:
    # A space with parts and its parts are one family: a booking of the whole
    # meets every part, two parts never meet each other.
    return space.parent_id or space.pk


def _meet(a: Booking, b: Booking) -> bool:
    if a.starts_at >= b.ends_at or b.starts_at >= a.ends_at:
        return False
    if _family(a.space) != _family(b.space):
        return False
    return a.space_id == b.space_id or a.space.parent_id is None or b.space.parent_id is None


def request_conflicts(requests: list[Booking]) -> dict[int, str]:
    """{request pk: what it overlaps} for requests that meet a confirmed booking
    or another waiting request: one query for all of them."""
    if not requests:
        return {}
    families = {_family(r.space) for r in requests}
    others = list(
        Booking.objects.filter(
            Q(space_id__in=families) | Q(space__parent_id__in=families),
            status__in=(Booking.Status.REQUESTED, Booking.Status.APPROVED),
            starts_at__lt=max(r.ends_at for r in requests),
            ends_at__gt=min(r.starts_at for r in requests),
        )
        .select_related("space")
        .only("starts_at", "ends_at", "status", "space__parent")
    )
    marked = {}
    for request in requests:
        met = [o for o in others if o.pk != request.pk and _meet(request, o)]
        if any(o.status == Booking.Status.APPROVED for o in met):
            marked[request.pk] = _("overlaps a confirmed booking")
        elif met:
            marked[request.pk] = _("overlaps another request")
    return marked


def desk(user):
    """The facilities' part of the desk: the NGO's requests waiting or declined,
    and the manager's requests to decide with overlaps marked."""
    if not is_active_user(user):
        return
    yield from _desk_requester(user)
    yield from _desk_manager(user)


def _desk_requester(user):
    organisations = member_organisation_ids(user)
    if not organisations:
        return
    now = timezone.now()
    own = _desk_rows(Booking.objects.filter(organisation_id__in=organisations, starts_at__gt=now))
    yield desk_group(
        "facilities_waiting",
        _("Booking requests waiting for a decision"),
        own.filter(status=Booking.Status.REQUESTED).order_by("created_at", "id"),
        _booking_item,
        more_url=reverse("facilities:my_bookings"),
    )
    yield desk_group(
        "facilities_declined",
        _("Declined booking requests"),
        own.filter(status=Booking.Status.DECLINED, decided_at__gte=now - DECLINED_NEWS).order_by(
            "decided_at", "id"
        ),
        _booking_item,
        more_url=reverse("facilities:my_bookings"),
    )


def _desk_manager(user):
    if permissions.managed_municipality_id(user) is None:
        return
    yield desk_group(
        "facilities_requests",
        _("Booking requests to decide"),
        _desk_rows(requests_waiting(user)).order_by("created_at", "id"),
        _booking_item,
        more_url=reverse("facilities:manage"),
        flags=request_conflicts,
    )
