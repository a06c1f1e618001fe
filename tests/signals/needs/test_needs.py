"""Needs: the NGO team gathers signals into a need, publishes it and follows it; the
public reads the need without the signals' texts; the senders are told and see on
their signal's page which public needs it fed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cooperation.errors import DomainError
from cooperation.models import Notice, OfficialRole, Unit
from signals.models import Need, NeedEvent, NeedSignal, Signal, Topic
from signals.needs import services
from signals.needs.services import NEED_MOVED, NEED_OBSERVATION, NEED_PUBLISHED
from tests.factories import municipality
from tests.helpers.officials import official_with
from tests.helpers.queries import get_counted
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def _need(world, *signals, **fields):
    values = {
        "title_fi": "Nuorten illat kauppakeskuksessa",
        "summary_fi": "Nuoret viettävät iltoja kauppakeskuksessa, kun muuta paikkaa ei ole.",
        "title_sv": "Ungas kvällar i köpcentret",
        "summary_sv": "Unga tillbringar kvällarna i köpcentret när det inte finns någon annan plats.",
        "areas": "Varissuo, Lauste",
    }
    values.update(fields)
    return services.need_create(
        by=world.official_same,
        municipality=municipality("853"),
        fields=values,
        signals=signals,
    )


def _published(world, *signals, **fields):
    need = _need(world, *signals, **fields)
    return services.need_move(need=need, by=world.official_same, to=Need.Status.PUBLISHED)


# --- The NGO team's work, through the pages ---------------------------------------------


def test_the_team_creates_a_need_gathers_signals_and_publishes_it(client, world):
    housing = Topic.objects.get(slug="housing")
    signal = SignalFactory(organisation=world.org_a, description="Nuoret notkuvat ostarilla.")
    signal.topics.set([housing])
    client.force_login(world.official_same)

    form = client.get(reverse("signals:need_create"))
    assert form.status_code == 200
    created = client.post(
        reverse("signals:need_create"),
        {
            "municipality": municipality("853").pk,
            "title_fi": "Nuorten illat",
            "summary_fi": "Nuorilla ei ole iltaisin paikkaa.",
            "title_sv": "Ungas kvällar",
            "summary_sv": "De unga har ingen plats att vara på kvällarna.",
            "areas": "Varissuo",
            "topics": [housing.pk],
        },
    )
    need = Need.objects.get()
    assert created.status_code == 302
    assert created["Location"] == reverse("signals:need_signals", args=[need.pk])
    assert need.status == Need.Status.GATHERING

    offered = client.get(reverse("signals:need_signals", args=[need.pk]))
    assert offered.status_code == 200
    assert signal.reference in offered.text  # offered by the need's topic
    added = client.post(reverse("signals:need_signals", args=[need.pk]), {"signals": [signal.pk]})
    assert added.status_code == 302
    assert list(need.signals.all()) == [signal]

    asked = client.post(reverse("signals:need_move", args=[need.pk]), {"to": "published"})
    assert asked.status_code == 200
    assert "Julkaise" in asked.text  # the confirmation page, in Finnish
    need.refresh_from_db()
    assert need.status == Need.Status.GATHERING
    done = client.post(
        reverse("signals:need_move", args=[need.pk]), {"to": "published", "confirmed": "1"}
    )
    assert done.status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED
    assert need.published_at is not None
    actions = list(need.events.values_list("action", flat=True))
    assert actions == ["created", "signals_added", "status"]


def test_the_public_page_shows_the_need_without_the_signals_texts(client, world):
    quiet = SignalFactory(organisation=world.org_a, description="Salainen huoli Varissuolta.")
    shared = SignalFactory(
        organisation=world.org_a,
        description="Tämäkin jää näkymättä.",
        public_summary="Nuorisotalo avataan iltaisin.",
        is_published=True,
    )
    need = _published(world, quiet, shared)
    page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert page.status_code == 200
    assert "Nuorten illat kauppakeskuksessa" in page.text
    assert "Nuorisotalo avataan iltaisin." in page.text
    assert "Salainen huoli" not in page.text
    assert "Tämäkin jää näkymättä." not in page.text
    assert quiet.reference not in page.text
    assert "Tapahtumat" not in page.text  # the trail is internal


def test_a_draft_is_not_public_and_a_closed_need_leaves_the_public_pages(client, world):
    need = _need(world)
    assert client.get(reverse("signals:need_detail", args=[need.pk])).status_code == 404
    assert need.title_fi not in client.get(reverse("signals:need_list")).text
    services.need_move(need=need, by=world.official_same, to=Need.Status.PUBLISHED)
    assert need.title_fi in client.get(reverse("signals:need_list")).text
    services.need_move(need=need, by=world.official_same, to=Need.Status.CLOSED)
    assert client.get(reverse("signals:need_detail", args=[need.pk])).status_code == 404


def test_the_senders_are_told_once_and_see_the_need_on_their_signal(client, world):
    signal = SignalFactory(organisation=world.org_a)
    need = _need(world, signal)
    client.force_login(world.ngo_admin)
    page = client.get(reverse("signals:signal_detail", args=[signal.pk]))
    assert need.title_fi not in page.text  # a draft: not the sender's to see

    services.need_move(need=need, by=world.official_same, to=Need.Status.PUBLISHED)
    told = Notice.objects.filter(kind=NEED_PUBLISHED)
    assert set(told.values_list("user_id", flat=True)) == {world.ngo_admin.pk, world.ngo_member.pk}
    assert "Nuorten illat kauppakeskuksessa" in told.first().subject
    # Back to gathering and out again: nobody is told twice.
    services.need_move(need=need, by=world.official_same, to=Need.Status.GATHERING)
    services.need_move(need=need, by=world.official_same, to=Need.Status.PUBLISHED)
    assert told.count() == 2

    page = client.get(reverse("signals:signal_detail", args=[signal.pk]))
    assert page.status_code == 200
    assert "Tarpeet, joiden taustalla signaali on" in page.text
    assert need.title_fi in page.text


def test_the_topic_page_links_its_public_needs(client, world):
    housing = Topic.objects.get(slug="housing")
    need = _published(world)
    need.topics.set([housing])
    page = client.get(reverse("signals:topic_detail", args=[housing.slug]))
    assert page.status_code == 200
    assert reverse("signals:need_detail", args=[need.pk]) in page.text


def test_the_notice_is_in_the_reader_s_language(world):
    world.ngo_admin.preferred_language = "sv"
    world.ngo_admin.save()
    need = _need(world, SignalFactory(organisation=world.org_a))
    services.need_move(need=need, by=world.official_same, to=Need.Status.PUBLISHED)
    swedish = Notice.objects.get(kind=NEED_PUBLISHED, user=world.ngo_admin)
    assert "Ungas kvällar i köpcentret" in swedish.subject
    finnish = Notice.objects.get(kind=NEED_PUBLISHED, user=world.ngo_member)
    assert "Nuorten illat kauppakeskuksessa" in finnish.subject


# --- Who may ----------------------------------------------------------------------------


def test_another_body_s_team_cannot_gather_into_the_need_nor_see_it(client, world):
    need = _need(world)
    client.force_login(world.official_other)  # Salo's NGO team
    assert client.get(reverse("signals:need_signals", args=[need.pk])).status_code == 404
    assert client.get(reverse("signals:need_detail", args=[need.pk])).status_code == 404


def test_a_need_is_fed_only_by_its_own_body_s_signals(world):
    salo = SignalFactory(municipality=municipality("734"))
    with pytest.raises(DomainError, match="toiselle kunnalle"):
        _need(world, salo)
    assert not Need.objects.exists()  # nothing stored half-way
    need = _need(world)
    with pytest.raises(DomainError, match="toiselle kunnalle"):
        services.need_add_signals(need=need, by=world.official_same, signals=[salo])
    assert not NeedSignal.objects.exists()


def test_the_county_s_team_is_offered_only_the_county_s_signals(client, world):
    county = municipality("05")
    team = official_with(OfficialRole.Role.NGO_TEAM, "05")
    theirs = SignalFactory(municipality=county, description="Omaishoitajat uupuvat.")
    turku = SignalFactory(description="Omaishoitajat uupuvat Turussa.")
    need = services.need_create(
        by=team, municipality=county, fields={"title_fi": "Omaishoitajat", "summary_fi": "."}
    )
    client.force_login(team)
    page = client.get(reverse("signals:need_signals", args=[need.pk]), {"q": "omaishoitajat"})
    assert page.status_code == 200
    assert theirs.reference in page.text
    assert turku.reference not in page.text


# --- Bad input --------------------------------------------------------------------------


def test_a_need_without_a_title_is_refused_with_a_message(client, world):
    client.force_login(world.official_same)
    response = client.post(
        reverse("signals:need_create"),
        {"municipality": municipality("853").pk, "summary_fi": "Kesken jäänyt kuvaus."},
    )
    assert response.status_code == 400
    assert "Kesken jäänyt kuvaus." in response.text  # what was typed stays
    assert "mitään ei ole vielä tallennettu" in response.text
    assert not Need.objects.exists()


def test_a_phone_number_in_the_summary_is_refused(client, world):
    client.force_login(world.official_same)
    response = client.post(
        reverse("signals:need_create"),
        {
            "municipality": municipality("853").pk,
            "title_fi": "Yksinäisyys",
            "summary_fi": "Soita Mattille 040 123 4567.",
        },
    )
    assert response.status_code == 400
    assert not Need.objects.exists()


def test_a_need_moves_only_along_its_steps(world):
    need = _need(world)
    with pytest.raises(DomainError, match="ei voi siirtyä"):
        services.need_move(need=need, by=world.official_same, to=Need.Status.ANSWERED)
    need.refresh_from_db()
    assert need.status == Need.Status.GATHERING
    assert not need.events.filter(action=NeedEvent.Action.STATUS).exists()


def test_a_bilingual_body_s_need_is_published_with_its_swedish_texts(world):
    need = _need(world, title_sv="", summary_sv="")  # Turku is bilingual
    with pytest.raises(DomainError, match="ruotsiksi"):
        services.need_move(need=need, by=world.official_same, to=Need.Status.PUBLISHED)
    salo = official_with(OfficialRole.Role.NGO_TEAM, "734")  # Finnish only
    finnish = services.need_create(
        by=salo,
        municipality=municipality("734"),
        fields={"title_fi": "Kyydit puuttuvat", "summary_fi": "Kylistä ei pääse asioille."},
    )
    services.need_move(need=finnish, by=salo, to=Need.Status.PUBLISHED)


def test_the_responsible_unit_is_the_need_s_own_body_s(world):
    salo_unit = Unit.objects.create(municipality=municipality("734"), name_fi="Sivistys")
    with pytest.raises(DomainError, match="Vastuutoimialan"):
        _need(world, unit=salo_unit)
    assert not Need.objects.exists()


# --- Query counts -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["official_same", "anonymous"])
def test_the_need_page_does_not_grow_with_its_signals(client, world, role):
    need = _published(world, *SignalFactory.create_batch(3, organisation=world.org_a))
    if world.user(role):
        client.force_login(world.user(role))
    url = reverse("signals:need_detail", args=[need.pk])
    client.get(url)  # the login's first request writes the session
    _response, few = get_counted(client, url)
    services.need_add_signals(
        need=need,
        by=world.official_same,
        signals=SignalFactory.create_batch(60, organisation=world.org_a, area="Lauste"),
    )
    response, many = get_counted(client, url)
    assert len(many) == len(few)
    if role == "official_same":
        assert "63" in response.text  # the count of the signals behind it


def test_the_team_pages_through_the_signals_and_removes_one_from_its_row(client, world):
    from signals.needs.selectors import SIGNALS_PER_PAGE

    oldest = SignalFactory(organisation=world.org_a, description="Ensimmäinen havainto.")
    need = _published(world, oldest)
    services.need_add_signals(
        need=need,
        by=world.official_same,
        signals=SignalFactory.create_batch(SIGNALS_PER_PAGE, organisation=world.org_a),
    )
    client.force_login(world.official_same)
    url = reverse("signals:need_detail", args=[need.pk])
    first = client.get(url)
    assert first.status_code == 200
    row = f'<a href="{reverse("signals:signal_detail", args=[oldest.pk])}">{oldest.reference}</a>'
    assert row not in first.text  # the newest first, a page at a time
    newest = list(need.signals.order_by("-created_at", "-id")[:3])
    places = [first.text.index(f">{signal.reference}</a></td>") for signal in newest]
    assert places == sorted(places)
    last = client.get(url, {"page": 2})
    assert last.status_code == 200
    assert row in last.text
    assert "Ensimmäinen havainto." in last.text
    remove = reverse("signals:need_signal_remove", args=[need.pk, oldest.pk])
    assert f'formaction="{remove}"' in last.text
    # The row's button posts the page's one form; removing asks first.
    assert client.post(remove).status_code == 200
    assert client.post(remove, {"confirmed": "1"}).status_code == 302
    assert not need.signals.filter(pk=oldest.pk).exists()
    # The page's own count says how many signals are behind it.
    assert f"{SIGNALS_PER_PAGE} " in client.get(url).text


def test_the_need_page_shows_the_newest_trail_and_the_history_all_of_it(client, world):
    from signals.needs.selectors import EVENTS_SHOWN

    need = _published(world)
    for number in range(EVENTS_SHOWN + 5):
        services.need_update(need=need, by=world.official_same, fields={"areas": f"Alue {number}"})
    NeedEvent.objects.filter(need=need, action=NeedEvent.Action.CREATED).update(
        note="Ensimmäinen rivi"
    )
    client.force_login(world.official_same)
    page = client.get(reverse("signals:need_detail", args=[need.pk]), HTTP_ACCEPT_LANGUAGE="fi")
    assert page.status_code == 200
    assert "Ensimmäinen rivi" not in page.text
    history_url = reverse("signals:need_history", args=[need.pk])
    assert history_url in page.text
    history = client.get(history_url, HTTP_ACCEPT_LANGUAGE="fi")
    assert history.status_code == 200
    assert "Ensimmäinen rivi" in history.text
    assert f"{EVENTS_SHOWN + 7} tapahtumaa, uusin ensin" in history.text
    assert world.official_same.get_full_name() in history.text
    # The public page of the need is not its trail: the public, another body's team
    # and an NGO find no such page.
    for user in (None, world.official_other, world.ngo_admin):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(history_url).status_code == 404


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_history_reads_right_and_does_not_grow_with_the_trail(client, world, language):
    from tests.helpers.reading import problems

    need = _need(world)
    client.force_login(world.official_same)
    url = reverse("signals:need_history", args=[need.pk])
    client.get(url)
    page, few = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert problems(page.text, language) == []
    for number in range(30):
        services.need_update(need=need, by=world.official_same, fields={"areas": f"A{number}"})
    page, many = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert len(many) == len(few)
    assert problems(page.text, language) == []


def test_the_need_list_does_not_grow_with_the_needs(client, world):
    _published(world)
    _response, few = get_counted(client, reverse("signals:need_list"))
    for number in range(20):
        _published(world, title_fi=f"Tarve {number}")
    _response, many = get_counted(client, reverse("signals:need_list"))
    assert len(many) == len(few)


def test_signals_like_the_need_are_offered_to_gather(client, world):
    need = _need(world)  # no topics: the need's own words find them
    alike = SignalFactory(organisation=world.org_a, description="Nuoria kauppakeskuksessa yöhön.")
    unlike = SignalFactory(organisation=world.org_a, description="Kadut ovat liukkaita.")
    client.force_login(world.official_same)
    page = client.get(reverse("signals:need_signals", args=[need.pk]))
    assert page.status_code == 200
    assert alike.reference in page.text
    assert unlike.reference not in page.text


# --- Following, and the NGOs' own observations ---------------------------------------


def test_a_follower_is_told_when_the_need_moves_on(client, world):
    need = _published(world)
    client.force_login(world.other_member)
    followed = client.post(reverse("signals:need_follow", args=[need.pk]))
    assert followed.status_code == 302
    client.post(reverse("signals:need_follow", args=[need.pk]))  # twice stays one
    assert need.followers.count() == 1
    services.need_move(need=need, by=world.official_same, to=Need.Status.ANSWERING)
    told = Notice.objects.filter(kind=NEED_MOVED, user=world.other_member)
    assert told.count() == 1
    assert "vastaaminen käynnissä" in told.get().subject
    client.post(reverse("signals:need_follow", args=[need.pk]), {"follow": "0"})
    assert not need.followers.exists()


def test_a_draft_cannot_be_followed(client, world):
    need = _need(world)
    client.force_login(world.official_same)
    assert client.post(reverse("signals:need_follow", args=[need.pk])).status_code == 404
    with pytest.raises(DomainError):
        services.need_follow(need=need, user=world.official_same)
    assert not need.followers.exists()


def _observation(client, need, **fields):
    data = {
        "kind": "observation",
        "description": "Myös meidän kerhoomme tulee nuoria, joilla ei ole muuta paikkaa.",
        "municipality": municipality("853").pk,
        "organisation": fields.pop("organisation"),
        "sender_name": "Aino",
        "need": need.pk,
    }
    data.update(fields)
    return client.post(reverse("signals:submit"), data)


def test_an_ngo_sends_its_own_observation_to_a_public_need(client, world):
    need = _published(world)
    client.force_login(world.ngo_admin)
    page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert f"?need={need.pk}" in page.text
    form = client.get(reverse("signals:submit"), {"need": need.pk})
    assert form.status_code == 200
    assert need.title_fi in form.text
    sent = _observation(client, need, organisation=world.org_a.pk)
    assert sent.status_code == 302
    signal = need.signals.get()
    assert signal.organisation == world.org_a
    assert need.events.filter(action=NeedEvent.Action.OBSERVATION, note=signal.reference).exists()
    keepers = set(Notice.objects.filter(kind=NEED_OBSERVATION).values_list("user_id", flat=True))
    assert world.official_same.pk in keepers


def test_an_observation_to_another_body_is_refused_and_nothing_is_stored(client, world):
    need = _published(world)
    client.force_login(world.ngo_admin)
    sent = _observation(
        client, need, organisation=world.org_a.pk, municipality=municipality("734").pk
    )
    assert sent.status_code == 400
    assert "Myös meidän kerhoomme" in sent.text  # what was typed stays
    assert not need.signals.exists()
    assert not Signal.objects.filter(description__startswith="Myös meidän").exists()


def test_the_sender_without_an_account_sees_on_the_status_page_the_public_needs_it_fed(
    client, world
):
    from signals import services as signal_services

    signal, receipt = signal_services.signal_submit(
        fields={"kind": "worry", "description": "Nuoret notkuvat ostarilla.", "sender_name": "V"},
        municipality=municipality("853"),
        channel=Signal.Channel.ACCOUNT,
        language="fi",
        organisation=world.org_a,
    )
    draft = _need(world, signal, title_fi="Keskeneräinen tarve")
    published = _published(world, signal, title_fi="Nuorten illat ostarilla")
    url = reverse("signals:receipt", kwargs={"token": receipt})
    page = client.get(url)
    assert page.status_code == 200
    assert published.title_fi in page.text
    assert draft.title_fi not in page.text


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_the_links_made_before_it_their_signals_date(world):
    """0012 fills the date that 0011 added, for links made before it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    signal = SignalFactory(organisation=world.org_a)
    need = _need(world, signal)
    NeedSignal.objects.filter(need=need).update(signal_created_at=None)
    executor = MigrationExecutor(connection)
    executor.migrate([("signals", "0011_need_signal_date")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("signals", "0012_need_signal_date_backfill")])
    assert NeedSignal.objects.get(need=need).signal_created_at == signal.created_at
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
