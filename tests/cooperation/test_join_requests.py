"""Adding an organisation that is already in the portal leads to asking its
admins to join, instead of a dead end."""

import pytest
from django.core import mail
from django.urls import reverse

from cooperation import services
from cooperation.models import JoinRequest, Membership, Organisation
from tests.factories import UserFactory, municipality
from tests.helpers.queries import page_queries

pytestmark = pytest.mark.django_db


def _create(client, business_id, name="Uusi nimi ry"):
    return client.post(
        reverse("cooperation:organisation_create"),
        {
            "name": name,
            "business_id": business_id,
            "municipalities": [municipality("853").pk],
            "size": "small",
        },
        HTTP_ACCEPT_LANGUAGE="fi",
    )


def test_a_taken_business_id_offers_to_ask_the_admins_and_keeps_what_was_typed(
    client, world, django_capture_on_commit_callbacks
):
    world.org_a.business_id = "0204819-8"
    world.org_a.save()
    newcomer = UserFactory(preferred_language="fi")
    client.force_login(newcomer)
    response = _create(client, "0204819-8", name="Kirjoitettu nimi ry")
    assert response.status_code == 200
    text = response.content.decode()
    assert f"{world.org_a.name} on jo portaalissa" in text
    assert 'value="Kirjoitettu nimi ry"' in text
    assert Organisation.objects.filter(business_id="0204819-8").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            reverse("cooperation:join_request", args=[world.org_a.pk]),
            {"message": "Olen uusi vapaaehtoinen."},
        )
    assert asked.status_code == 302
    (told,) = [m for m in mail.outbox if m.to == [world.ngo_admin.email]]
    assert f"{newcomer} pyytää liittyä järjestöön {world.org_a.name}" == told.subject
    assert "Olen uusi vapaaehtoinen." in told.body
    # Asking twice is refused with a message, not stored twice.
    client.post(reverse("cooperation:join_request", args=[world.org_a.pk]), {"message": ""})
    assert JoinRequest.objects.count() == 1


def test_the_admin_accepts_from_the_desk_and_the_person_is_told(
    client, world, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(preferred_language="sv")
    join = services.join_request_create(organisation=world.org_a, user=newcomer)
    client.force_login(world.ngo_admin)
    desk = client.get(reverse("cooperation:desk"), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Pyynnöt liittyä järjestöösi" in desk
    page = client.get(reverse("cooperation:my_organisation", args=[world.org_a.pk]))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cooperation:join_request_decide", args=[join.pk]), {"accept": "1"})
    assert Membership.objects.filter(
        user=newcomer, organisation=world.org_a, role=Membership.Role.MEMBER
    ).exists()
    (told,) = [m for m in mail.outbox if m.to == [newcomer.email]]
    assert told.subject == f"Du är nu medlem i {world.org_a.name}"
    # Decided once.
    assert (
        client.post(
            reverse("cooperation:join_request_decide", args=[join.pk]), {"accept": "0"}
        ).status_code
        == 404
    )


def test_only_the_organisations_admins_decide(client, world):
    join = services.join_request_create(organisation=world.org_a, user=UserFactory())
    url = reverse("cooperation:join_request_decide", args=[join.pk])
    for user in (world.ngo_member, world.other_member, world.official_same, world.coordinator):
        client.force_login(user)
        assert client.post(url, {"accept": "1"}).status_code == 404
    join.refresh_from_db()
    assert join.decided_at is None
    # A member cannot ask to join again.
    client.force_login(world.ngo_member)
    assert (
        client.post(reverse("cooperation:join_request", args=[world.org_a.pk])).status_code == 404
    )


def test_the_organisation_page_lists_requests_in_the_same_queries(client, world):
    client.force_login(world.ngo_admin)
    url = reverse("cooperation:my_organisation", args=[world.org_a.pk])
    services.join_request_create(organisation=world.org_a, user=UserFactory())
    few = page_queries(client, url)
    for _ in range(3):
        services.join_request_create(organisation=world.org_a, user=UserFactory())
    assert page_queries(client, url) == few
