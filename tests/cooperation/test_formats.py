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


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_moment_built_in_python_reads_as_the_pages_print_it(language):
    from cooperation.lib.formats import moment

    # 22:05 UTC on 31 January is already five past midnight on 1 February in Helsinki.
    value = dt.datetime(2026, 1, 31, 22, 5, tzinfo=ZoneInfo("UTC"))
    with translation.override(language):
        printed = Template('{{ value|date:"SHORT_DATETIME_FORMAT" }}').render(
            Context({"value": value})
        )
    assert moment(value) == printed == "1.2.2026 00.05"
    assert moment(None) == ""


def test_a_link_made_once_gives_each_object_the_address_reverse_gives():
    from django.urls import reverse

    from cooperation.lib.links import link_for

    detail = link_for("signals:signal_detail")
    remove = link_for("signals:need_signal_remove", 7)
    for pk in (1, 42, 2147483646):
        assert detail(pk) == reverse("signals:signal_detail", args=[pk])
        assert remove(pk) == reverse("signals:need_signal_remove", args=[7, pk])
