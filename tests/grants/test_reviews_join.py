"""The officer scores from the application's page, and the page names the
reviewers and what each has done."""

import pytest
from django.urls import reverse

from grants import services
from tests.helpers.grants import in_review
from tests.helpers.queries import page_queries
from tests.helpers.reading import table_of_contents

pytestmark = pytest.mark.django_db


def test_the_officer_joins_the_reviewers_from_the_application_page(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    client.force_login(grants.officer)
    detail = reverse("grants:application_detail", args=[application.pk])
    page = client.get(detail, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Pisteytä hakemus arvioijana" in page
    response = client.post(reverse("grants:application_review_join", args=[application.pk]))
    assert response.url == reverse("grants:application_review", args=[application.pk])
    assert grants.call.reviewers.filter(pk=grants.officer.pk).exists()
    # Now a reviewer: the button is gone and the review page opens.
    assert "Pisteytä hakemus arvioijana" not in client.get(detail).content.decode()
    assert client.get(response.url).status_code == 200


def test_a_call_that_keeps_scoring_to_its_reviewers_offers_no_button(client, grants, world):
    grants.call.officers_review = False
    grants.call.save()
    application = in_review(grants, world.org_a, world.ngo_admin)
    client.force_login(grants.officer)
    url = reverse("grants:application_review_join", args=[application.pk])
    assert client.post(url).status_code == 404
    assert not grants.call.reviewers.filter(pk=grants.officer.pk).exists()
    # Another municipality's officer cannot join either.
    grants.call.officers_review = True
    grants.call.save()
    client.force_login(grants.officer_salo)
    assert client.post(url).status_code == 404


def test_the_page_names_each_reviewer_and_what_they_have_done(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    second = world.official_other
    grants.call.reviewers.add(second)
    criteria = list(grants.call.criteria.all())
    services.review_save(
        application=application,
        reviewer=grants.reviewer,
        scores={c.pk: (4, "") for c in criteria},
        comment="Hyvä",
        submit=True,
    )
    client.force_login(grants.officer)
    url = reverse("grants:application_detail", args=[application.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert f"{grants.reviewer}: arvio lähetetty" in page
    assert f"{second}: ei aloitettu" in page
    few = page_queries(client, url)
    for _ in range(3):
        from tests.helpers.officials import official_with

        grants.call.reviewers.add(official_with("liaison"))
    assert page_queries(client, url) == few


def test_the_application_page_has_a_table_of_its_sections(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    client.force_login(grants.officer)
    page = client.get(
        reverse("grants:application_detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fi"
    ).content.decode()
    assert {"purpose-heading", "reviews-heading", "handling-heading", "history-heading"} <= set(
        table_of_contents(page, "Tällä sivulla")
    )
