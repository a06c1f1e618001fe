import pytest
from django.urls import reverse
from django.utils import translation

from cooperation.models import Organisation, TargetGroup, Theme
from tests.factories import OrganisationFactory, municipality
from tests.helpers.queries import page_queries

pytestmark = pytest.mark.django_db
URL = reverse("cooperation:directory")


def _names(response):
    return [organisation.name for organisation in response.context["page"]]


@pytest.fixture
def organisations():
    mental = Theme.objects.get(slug="mental-health")
    older = TargetGroup.objects.get(slug="older-people")
    return {
        "turku": OrganisationFactory(name="Turun Mielenterveys ry", themes=[mental]),
        "salo": OrganisationFactory(
            name="Salon Seniorit ry",
            municipalities=[municipality("734")],
            target_groups=[older],
            description_fi="Kerhoja ikäihmisille.",
        ),
        "both": OrganisationFactory(
            name="Seudun Yhdistys ry",
            municipalities=[municipality("853"), municipality("734")],
            themes=[mental],
            target_groups=[older],
        ),
        "hidden": OrganisationFactory(name="Piilotettu ry", is_public=False),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Salon Seniorit ry", "Seudun Yhdistys ry", "Turun Mielenterveys ry"]),
        ({"municipality": "734"}, ["Salon Seniorit ry", "Seudun Yhdistys ry"]),
        ({"theme": "mental-health"}, ["Seudun Yhdistys ry", "Turun Mielenterveys ry"]),
        ({"target_group": "older-people", "municipality": "853"}, ["Seudun Yhdistys ry"]),
        ({"q": "ikäihmisille"}, ["Salon Seniorit ry"]),
        ({"q": "salon seniorit"}, ["Salon Seniorit ry"]),
        ({"q": "piilotettu"}, []),
    ],
)
def test_directory_filters(client, organisations, query, expected):
    response = client.get(URL, query)
    assert _names(response) == expected


def test_an_organisation_in_two_municipalities_is_listed_once(client, organisations):
    response = client.get(URL, {"municipality": "853"})
    assert _names(response).count("Seudun Yhdistys ry") == 1


def test_unknown_filter_value_is_reported_not_a_crash(client, organisations):
    response = client.get(URL, {"municipality": "999"})
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert len(_names(response)) == 3


def test_htmx_request_gets_only_the_results_fragment(client, organisations):
    response = client.get(URL, {"theme": "mental-health"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body
    assert "Turun Mielenterveys ry" in body


def test_pagination_keeps_the_filters(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for number in range(5):
        OrganisationFactory(name=f"Auran Yhdistys {number}", municipalities=[municipality("019")])
    response = client.get(URL, {"municipality": "019", "page": 2})
    assert _names(response) == ["Auran Yhdistys 2", "Auran Yhdistys 3"]
    assert "municipality=019&amp;page=3" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "municipality_name"),
    [
        ("fi", "Järjestöhakemisto", "Turku"),
        ("sv", "Organisationskatalog", "Åbo"),
        ("en", "NGO directory", "Turku"),
    ],
)
def test_language_switch_changes_the_page_and_the_names(
    client, organisations, language, heading, municipality_name
):
    response = client.post(
        reverse("set_language"), {"language": language, "next": URL}, follow=True
    )
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert heading in body
    assert municipality_name in body
    translation.activate("fi")


def test_directory_query_count_is_the_same_for_5_and_500_organisations(client):
    OrganisationFactory.create_batch(5)
    few = page_queries(client, URL, {"municipality": "853"})
    themes = list(Theme.objects.all()[:3])
    Organisation.objects.bulk_create(
        [Organisation(name=f"Massa {n:04d} ry", is_public=True) for n in range(495)]
    )
    through = Organisation.municipalities.through
    turku = municipality("853")
    through.objects.bulk_create(
        [
            through(organisation=o, publicbody=turku)
            for o in Organisation.objects.filter(name__startswith="Massa")
        ]
    )
    for organisation in Organisation.objects.filter(name__startswith="Massa")[:40]:
        organisation.themes.set(themes)
    many = page_queries(client, URL, {"municipality": "853"})
    assert Organisation.objects.count() == 500
    assert few == many
    assert many <= 8


def test_the_directory_offers_its_first_hundred_pages(client, world, settings):
    settings.DIRECTORY_PAGE_SIZE = 1
    settings.DIRECTORY_COUNT_CACHE_SECONDS = 0
    from cooperation.lib.pagination import BoundedCachedCountPaginator

    response = client.get(reverse("cooperation:directory"), {"page": 100_000})
    assert response.status_code == 200
    paginator = response.context["page"].paginator
    assert isinstance(paginator, BoundedCachedCountPaginator)
    assert paginator.num_pages <= 100
