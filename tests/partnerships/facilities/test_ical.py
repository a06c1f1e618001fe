"""The iCalendar writer: escaping, UTC times and folding of long lines."""

from datetime import datetime

from partnerships.facilities.ical import Event, calendar
from tests.helpers.time import HELSINKI


def _event(**fields):
    values = {
        "uid": "booking-1@kumppani",
        "starts_at": datetime(2027, 3, 2, 17, 0, tzinfo=HELSINKI),
        "ends_at": datetime(2027, 3, 2, 19, 0, tzinfo=HELSINKI),
        "summary": "Sali",
    }
    values.update(fields)
    return Event(**values)


def test_times_are_written_in_utc():
    text = calendar("Kalenteri", [_event()])
    assert "DTSTART:20270302T150000Z" in text
    assert "DTEND:20270302T170000Z" in text


def test_text_is_escaped_so_it_cannot_add_properties():
    text = calendar("A;B", [_event(summary="Kahvi, pulla\r\nEND:VEVENT\\")])
    assert "SUMMARY:Kahvi\\, pulla\\nEND:VEVENT\\\\" in text
    assert text.count("END:VEVENT") == 1 + text.count("\\nEND:VEVENT")
    assert "X-WR-CALNAME:A\\;B" in text


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    text = calendar("K", [_event(summary="Ääkköset " * 30)])
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:" + "Ääkköset " * 29 + "Ääkköset" in unfolded
    assert text.endswith("END:VCALENDAR\r\n")
