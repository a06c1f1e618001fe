"""Finnish formats for text built in Python (messages, trails, mail), the same
the templates' filters print: 1 234,50 € and "viikko 49/2026" in every language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import numberformat, timezone
from django.utils.translation import gettext, pgettext


def money(value) -> str:
    """1234.5 → "1 234,50 €" (non-breaking spaces); empty for a missing value."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return ""
    formatted = numberformat.format(
        amount, ",", decimal_pos=2, grouping=3, thousand_sep="\xa0", force_grouping=True
    )
    return f"{formatted}\xa0€"


def figure(value) -> str:
    """1234.5 → "1 234,5", 40.00 → "40" (non-breaking spaces); empty for None."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).normalize()
    exponent = amount.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return numberformat.format(
        amount, ",", decimal_pos=places, grouping=3, thousand_sep="\xa0", force_grouping=True
    )


def need_result(result) -> str:
    """A result reported for a need: its text, and its figure in brackets."""
    shown = figure(result.figure)
    return f"{result.result} ({shown})" if shown else result.result


def iso_week(day: date) -> str:
    """The ISO week a day is in, with its year: "viikko 1/2027" for 31.12.2026."""
    year, week, _ = day.isocalendar()
    return gettext("week %(week)s/%(year)s") % {"week": week, "year": year}


def day(value: date | datetime | None) -> str:
    """A date, or a moment in Helsinki time, as people read it: "1.12.2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.day}.{value.month}.{value.year}"


def moment(value: datetime | None) -> str:
    """A moment in Helsinki time as the pages' SHORT_DATETIME_FORMAT prints it:
    "1.12.2026 14.05"."""
    if value is None:
        return ""
    value = timezone.localtime(value)
    return f"{value.day}.{value.month}.{value.year} {value:%H.%M}"


def span(starts: datetime, ends: datetime) -> str:
    """A time on one day in Helsinki time ("1.12.2026 klo 17.00" to the end time)."""
    start, end = timezone.localtime(starts), timezone.localtime(ends)
    return pgettext("a time of day", "%(day)s at %(start)s–%(end)s") % {
        "day": day(start),
        "start": f"{start:%H.%M}",
        "end": f"{end:%H.%M}",
    }
