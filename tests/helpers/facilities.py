"""Spaces and bookings for tests, made through the services."""

from __future__ import annotations

from datetime import time

from django.core.files.base import ContentFile

from partnerships.facilities import services as facility_services
from partnerships.models import OpeningHours, Space, SpacePhoto
from tests.factories import municipality
from tests.helpers.files import png_bytes


def make_space(*, code: str = "853", hours: bool = True, **fields) -> Space:
    """A Turku meeting room open 8-21 on weekdays, 10-16 on Saturdays."""
    values = {
        "municipality": municipality(code),
        "name": "Kokoustila Aura",
        "address": "Yliopistonkatu 1, Turku",
        "kind": Space.Kind.MEETING_ROOM,
        "capacity": 20,
        "size_m2": 40,
        "step_free_access": True,
    }
    values.update(fields)
    space = Space.objects.create(**values)
    if hours:
        OpeningHours.objects.bulk_create(
            [OpeningHours(space=space, weekday=d, opens=time(8), closes=time(21)) for d in range(5)]
            + [OpeningHours(space=space, weekday=5, opens=time(10), closes=time(16))]
        )
    return space


def add_photo(space: Space) -> SpacePhoto:
    return SpacePhoto.objects.create(
        space=space, image=ContentFile(png_bytes(), name="photo.png"), alt_fi="Kokoustila"
    )


def request(world, space, start, end, *, organisation=None, by=None, **extra):
    return facility_services.booking_request(
        space=space,
        organisation=organisation or world.org_a,
        by=by or world.ngo_admin,
        starts_at=start,
        ends_at=end,
        purpose=extra.pop("purpose", "Vertaisryhmä"),
        participants=extra.pop("participants", 10),
        **extra,
    )


def weekly(world, space, first, last, weekdays=(1,), *, starts=time(17), ends=time(19), **extra):
    return facility_services.series_request(
        space=space,
        organisation=extra.pop("organisation", world.org_a),
        by=extra.pop("by", world.ngo_admin),
        weekdays=list(weekdays),
        first_date=first,
        last_date=last,
        starts=starts,
        ends=ends,
        purpose=extra.pop("purpose", "Omaishoitajien vertaisryhmä"),
        participants=extra.pop("participants", 12),
        **extra,
    )
