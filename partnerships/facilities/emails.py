"""Mail about bookings: one message per action and recipient, whether the action
touched one date or a whole weekly series. Sent after the commit; each person
gets it in their own language, user text escaped by the templates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from cooperation.emails import absolute_url, send_templated
from cooperation.lib.formats import day
from cooperation.models import Membership, OfficialRole, User
from cooperation.notices.services import notify
from cooperation.selectors import coordinators

from .models import Booking, Space

REQUESTED = "requested"
APPROVED = "approved"
DECLINED = "declined"
CANCELLED = "cancelled"

# The notice a manager gets of a new request (registered in partnerships.apps).
REQUEST = "facilities.request"


def after_commit(
    kind: str,
    booking_ids: list[int],
    *,
    skipped: list[tuple[date, str]] = (),
    by_id: int | None = None,
) -> None:
    skipped = list(skipped)
    transaction.on_commit(lambda: send(kind, booking_ids, skipped=skipped, by_id=by_id))


def tell_managers(bookings: list[Booking], skipped: list[tuple[date, str]] = ()) -> None:
    """Inside the request's transaction: the managers get a notice of a new
    request (a mail of its own at once, the daily summary or only the desk, as
    each chose); with no manager, the region's coordinators."""
    first = bookings[0]
    ids = [booking.pk for booking in bookings]
    skipped = list(skipped)
    if first.series_id:
        url = reverse("facilities:series_detail", kwargs={"pk": first.series_id})
    else:
        url = reverse("facilities:booking_detail", kwargs={"pk": first.pk})

    def mail(notice) -> None:
        _mail(REQUESTED, ids, [notice.user], skipped=skipped)

    notify(
        kind=REQUEST,
        key=f"requested:{first.pk}",
        users=managers_of(first.space) or coordinators(),
        subject=gettext_lazy("Booking request for %(space)s from %(organisation)s"),
        detail=gettext_lazy("First date: %(first)s"),
        params={
            "space": str(first.space),
            "organisation": first.organisation.name,
            "first": lambda: day(first.starts_at),
        },
        url=url,
        mail=mail,
    )


def managers_of(space: Space) -> list[User]:
    """The named approver, or else every facility manager of the municipality."""
    if space.approver_id and space.approver.is_active:
        return [space.approver]
    return list(
        User.objects.filter(
            is_active=True,
            official__municipality_id=space.municipality_id,
            official__roles__role=OfficialRole.Role.FACILITY_MANAGER,
        ).distinct()
    )


def _requesters(booking: Booking) -> list[User]:
    if booking.created_by_id and booking.created_by.is_active:
        return [booking.created_by]
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=booking.organisation_id,
            memberships__role=Membership.Role.ADMIN,
        )
    )


def send(kind: str, booking_ids: list[int], *, skipped=(), by_id: int | None = None) -> None:
    first = Booking.objects.filter(pk__in=booking_ids).select_related("space__approver").first()
    if first is None:
        return
    if kind in (REQUESTED, APPROVED, DECLINED):
        # Of a new request the managers are told through their notices
        # (tell_managers), as each chose.
        people = _requesters(first)
    else:  # cancelled: the managers, and the requester when someone else cancelled
        people = managers_of(first.space)
        if by_id != first.created_by_id:
            people += _requesters(first)
    _mail(kind, booking_ids, people, skipped=skipped)


def _mail(kind: str, booking_ids: list[int], people: list[User], *, skipped=()) -> None:
    """One mail per language to `people` about the bookings."""
    bookings = list(
        Booking.objects.filter(pk__in=booking_ids)
        .select_related("space__parent", "space__approver", "organisation", "series", "created_by")
        .order_by("starts_at")
    )
    if not bookings or not people:
        return
    first = bookings[0]
    by_language: dict[str, set[str]] = defaultdict(set)
    for person in people:
        by_language[person.preferred_language or "fi"].add(person.email)
    if first.series_id:
        url = reverse("facilities:series_detail", kwargs={"pk": first.series_id})
    else:
        url = reverse("facilities:booking_detail", kwargs={"pk": first.pk})
    for language, addresses in sorted(by_language.items()):
        send_templated(
            to=sorted(addresses),
            template="partnerships/email/booking",
            context={
                "kind": kind,
                "first": first,
                "bookings": bookings,
                "skipped": sorted(skipped),
                "url": absolute_url(url),
            },
            language=language,
        )
