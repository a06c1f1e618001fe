"""The needs' statistics (issue 22): needs by topic, area and body, what is directed
at them (calls, applications and the sums granted, statements and outside funding,
agreements), the needs with nothing directed at them; the public counts the public
needs only; CSV and PDF; a fixed number of queries."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.models import OfficialRole
from grants import services as grant_services
from partnerships.statements import services as statement_services
from signals.models import Need, Topic
from signals.needs import services as need_services
from tests.factories import municipality
from tests.helpers.grants import complete_draft, decide, make_call
from tests.helpers.officials import official_with
from tests.helpers.queries import get_counted
from tests.helpers.reading import pdf_text, problems

pytestmark = pytest.mark.django_db


def _need(by, title, *, code="853", areas="Varissuo", topic="housing", publish=True):
    need = need_services.need_create(
        by=by,
        municipality=municipality(code),
        fields={
            "title_fi": title,
            "summary_fi": "Kuvaus.",
            "title_sv": f"{title} sv",
            "summary_sv": "Text.",
            "areas": areas,
        },
        topics=[Topic.objects.get(slug=topic)],
    )
    if publish:
        need = need_services.need_move(need=need, by=by, to=Need.Status.PUBLISHED)
    return need


def _granted(world, need, amount):
    call = make_call()
    application = complete_draft(call, world.org_a, world.ngo_admin)
    grant_services.application_save(application=application, by=world.ngo_admin, needs=[need])
    grant_services.application_submit(application=application, by=world.ngo_admin)
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    grant_services.application_screen(application=application, by=officer, eligible=True)
    decide(application=application, by=officer, grant=True, amount=Decimal(amount), reasoning="Ok.")


def _agreed(world, need):
    request = statement_services.request_create(
        by=world.ngo_admin,
        organisation=world.org_a,
        municipality=municipality("853"),
        fields={
            "language": "fi",
            "project_title": "Hanke",
            "project_summary": "Kuvaus.",
            "funder": "stea",
            "funding_round": "STEA 2027",
            "starts_on": date(2027, 1, 1),
            "asked_commitment": "Tilat",
            "budget_total": Decimal("100000"),
            "applied_from_funder": Decimal("80000"),
        },
        needs=[need],
    )
    request = statement_services.request_submit(request=request, by=world.ngo_admin)
    request = statement_services.statement_give(
        request=request,
        by=world.official_same,
        kind="intent",
        statement="Tuemme.",
        commitments="Tilat",
        signer_title="johtaja",
    )
    statement_services.funder_decision_record(
        request=request, by=world.ngo_admin, positive=True, decided_on=date(2026, 11, 1)
    )


def test_the_figures_count_what_is_directed_at_the_needs(client, world):
    youth = _need(world.official_same, "Nuorten illat", areas="Varissuo, Lauste")
    elderly = _need(
        world.official_same, "Ikäihmisten yksinäisyys", areas="Runosmäki", topic="ageing"
    )
    _need(world.official_same, "Keskeneräinen", publish=False)
    _granted(world, youth, "1234.50")
    _agreed(world, youth)

    page = client.get(reverse("signals:need_statistics"))
    assert page.status_code == 200
    text = page.text
    assert "Keskeneräinen" not in text  # the public counts public needs only
    assert "1\xa0234,50\xa0€" in text
    assert "80\xa0000,00\xa0€" in text
    assert "Varissuo" in text
    assert "Lauste" in text
    assert "Runosmäki" in text
    # Nothing is directed at the elderly need: it is listed.
    undirected = text.split('id="undirected-heading"')[1]
    assert elderly.title_fi in undirected
    assert youth.title_fi not in undirected

    client.force_login(world.coordinator)
    assert "Keskeneräinen" in client.get(reverse("signals:need_statistics")).text

    client.logout()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("signals:need_statistics_csv")).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"Nuorten illat", "Ikäihmisten yksinäisyys"}
    assert by_title["Nuorten illat"][7:] == ["1", "1234,50", "1", "80000,00", "1"]
    assert by_title["Ikäihmisten yksinäisyys"][6:] == ["0", "0", "0,00", "0", "0,00", "0"]

    pdf = pdf_text(client.get(reverse("signals:need_statistics_pdf")).content)
    assert "Ikäihmisten yksinäisyys" in pdf
    assert "1 234,50 €" in pdf.replace("\xa0", " ")


def test_the_filters_narrow_and_bad_input_is_told(client, world):
    _need(world.official_same, "Turun tarve")
    _need(world.official_other, "Salon tarve", code="734")
    page = client.get(reverse("signals:need_statistics"), {"body": municipality("734").pk})
    assert "Salon tarve" in page.text
    assert "Turun tarve" not in page.text
    wrong = client.get(reverse("signals:need_statistics"), {"year": "abc"})
    assert wrong.status_code == 400
    assert "Turun tarve" in wrong.text  # the whole region instead, with the message


def test_a_formula_in_a_title_stays_text_in_the_csv(client, world):
    _need(world.official_same, '=HYPERLINK("http://x")')
    content = client.get(reverse("signals:need_statistics_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_page_reads_right_and_its_queries_do_not_grow(client, world, language):
    need = _need(world.official_same, "Nuorten illat")
    _need(world.official_same, "Ei vielä mitään")  # one need listed as undirected throughout
    url = reverse("signals:need_statistics")
    client.get(url)
    page, few = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert problems(page.text, language) == []
    for number in range(8):
        other = _need(world.official_same, f"Tarve {number}", areas=f"Alue {number}")
        _granted(world, other, "10")
    _agreed(world, need)
    _page, many = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert len(many) == len(few)


def test_the_figures_are_remembered_and_recounted_after_a_need_changes(
    client, world, own_cache, django_capture_on_commit_callbacks
):
    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    own_cache.PUBLIC_SUMMARY_MIN_SECONDS = 0
    _need(world.official_same, "Nuorten illat")
    url = reverse("signals:need_statistics")
    assert "Nuorten illat" in client.get(url).text
    _page, queries = get_counted(client, url)
    assert not [q for q in queries if "signals_need" in q["sql"]]  # remembered
    with django_capture_on_commit_callbacks(execute=True):  # a change outdates them
        _need(world.official_same, "Ikäihmisten yksinäisyys")
    assert "Ikäihmisten yksinäisyys" in client.get(url).text


def test_the_need_counts_are_read_anew_when_a_signal_is_gathered(client, world, own_cache):
    from tests.signals.factories import SignalFactory

    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    need = _need(world.official_same, "Nuorten illat", publish=False)
    client.force_login(world.official_same)
    url = reverse("signals:need_detail", args=[need.pk])
    client.get(url)
    first = client.get(url).context["counts"].total
    need_services.need_add_signals(
        need=need, by=world.official_same, signals=[SignalFactory(organisation=world.org_a)]
    )
    assert client.get(url).context["counts"].total == first + 1
