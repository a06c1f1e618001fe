"""Loops closed in the signals app: the team is told when a forwarded person
answers, the sender when there is an answer to read, and nobody is promised a
team that does not exist."""

import pytest
from django.core import mail
from django.urls import reverse

from cooperation.extensions import notice_kinds
from cooperation.models import Delivery, Notice, NoticePreference, OfficialRole
from cooperation.notices import services as notices
from signals import services
from signals.models import Signal
from tests.factories import UserFactory
from tests.helpers.reading import table_of_contents
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def _forwarded(world, **fields):
    signal = SignalFactory(organisation=world.org_a, sender_email="ngo@example.fi", **fields)
    forward, _token = services.signal_forward(
        signal=signal, by=world.official_same, email="rehtori@example.fi", message="", language="fi"
    )
    mail.outbox.clear()
    return signal, forward


def test_the_team_is_told_once_in_each_members_language_when_the_answer_comes(
    world, django_capture_on_commit_callbacks
):
    signal, forward = _forwarded(world)
    world.official_same.preferred_language = "sv"
    world.official_same.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_answer(forward=forward, answer="Koululla on jo kerho.")
    (message,) = mail.outbox
    assert message.to == [world.official_same.email]
    assert message.subject == f"Signal {signal.reference}: rehtori@example.fi har svarat"
    assert "Läs svaret och välj om avsändaren får se det." in message.body
    assert f"/signals/{signal.pk}/" in message.body
    assert "{%" not in message.body
    assert "{{" not in message.body
    # A revised answer tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_answer(forward=forward, answer="Koululla on jo kerho perjantaisin.")
    assert len(mail.outbox) == 1
    assert Notice.objects.get().mailed_at


def test_nothing_is_mailed_when_the_answer_is_not_stored(world, django_capture_on_commit_callbacks):
    signal, forward = _forwarded(world)
    Signal.objects.filter(pk=signal.pk).update(status=Signal.Status.CLOSED)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.DomainError):
        services.forward_answer(forward=forward, answer="Myöhässä")
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_a_member_who_chose_the_daily_summary_gets_it_the_next_morning_once(
    world, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(
        user=world.official_same, kind=services.FORWARD_ANSWERED, delivery=Delivery.DAILY
    )
    signal, forward = _forwarded(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_answer(forward=forward, answer="Vastaus")
    assert mail.outbox == []
    assert notices.send_daily() == 1
    (summary,) = mail.outbox
    assert summary.subject == "Vuorosi: 1 uusi asia portaalissa"
    assert f"Signaali {signal.reference}: rehtori@example.fi vastasi" in summary.body
    assert notices.send_daily() == 0
    assert len(mail.outbox) == 1


def test_desk_only_means_no_mail_and_the_answer_is_on_the_desk(
    client, world, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(
        user=world.official_same, kind=services.FORWARD_ANSWERED, delivery=Delivery.DESK
    )
    signal, forward = _forwarded(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_answer(forward=forward, answer="Vastaus")
    assert notices.send_daily() == 0
    assert mail.outbox == []
    client.force_login(world.official_same)
    page = client.get(reverse("cooperation:desk"), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert signal.reference in page


def test_with_no_ngo_team_the_coordinator_is_told(world, django_capture_on_commit_callbacks):
    _signal, forward = _forwarded(world)
    OfficialRole.objects.filter(role=OfficialRole.Role.NGO_TEAM).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_answer(forward=forward, answer="Vastaus")
    assert [m.to for m in mail.outbox] == [[world.coordinator.email]]


def test_the_sender_reads_answered_only_when_there_is_an_answer_to_show(
    client, world, django_capture_on_commit_callbacks
):
    signal, forward = _forwarded(world, language="fi")
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_answer(forward=forward, answer="Sisäinen vastaus")
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ANSWERED
    mail.outbox.clear()
    client.force_login(world.ngo_member)
    url = reverse("signals:signal_detail", args=[signal.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "<dd>välitetty</dd>" in page
    assert "vastattu" not in page
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_share(forward=forward, by=world.official_same, public=True)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "<dd>vastattu</dd>" in page
    assert "Sisäinen vastaus" in page
    (told,) = mail.outbox
    assert told.to == ["ngo@example.fi"]
    assert told.subject == f"Signaaliisi {signal.reference} on vastattu"
    assert "Sisäinen vastaus" in told.body
    # Sharing again, or hiding and sharing, does not mail again.
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_share(forward=forward, by=world.official_same, public=True)
    assert len(mail.outbox) == 1


def test_the_teams_own_answer_tells_the_sender_once(world, django_capture_on_commit_callbacks):
    signal = SignalFactory(sender_email="ngo@example.fi", language="sv")
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_triage(
            signal=signal, by=world.official_same, fields={"answer": "Vi ordnar en träff."}
        )
    (told,) = mail.outbox
    assert "Vi ordnar en träff." in told.body
    assert told.subject == f"Din signal {signal.reference} har fått ett svar"
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_triage(
            signal=signal, by=world.official_same, fields={"answer": "Vi ordnar två träffar."}
        )
    assert len(mail.outbox) == 1


def test_the_receipt_promises_no_team_where_there_is_none(
    client, world, django_capture_on_commit_callbacks
):
    from tests.signals.test_intake import form_data

    _link, token = services.link_create(by=world.ngo_admin, organisation=world.org_a)
    OfficialRole.objects.filter(role=OfficialRole.Role.NGO_TEAM).delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("signals:link_submit", kwargs={"token": token}),
            form_data(municipality=world.org_a.municipalities.first().pk),
            HTTP_ACCEPT_LANGUAGE="fi",
        )
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "ei vielä ole portaalissa järjestötiimiä" in body
    assert "järjestötiimille seuraavassa" not in body


def test_notice_settings_page(client, world):
    url = reverse("cooperation:notice_settings")
    assert client.get(url).status_code == 302  # login first
    client.force_login(world.official_same)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Välitetyn signaalin vastaanottaja on vastannut" in text
    choices = {kind.key: "at_once" for kind in notice_kinds() if not kind.always}
    response = client.post(url, {**choices, services.FORWARD_ANSWERED: "daily"})
    assert response.status_code == 302
    assert (
        NoticePreference.objects.get(
            user=world.official_same, kind=services.FORWARD_ANSWERED
        ).delivery
        == Delivery.DAILY
    )
    bad = client.post(url, {**choices, services.FORWARD_ANSWERED: "fax"}, HTTP_ACCEPT_LANGUAGE="fi")
    assert bad.status_code == 200
    assert "Valitse oikea vaihtoehto. fax ei ole vaihtoehtojen joukossa." in bad.content.decode()
    assert (
        NoticePreference.objects.get(
            user=world.official_same, kind=services.FORWARD_ANSWERED
        ).delivery
        == Delivery.DAILY
    )
    # The kinds that always go are listed, not offered.
    assert "Hakemustasi koskeva päätös" in bad.content.decode()
    assert 'value="grants.decision"' not in bad.content.decode()


def test_a_second_person_is_told_too_and_inactive_people_not(
    world, django_capture_on_commit_callbacks
):
    from tests.factories import OfficialFactory

    second = OfficialFactory().user
    gone = OfficialFactory(user=UserFactory(is_active=False)).user
    _signal, forward = _forwarded(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_answer(forward=forward, answer="Vastaus")
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted([world.official_same.email, second.email])
    assert gone.email not in told


def test_the_teams_signal_page_has_a_table_of_its_sections(client, world):
    signal = SignalFactory()
    client.force_login(world.official_same)
    page = client.get(
        reverse("signals:signal_detail", args=[signal.pk]), HTTP_ACCEPT_LANGUAGE="sv"
    ).content.decode()
    assert "forward-heading" in table_of_contents(page, "På den här sidan")
