"""The NGO team's work: check, review, forward, answers, and what each role sees."""

import pytest
from django.core import mail
from django.urls import reverse

from signals import services
from signals.models import Forward, Signal, SignalEvent
from tests.factories import municipality
from tests.helpers.queries import page_queries
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def detail(pk):
    return reverse("signals:signal_detail", kwargs={"pk": pk})


def test_an_ngo_sees_only_its_own_signals_and_an_official_only_their_municipality(client, world):
    own = SignalFactory(organisation=world.org_a)
    other = SignalFactory(organisation=world.org_b, municipality=municipality("734"))
    client.force_login(world.ngo_member)
    listed = client.get(reverse("signals:signal_list")).context["page"].object_list
    assert [s.pk for s in listed] == [own.pk]
    assert client.get(detail(other.pk)).status_code == 404
    page = client.get(detail(own.pk)).content.decode()
    assert "History" not in page
    assert "Historia" not in page
    client.force_login(world.official_other)
    listed = client.get(reverse("signals:signal_list")).context["page"].object_list
    assert [s.pk for s in listed] == [other.pk]
    assert client.get(detail(own.pk)).status_code == 404
    client.force_login(world.coordinator)
    assert client.get(reverse("signals:signal_list")).context["page"].paginator.count == 2


def test_the_team_reviews_a_signal_and_the_trail_says_who_and_when(client, world):
    signal = SignalFactory()
    client.force_login(world.official_same)
    response = client.post(
        reverse("signals:signal_triage", kwargs={"pk": signal.pk}),
        {
            "being_done": "Seurakunta järjestää kahvilan.",
            "could_be_done": "Kirjaston tilat iltaisin.",
            "responsible": "Nuorisopalvelut",
            "responsible_units": [world.unit.pk],
            "topics": [],
            "status": "",
            "answer": "",
            "public_summary": "",
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Signal.Status.IN_REVIEW
    assert signal.being_done.startswith("Seurakunta")
    assert list(signal.responsible_units.all()) == [world.unit]
    actions = list(signal.events.values_list("action", "actor"))
    assert (SignalEvent.Action.TRIAGED, world.official_same.pk) in actions
    assert (SignalEvent.Action.STATUS, world.official_same.pk) in actions


def test_a_nonsense_status_move_is_refused_and_nothing_changes(world):
    signal = SignalFactory(status=Signal.Status.REJECTED)
    with pytest.raises(services.DomainError):
        services.signal_triage(signal=signal, by=world.official_same, fields={}, status="closed")
    other = SignalFactory()
    with pytest.raises(services.DomainError):
        services.signal_triage(
            signal=other,
            by=world.official_same,
            fields={"is_published": True, "public_summary": ""},
        )
    other.refresh_from_db()
    assert not other.is_published
    assert other.status == Signal.Status.RECEIVED


def test_only_the_municipality_team_may_work_on_a_signal(client, world):
    signal = SignalFactory()
    for user in (world.official_other, world.coordinator, world.ngo_admin):
        client.force_login(user)
        for name in ("signal_triage", "signal_forward", "signal_check", "signal_relate"):
            response = client.post(reverse(f"signals:{name}", kwargs={"pk": signal.pk}), {})
            assert response.status_code == 404, (user, name)


def test_forwarding_mails_a_link_and_the_answer_is_recorded(
    client, world, django_capture_on_commit_callbacks
):
    signal = SignalFactory(language="sv", sender_email="ngo@example.fi")
    proposal = SignalFactory(
        kind=Signal.Kind.PROPOSAL, parent=signal, proposal="Öppna lokalen på fredagar"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _forward, token = services.signal_forward(
            signal=signal,
            by=world.official_same,
            email="Rehtori@Example.fi",
            message="Onko tästä tietoa?",
            language="fi",
        )
    forward_mail, notice = mail.outbox
    assert forward_mail.to == ["rehtori@example.fi"]
    assert token in forward_mail.body
    assert notice.to == ["ngo@example.fi"]
    assert "vidarebefordr" in notice.subject.lower() or signal.reference in notice.subject
    signal.refresh_from_db()
    assert signal.status == Signal.Status.FORWARDED
    url = reverse("signals:forward_answer", kwargs={"token": token})
    page = client.get(url).content.decode()
    assert "Onko tästä tietoa?" in page
    assert proposal.proposal in page
    response = client.post(url, {"answer": "Koululla on jo kerho."})
    assert response.status_code == 302
    forward = Forward.objects.get()
    assert forward.answer == "Koululla on jo kerho."
    assert forward.answered_at
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ANSWERED


def test_a_forwarded_person_sees_only_what_was_forwarded_to_them(client, world):
    signal = SignalFactory()
    other = SignalFactory(description="Toinen, salainen signaali")
    _forward, token = services.signal_forward(
        signal=signal, by=world.official_same, email="x@example.fi", message="", language="fi"
    )
    page = client.get(reverse("signals:forward_answer", kwargs={"token": token})).content.decode()
    assert other.description not in page
    assert client.get(detail(signal.pk)).status_code == 302  # no account: login
    assert (
        client.get(reverse("signals:forward_answer", kwargs={"token": "guess"})).status_code == 404
    )


def test_the_sender_sees_only_answers_the_team_shared_and_is_told_of_closure(
    client, world, django_capture_on_commit_callbacks
):
    signal = SignalFactory(organisation=world.org_a, language="fi", sender_email="ngo@example.fi")
    forward, _token = services.signal_forward(
        signal=signal, by=world.official_same, email="x@example.fi", message="", language="fi"
    )
    services.forward_answer(forward=forward, answer="Sisäinen vastaus")
    client.force_login(world.ngo_member)
    assert "Sisäinen vastaus" not in client.get(detail(signal.pk)).content.decode()
    services.forward_share(forward=forward, by=world.official_same, public=True)
    assert "Sisäinen vastaus" in client.get(detail(signal.pk)).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_triage(signal=signal, by=world.official_same, fields={}, status="closed")
    assert len(mail.outbox) == 1
    assert "Sisäinen vastaus" in mail.outbox[0].body
    with pytest.raises(services.DomainError):
        services.forward_answer(forward=forward, answer="Myöhässä")


def test_the_open_link_check_accepts_or_rejects_once(client, world):
    signal = SignalFactory(is_accepted=False, channel=Signal.Channel.OPEN_LINK)
    client.force_login(world.official_same)
    page = client.get(detail(signal.pk))
    assert "check_form" in page.context
    client.post(
        reverse("signals:signal_check", kwargs={"pk": signal.pk}),
        {"decision": "reject", "note": "Mainos"},
    )
    signal.refresh_from_db()
    assert signal.status == Signal.Status.REJECTED
    assert not signal.is_accepted
    with pytest.raises(services.DomainError):
        services.signal_check(signal=signal, by=world.official_same, accept=True)


def test_similar_earlier_signals_are_suggested_and_can_be_linked(client, world):
    earlier = SignalFactory(description="Yksinäisyys vaivaa ikääntyneitä Varissuolla talvella.")
    SignalFactory(description="Pyöräteiden auraus on myöhässä.")
    SignalFactory(description="Yksinäisyys vaivaa ikääntyneitä.", municipality=municipality("734"))
    signal = SignalFactory(description="Ikääntyneitä vaivaa yksinäisyys etenkin talvella.")
    client.force_login(world.official_same)
    similar = client.get(detail(signal.pk)).context["similar"]
    assert [s.pk for s in similar] == [earlier.pk]
    client.post(
        reverse("signals:signal_relate", kwargs={"pk": signal.pk}), {"reference": earlier.reference}
    )
    assert list(signal.related.all()) == [earlier]
    assert list(earlier.related.all()) == [signal]


def test_the_list_and_detail_pages_have_a_constant_query_count(client, world):
    SignalFactory.create_batch(2, organisation=world.org_a)
    client.force_login(world.official_same)
    url = reverse("signals:signal_list")
    client.get(url)
    few = page_queries(client, url)
    SignalFactory.create_batch(30, organisation=world.org_a)
    assert page_queries(client, url) == few
    signal = SignalFactory()
    one = page_queries(client, detail(signal.pk))
    for _ in range(5):
        services.signal_forward(
            signal=signal, by=world.official_same, email="x@example.fi", message="", language="fi"
        )
        SignalFactory(kind=Signal.Kind.PROPOSAL, parent=signal)
    assert page_queries(client, detail(signal.pk)) == one


def test_a_public_summary_or_answer_with_personal_data_is_refused(world):
    signal = SignalFactory()
    for fields in (
        {"public_summary": "Asukas 131052-308T sai apua.", "is_published": True},
        {"answer": "Soittakaa numeroon 040 123 4567"},
    ):
        with pytest.raises(services.DomainError):
            services.signal_triage(signal=signal, by=world.official_same, fields=fields)
    signal.refresh_from_db()
    assert signal.public_summary == ""
    assert signal.answer == ""
    assert not signal.is_published
