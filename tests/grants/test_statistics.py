"""Grant development over the years, and each organisation's grant history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.models import Organisation
from grants import selectors
from tests.factories import OrganisationFactory, ThemeFactory, municipality
from tests.helpers.grants import closed_call, decided, submitted
from tests.helpers.queries import page_queries

SMALL = Organisation.Size.SMALL
LARGE = Organisation.Size.LARGE


@pytest.fixture
def history(world):
    """Turku 2024 and 2025, Salo 2025, and a Turku 2026 call not yet published."""
    themes = {
        "elderly": ThemeFactory(name_fi="Ikäihmiset"),
        "youth": ThemeFactory(name_fi="Nuoret"),
    }
    turku_2024, turku_2025 = closed_call(2024), closed_call(2025)
    salo_2025 = closed_call(2025, "734")
    unpublished = closed_call(2026, published=False)
    decided(turku_2024, world.org_a, granted="1000", themes=[themes["elderly"]], size=SMALL)
    decided(turku_2025, world.org_a, granted="1500", themes=[themes["elderly"]], size=SMALL)
    decided(turku_2025, world.org_b, requested="5000", granted="4000", size=LARGE)
    decided(turku_2025, world.org_b, requested="800")  # rejected
    decided(salo_2025, world.org_b, granted="2000", themes=list(themes.values()), size=LARGE)
    decided(unpublished, world.org_a, granted="9999")
    return themes


def test_figures_by_year_count_only_published_decisions(history):
    figures = selectors.grant_statistics()
    assert figures.years == [2024, 2025]
    by_year = {f.year: f for f in figures.by_year}
    assert by_year[2025].applications == 4  # three grants and one rejection, two cities
    assert by_year[2025].grants == 3
    assert by_year[2025].applied == Decimal("9300")  # 1,500 + 5,000 + 800 + 2,000
    assert by_year[2025].granted == Decimal("7500")
    assert figures.total.granted == Decimal("8500")


def test_breakdowns_by_municipality_theme_and_size(history):
    by_municipality = {r.label: r.granted_by_year for r in selectors.grant_statistics().rows}
    assert by_municipality == {
        "Turku": [Decimal("1000"), Decimal("5500")],
        "Salo": [Decimal("0"), Decimal("2000")],
    }
    by_theme = {r.label: r.total for r in selectors.grant_statistics(dimension="theme").rows}
    # An application with two themes counts under both.
    assert by_theme == {
        history["elderly"].name: Decimal("4500"),
        history["youth"].name: Decimal("2000"),
        "no theme given": Decimal("4000"),
    }
    by_size = {r.label: r.total for r in selectors.grant_statistics(dimension="size").rows}
    assert by_size == {"20 or more employees": Decimal("6000"), "1–4 employees": Decimal("2500")}


def test_filters_narrow_to_a_municipality_and_years(history):
    figures = selectors.grant_statistics(municipality=municipality("734"), year_from=2025)
    assert [(f.year, f.granted) for f in figures.by_year] == [(2025, Decimal("2000"))]
    assert selectors.grant_statistics(year_to=2023).by_year == []


def test_the_size_is_the_one_the_organisation_had_when_it_applied(grants, world):
    world.org_a.size = SMALL
    world.org_a.save()
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    world.org_a.size = LARGE
    world.org_a.save()
    application.refresh_from_db()
    assert application.organisation_size == SMALL


def test_the_page_shows_chart_and_tables_and_exports_csv(client, history):
    response = client.get(reverse("grants:statistics"), {"dimension": "theme"})
    page = response.content.decode()
    assert "<svg" in page
    assert history["elderly"].name in page
    assert "8\xa0500,00\xa0€" in page  # the total, in Finnish format
    assert "Download as PDF" not in page  # the public does not get the board report
    csv = client.get(reverse("grants:statistics_csv"), {"dimension": "size"}).content.decode()
    assert "1–4 employees;2025;;1500,00" in csv
    assert "9999" not in csv  # unpublished decisions never leave the city


def test_bad_filters_are_explained_and_the_rest_applied(client, history):
    response = client.get(
        reverse("grants:statistics"),
        {"year_from": "2026", "year_to": "2024", "dimension": "nonsense"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "year_to" in form.errors
    assert "dimension" in form.errors
    assert response.context["statistics"].by_year == []  # from 2026 on: nothing published


@pytest.mark.parametrize("who", ["coordinator", "officer"])
def test_coordinators_and_officers_export_the_pdf(client, history, world, grants, who):
    client.force_login(world.coordinator if who == "coordinator" else grants.officer)
    response = client.get(reverse("grants:statistics_pdf"), {"dimension": "municipality"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_others_do_not_get_the_pdf(client, history, world):
    url = reverse("grants:statistics_pdf")
    assert client.get(url).url.startswith(reverse("account_login"))
    client.force_login(world.ngo_admin)
    assert client.get(url).status_code == 404


def test_the_statistics_page_has_a_fixed_query_count(client, history, world):
    url = reverse("grants:statistics")
    client.get(url)
    few = page_queries(client, url, {"dimension": "theme"})
    for year in (2021, 2022, 2023):
        call = closed_call(year, "734")
        for _ in range(5):
            decided(call, OrganisationFactory(), granted="100", themes=[ThemeFactory()])
    assert page_queries(client, url, {"dimension": "theme"}) == few


# --- An organisation's grant history -----------------------------------------


def test_the_public_sees_published_grants_of_an_organisation(client, history, world):
    response = client.get(reverse("grants:organisation_history", args=[world.org_b.pk]))
    page = response.content.decode()
    assert "4\xa0000,00\xa0€" in page
    assert "2\xa0000,00\xa0€" in page
    assert "5\xa0000,00\xa0€" not in page  # what was applied for is not published
    # A rejected application is not public.
    assert [a.status for y in response.context["years"] for a in y.applications] == [
        "granted",
        "granted",
    ]


def test_the_organisation_sees_all_its_applications(client, history, world):
    client.force_login(world.ngo_admin)
    response = client.get(reverse("grants:organisation_history", args=[world.org_a.pk]))
    years = {y.year: y for y in response.context["years"]}
    assert years[2026].granted == Decimal("9999")  # its own, before publication
    assert "/grants/applications/" in response.content.decode()


def test_a_hidden_organisation_has_no_public_history(client, history, world):
    # org_a's profile is hidden from the public: its history answers 404.
    assert (
        client.get(reverse("grants:organisation_history", args=[world.org_a.pk])).status_code == 404
    )


def test_the_organisation_page_links_to_its_grant_history(client, world):
    page = client.get(reverse("cooperation:organisation_detail", args=[world.org_b.pk]))
    assert reverse("grants:organisation_history", args=[world.org_b.pk]) in page.content.decode()


def test_the_public_statistics_are_remembered_whatever_the_years_asked(client, world, own_cache):
    """Any visitor may ask for any years: the sums are made once per breakdown
    and municipality, and the years picked from them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    url = reverse("grants:statistics")

    def application_queries(params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return [q for q in queries.captured_queries if "grants_application" in q["sql"]]

    assert application_queries({"year_from": 2020})
    for year in (2021, 2022, 2023):
        assert application_queries({"year_from": year, "year_to": year + 1}) == []
