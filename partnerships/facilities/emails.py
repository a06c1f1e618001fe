"""Mail about bookings: one message per action and recipient, whether the action
touched one date or a whole weekly series. Sent after the commit; each person
gets it in their own language, user text escaped by the templates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.urls import reverse

from cooperation.emails import absolute_url, send_templated
from cooperation.models import Membership, OfficialRole, User

from .models import Booking, Space

REQUESTED = "requested"
APPROVED = "approved"
DECLINED = "declined"
CANCELLED = "cancelled"


def after_commit(
    kind: str,
    booking_ids: list[int],
    *,
    skipped: list[tuple[date, str]] = (),
    by_id: int | None = None,
) -> None:
    skipped = list(skipped)
    transaction.on_commit(lambda: send(kind, booking_ids, skipped=skipped, by_id=by_id))


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
    bookings = list(
        Booking.objects.filter(pk__in=booking_ids)
        .select_related("space__parent", "space__approver", "organisation", "series", "created_by")
        .order_by("starts_at")
    )
    if not bookings:
        return
    first = bookings[0]
    requested = first.status == Booking.Status.REQUESTED
    if kind == REQUESTED:
        people = (managers_of(first.space) if requested else []) + _requesters(first)
    elif kind in (APPROVED, DECLINED):
        people = _requesters(first)
    else:  # cancelled: the managers, and the requester when someone else cancelled
        people = managers_of(first.space)
        if by_id != first.created_by_id:
            people += _requesters(first)
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
