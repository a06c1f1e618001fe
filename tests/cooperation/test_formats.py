import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234.5, "1\xa0234,50\xa0€"),
        ("0", "0,00\xa0€"),
        (1234567, "1\xa0234\xa0567,00\xa0€"),
        (None, ""),
    ],
)
def test_money_is_shown_the_finnish_way(value, expected):
    rendered = Template("{% load kumppani %}{{ value|euro }}").render(Context({"value": value}))
    assert rendered == expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_dates_are_finnish_in_every_language_and_in_helsinki_time(language):
    # 22:30 UTC on 31 January is already 1 February in Helsinki.
    moment = dt.datetime(2026, 1, 31, 22, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override(language):
        rendered = Template(
            '{{ moment|date:"SHORT_DATE_FORMAT" }} {{ moment|time:"TIME_FORMAT" }}'
        ).render(Context({"moment": moment}))
    assert rendered == "1.2.2026 00.30"


def test_a_figure_reads_the_finnish_way_without_needless_decimals():
    from decimal import Decimal

    from cooperation.lib.formats import figure

    assert figure(Decimal("1200.00")) == "1\xa0200"
    assert figure(Decimal("12.50")) == "12,5"
    assert figure(Decimal("0")) == "0"
    assert figure(None) == ""
