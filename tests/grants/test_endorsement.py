"""The network's endorsement: as many statements as the network needs, no
statement from the applicant's own people, a "not endorsed" taken up again
with a reason."""

import pytest
from django.core import mail
from django.urls import reverse

from cooperation.errors import Disqualified, DomainError
from grants import services
from grants.models import Application, ApplicationEvent, Endorsement
from tests.factories import MembershipFactory
from tests.helpers.grants import make_call, submitted
from tests.helpers.officials import official_with
from tests.helpers.queries import page_queries

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def two_needed(grants):
    grants.network.endorsements_needed = 2
    grants.network.save()
    second = official_with("liaison")
    third = official_with("liaison")
    grants.network.members.add(second, third)
    call = make_call(requires_endorsement=True, network=grants.network)
    return call, second, third


def test_an_application_waits_until_as_many_members_as_needed_have_endorsed(
    grants, world, two_needed, django_capture_on_commit_callbacks
):
    call, second, _third = two_needed
    application = submitted(call, world.org_a, world.ngo_admin)
    services.application_endorse(application=application, by=grants.network_member, endorse=True)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    with pytest.raises(DomainError, match="already given your statement"):
        services.application_endorse(
            application=application, by=grants.network_member, endorse=True
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_endorse(application=application, by=second, endorse=True)
    application.refresh_from_db()
    assert application.status == S.ENDORSED
    assert [m.to for m in mail.outbox] == [[grants.officer.email]]


def test_not_endorsing_needs_grounds_and_as_many_against_ends_it(grants, world, two_needed):
    call, second, _third = two_needed
    application = submitted(call, world.org_a, world.ngo_admin)
    with pytest.raises(DomainError, match="grounds"):
        services.application_endorse(
            application=application, by=grants.network_member, endorse=False, note=" "
        )
    assert not Endorsement.objects.exists()
    services.application_endorse(
        application=application, by=grants.network_member, endorse=False, note="Päällekkäinen."
    )
    services.application_endorse(application=application, by=second, endorse=False, note="Sama.")
    application.refresh_from_db()
    assert application.status == S.NOT_ENDORSED


def test_a_member_of_the_applying_organisation_cannot_endorse_and_it_is_recorded(grants, world):
    call = make_call(requires_endorsement=True, network=grants.network)
    application = submitted(call, world.org_a, world.ngo_admin)
    MembershipFactory(user=grants.network_member, organisation=world.org_a)
    with pytest.raises(Disqualified):
        services.application_endorse(
            application=application, by=grants.network_member, endorse=True
        )
    assert not Endorsement.objects.exists()
    assert application.events.filter(
        action=ApplicationEvent.Action.DISQUALIFIED, actor=grants.network_member
    ).exists()


def test_the_network_takes_a_not_endorsed_up_again_with_a_reason(
    client, grants, world, django_capture_on_commit_callbacks
):
    call = make_call(requires_endorsement=True, network=grants.network)
    second = official_with("liaison")
    grants.network.members.add(second)
    application = submitted(call, world.org_a, world.ngo_admin)
    services.application_endorse(
        application=application, by=grants.network_member, endorse=False, note="Puutteellinen."
    )
    client.force_login(grants.network_member)
    url = reverse("grants:application_endorsement_reopen", args=[application.pk])
    bad = client.post(url, {"reason": ""}, HTTP_ACCEPT_LANGUAGE="fi")
    assert bad.status_code == 400
    assert "Tämä kenttä vaaditaan" in bad.content.decode()
    application.refresh_from_db()
    assert application.status == S.NOT_ENDORSED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Hakija täydensi suunnitelmaa."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert not Endorsement.objects.exists()
    assert application.events.filter(note="Hakija täydensi suunnitelmaa.").exists()
    assert [m.to for m in mail.outbox] == [[second.email]]
    # The statement can be given again.
    services.application_endorse(application=application, by=grants.network_member, endorse=True)
    application.refresh_from_db()
    assert application.status == S.ENDORSED


def test_only_the_network_takes_it_up_again(client, grants, world):
    call = make_call(requires_endorsement=True, network=grants.network)
    application = submitted(call, world.org_a, world.ngo_admin)
    services.application_endorse(
        application=application, by=grants.network_member, endorse=False, note="Ei."
    )
    url = reverse("grants:application_endorsement_reopen", args=[application.pk])
    for user in (grants.officer, world.ngo_admin):
        client.force_login(user)
        assert client.post(url, {"reason": "Uudelleen"}).status_code == 404
    application.refresh_from_db()
    assert application.status == S.NOT_ENDORSED


def test_the_page_shows_the_statements_so_far_in_few_queries(client, grants, world, two_needed):
    call, second, third = two_needed
    application = submitted(call, world.org_a, world.ngo_admin)
    services.application_endorse(application=application, by=second, endorse=True, note="Hyvä")
    client.force_login(grants.network_member)
    url = reverse("grants:application_detail", args=[application.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Verkosto tarvitsee 2 jäsenen lausunnon." in page
    assert f"{second}: puollettu" in page
    few = page_queries(client, url)
    services.application_endorse(application=application, by=third, endorse=False, note="Ei")
    assert page_queries(client, url) == few
