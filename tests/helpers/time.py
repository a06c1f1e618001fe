"""Times for tests, in Europe/Helsinki as the portal shows them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

HELSINKI = ZoneInfo("Europe/Helsinki")


def monday_ahead(weeks: int = 4) -> date:
    """A Monday some weeks ahead: far enough for every notice rule of the
    facilities, near enough for every horizon."""
    day = timezone.localdate() + timedelta(weeks=weeks)
    return day - timedelta(days=day.weekday())


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """`hour`:`minute` of `day` in Helsinki."""
    return datetime.combine(day, time(hour, minute), tzinfo=HELSINKI)
