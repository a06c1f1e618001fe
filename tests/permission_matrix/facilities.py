"""The facilities catalogue and bookings. The space is Turku's; both officials are
their municipality's facility managers; members of any organisation may book."""

from __future__ import annotations

from cooperation.services import hash_token
from partnerships.models import CalendarFeed, Space
from tests.permission_matrix.rows import LOGIN, everyone, expect, logged_in


class _FacilityWorld:
    """A Turku meeting room with a photo, org_a's requested booking and weekly
    series there, and org_a's calendar feed, made on first use."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_facilities", {})
        if not cache:
            from datetime import timedelta

            from tests.helpers.facilities import add_photo, make_space, request, weekly
            from tests.helpers.time import at, monday_ahead

            monday = monday_ahead()
            space = make_space()
            booking = request(w, space, at(monday, 10), at(monday, 12))
            series = weekly(w, space, monday, monday + timedelta(weeks=2)).series
            feed = CalendarFeed.objects.create(
                organisation=w.org_a, token="matrix-secret", token_hash=hash_token("matrix-secret")
            )
            cache.update(
                space=space, photo=add_photo(space), booking=booking, series=series, feed=feed
            )
        return cache[name]


def _facility(name):
    return lambda w: {"pk": _FacilityWorld.get(w, name).pk}


BOOKERS = expect(
    anonymous=LOGIN,
    member=200,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=404,
)  # org_a's people and Turku's manager


BOOKER_POST = expect(
    anonymous=LOGIN,
    member=302,
    other_org=404,
    official_same=404,
    official_other=404,
    coordinator=404,
)  # org_a's people cancel


MANAGER_POST = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=302,
    official_other=404,
    coordinator=404,
)  # Turku's manager decides


PAGES = {
    # Facilities. The space is Turku's; both officials are their municipality's
    # facility managers; members of any organisation may book.
    "facilities:space_list": ("get", None, everyone(200)),
    "facilities:space_detail": ("get", _facility("space"), everyone(200)),
    "facilities:space_ical": ("get", _facility("space"), everyone(200)),
    "facilities:space_photo": ("get", _facility("photo"), everyone(200)),
    "facilities:booking_new": (
        "get",
        _facility("space"),
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=200,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "facilities:my_bookings": ("get", None, logged_in(200)),
    "facilities:booking_detail": ("get", _facility("booking"), BOOKERS),
    "facilities:booking_cancel": ("post", _facility("booking"), BOOKER_POST),
    "facilities:booking_decide": ("post", _facility("booking"), MANAGER_POST),
    "facilities:series_detail": ("get", _facility("series"), BOOKERS),
    # The confirmation page first.
    "facilities:series_cancel": (
        "post",
        _facility("series"),
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "facilities:series_decide": ("post", _facility("series"), MANAGER_POST),
    "facilities:manage": (
        "get",
        None,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=200,
            coordinator=404,
        ),
    ),
    "facilities:feed_renew": (
        "post",
        lambda w: {"pk": w.org_a.pk},
        expect(
            anonymous=LOGIN,
            member=302,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "facilities:organisation_ical": (
        "get",
        lambda w: {"token": _FacilityWorld.get(w, "feed").token},
        everyone(200),
    ),
}

# model: (object builder, kind of admin expectations in tests/permission_matrix/admin.py)
ADMIN_MODELS = {
    Space: (lambda w: _FacilityWorld.get(w, "space"), "premises"),
}
