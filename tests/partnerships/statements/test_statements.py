"""Partnership statements for outside funding (issue 22): the NGO asks, the network
endorses where the body has one, the official gives a statement or letter of intent
(a PDF in the NGO's language) or declines, and the funder's yes makes the project
agreement from it, in force, pointing at the needs it answers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.errors import Disqualified, DomainError
from cooperation.models import Notice, PublicBody
from grants.models import Network
from partnerships.models import Agreement, StatementEvent, StatementRequest
from partnerships.statements import services
from partnerships.statements.services import ANSWERED, TO_ANSWER, TO_ENDORSE
from signals.models import Need
from signals.needs import services as need_services
from tests.factories import MembershipFactory, OfficialFactory, UserFactory, municipality
from tests.helpers.officials import give_totp
from tests.helpers.queries import get_counted
from tests.helpers.reading import pdf_text, problems

pytestmark = pytest.mark.django_db

FIELDS = {
    "language": "fi",
    "project_title": "Olohuone nuorille",
    "project_summary": "Iltaisin avoin olohuone Varissuon nuorille.",
    "funder": "stea",
    "funder_name": "",
    "funding_round": "STEA:n avustushaku 2027",
    "funder_deadline": None,
    "starts_on": date(2027, 1, 1),
    "ends_on": date(2029, 12, 31),
    "asked_commitment": "Tilat nuorisotalolta kahtena iltana viikossa\nNuorisotyöntekijä mukaan kerran kuussa",
    "budget_total": Decimal("240000.00"),
    "applied_from_funder": Decimal("200000.00"),
}


def _need(by, code="853", title="Nuorten illat"):
    need = need_services.need_create(
        by=by,
        municipality=municipality(code),
        fields={
            "title_fi": title,
            "summary_fi": "Kuvaus.",
            "title_sv": "Ungas kvällar",
            "summary_sv": "Beskrivning.",
        },
    )
    return need_services.need_move(need=need, by=by, to=Need.Status.PUBLISHED)


def _draft(world, **fields):
    return services.request_create(
        by=world.ngo_admin,
        organisation=world.org_a,
        municipality=municipality("853"),
        fields={**FIELDS, **fields},
    )


def _network(world, *members, needed=1):
    network = Network.objects.create(
        name="Elämänkaariverkosto",
        municipality=municipality("853"),
        endorsements_needed=needed,
        endorses_statements=True,
    )
    network.members.set(members)
    return network


def _post_form(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = str(value)
    return out


def _given(world, request=None, **fields):
    request = request or _draft(world, **fields)
    request = services.request_submit(request=request, by=world.ngo_admin)
    return services.statement_give(
        request=request,
        by=world.official_same,
        kind=StatementRequest.Kind.LETTER_OF_INTENT,
        statement="Turun kaupunki tukee hanketta ja on sen kumppani.",
        commitments="Tilat nuorisotalolta kahtena iltana viikossa\nNuorisotyöntekijä kerran kuussa",
        signer_title="hyvinvointijohtaja",
    )


# --- The whole way through the pages -------------------------------------------


def test_from_request_to_letter_of_intent_to_the_agreement_in_force(client, world, mailoutbox):
    need = _need(world.official_same)
    client.force_login(world.ngo_admin)
    first = client.get(reverse("partnerships:statement_create"))
    assert first.status_code == 200
    url = reverse("partnerships:statement_create") + f"?body={municipality('853').pk}"
    form = client.get(url)
    assert form.status_code == 200
    assert "Nuorten illat" in form.text  # the body's published needs are offered
    created = client.post(
        url, {**_post_form(FIELDS), "organisation": world.org_a.pk, "needs": [need.pk]}
    )
    assert created.status_code == 302
    request = StatementRequest.objects.get()
    assert request.status == StatementRequest.Status.DRAFT
    assert list(request.needs.all()) == [need]

    # A draft is the organisation's alone.
    client.force_login(world.official_same)
    assert (
        client.get(reverse("partnerships:statement_detail", args=[request.pk])).status_code == 404
    )

    client.force_login(world.ngo_admin)
    send = reverse("partnerships:statement_submit", args=[request.pk])
    asked = client.post(send)
    assert asked.status_code == 200  # the confirmation page
    assert "Lähetä" in asked.text
    assert client.post(send, {"confirmed": "1"}).status_code == 302
    request.refresh_from_db()
    assert (
        request.status == StatementRequest.Status.IN_PROCESSING
    )  # no network: the officials' turn
    assert Notice.objects.filter(kind=TO_ANSWER, user=world.official_same).exists()

    client.force_login(world.official_same)
    desk = client.get(reverse("cooperation:desk"))
    assert "Olohuone nuorille" in desk.text
    give = reverse("partnerships:statement_give", args=[request.pk])
    page = client.get(give)
    assert page.status_code == 200
    assert "Tilat nuorisotalolta" in page.text  # the NGO's ask prefills the commitments
    data = {
        "kind": "intent",
        "statement": "Turun kaupunki tukee hanketta.",
        "commitments": "Tilat nuorisotalolta kahtena iltana viikossa",
        "signer_title": "hyvinvointijohtaja",
    }
    confirm = client.post(give, data)
    assert confirm.status_code == 200
    assert "allekirjoita" in confirm.text.lower()
    assert StatementRequest.objects.get().status == StatementRequest.Status.IN_PROCESSING
    assert client.post(give, {**data, "confirmed": "1"}).status_code == 302
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.GIVEN
    assert request.signed_by == world.official_same
    told = Notice.objects.filter(kind=ANSWERED, user=world.ngo_admin).get()
    assert "Olohuone nuorille" in told.subject

    client.force_login(world.ngo_admin)
    letter = client.get(reverse("partnerships:statement_pdf", args=[request.pk]))
    assert letter.status_code == 200
    text = pdf_text(letter.getvalue())
    assert "Aiesopimus: Olohuone nuorille" in text
    assert "Tilat nuorisotalolta kahtena iltana viikossa" in text
    assert "hyvinvointijohtaja" in text
    assert "240 000,00 €" in text
    assert "Nuorten illat" in text

    funder = reverse("partnerships:statement_funder", args=[request.pk])
    decided = {"positive": "1", "decided_on": "2026-11-20"}
    assert client.post(funder, decided).status_code == 200  # confirm first
    done = client.post(funder, {**decided, "confirmed": "1"})
    agreement = Agreement.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("partnerships:agreement_detail", args=[agreement.pk])
    assert agreement.status == Agreement.Status.IN_FORCE
    assert agreement.kind == Agreement.Kind.PROJECT
    assert agreement.funder == "STEA"
    assert agreement.funder_decision == Agreement.FunderDecision.POSITIVE
    assert agreement.funder_decided_on == date(2026, 11, 20)
    assert [c.description for c in agreement.commitments.all()] == [
        "Tilat nuorisotalolta kahtena iltana viikossa"
    ]
    assert agreement.commitments.get().organisation is None  # the city's commitment
    assert list(agreement.needs.all()) == [need]
    assert list(agreement.organisations.all()) == [world.org_a]
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.AGREED
    assert request.agreement == agreement

    # The agreement, the statement and the need point at each other.
    page = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk]))
    assert request.reference in page.text
    assert "Nuorten illat" in page.text
    client.force_login(world.official_same)
    need_page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert "Olohuone nuorille" in need_page.text
    assert agreement.reference in need_page.text
    assert Notice.objects.filter(kind=services.FUNDER_DECIDED, user=world.official_same).exists()


def test_a_network_endorses_first_and_the_city_does_not_process_an_unendorsed_request(
    client, world
):
    member = UserFactory()
    _network(world, member)
    request = services.request_submit(request=_draft(world), by=world.ngo_admin)
    assert request.status == StatementRequest.Status.SUBMITTED
    assert Notice.objects.filter(kind=TO_ENDORSE, user=member).exists()
    assert not Notice.objects.filter(kind=TO_ANSWER).exists()

    # The official cannot answer yet.
    client.force_login(world.official_same)
    assert client.get(reverse("partnerships:statement_give", args=[request.pk])).status_code == 404
    with pytest.raises(DomainError):
        services.statement_give(
            request=request,
            by=world.official_same,
            kind="statement",
            statement="x",
            commitments="",
            signer_title="johtaja",
        )

    client.force_login(member)
    endorse = reverse("partnerships:statement_endorse", args=[request.pk])
    refused = client.post(endorse, {"endorse": "0", "note": ""})
    assert refused.status_code == 400
    assert "perustelut" in refused.text.lower()
    assert not request.endorsements.exists()
    assert client.post(endorse, {"endorse": "1", "note": "Hyvä hanke."}).status_code == 302
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.IN_PROCESSING
    assert Notice.objects.filter(kind=TO_ANSWER, user=world.official_same).exists()


def test_a_network_that_does_not_endorse_stops_the_request_and_tells_why(world):
    member = UserFactory()
    _network(world, member)
    request = services.request_submit(request=_draft(world), by=world.ngo_admin)
    request = services.request_endorse(
        request=request, by=member, endorse=False, note="Päällekkäinen kaupungin palvelun kanssa."
    )
    assert request.status == StatementRequest.Status.NOT_ENDORSED
    assert request.decline_reason.startswith("Päällekkäinen")
    assert Notice.objects.filter(kind=ANSWERED, user=world.ngo_admin).exists()


def test_nobody_decides_on_their_own_organisations_request(world):
    member = UserFactory()
    MembershipFactory(organisation=world.org_a, user=member)
    _network(world, member)
    request = services.request_submit(request=_draft(world), by=world.ngo_admin)
    assert not Notice.objects.filter(kind=TO_ENDORSE, user=member).exists()
    with pytest.raises(Disqualified):
        services.request_endorse(request=request, by=member, endorse=True)
    assert StatementEvent.objects.filter(
        request=request, action=StatementEvent.Action.DISQUALIFIED, actor=member
    ).exists()
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.SUBMITTED

    # An official who is a member of the NGO may not give the statement either.
    other = _draft(world, project_title="Toinen")
    other = services.request_submit(request=other, by=world.ngo_admin)
    MembershipFactory(organisation=world.org_a, user=world.official_same)
    with pytest.raises(Disqualified):
        services.statement_give(
            request=other,
            by=world.official_same,
            kind="statement",
            statement="Tuemme.",
            commitments="",
            signer_title="johtaja",
        )


def test_a_negative_decision_closes_the_statement_and_makes_no_agreement(world):
    request = _given(world)
    request = services.funder_decision_record(
        request=request, by=world.ngo_admin, positive=False, decided_on=date(2026, 11, 2)
    )
    assert request.status == StatementRequest.Status.CLOSED
    assert request.agreement is None
    assert not Agreement.objects.exists()


def test_the_letter_is_in_swedish_when_the_ngo_asked_in_swedish(client, world):
    request = _given(world, language="sv")
    client.force_login(world.ngo_admin)
    letter = client.get(reverse("partnerships:statement_pdf", args=[request.pk]))
    text = pdf_text(letter.getvalue())
    assert "Avsiktsförklaring" in text
    assert "Aiesopimus" not in text
    assert "240 000,00 €" in text


def test_user_text_is_escaped_on_the_page_and_in_the_letter(client, world):
    request = _given(world, project_title='<img src="http://127.0.0.1:9/x">Hanke')
    client.force_login(world.ngo_admin)
    page = client.get(reverse("partnerships:statement_detail", args=[request.pk]))
    assert '<img src="http://127.0.0.1:9/x">' not in page.text
    assert "&lt;img" in page.text
    letter = client.get(reverse("partnerships:statement_pdf", args=[request.pk]))
    # Printed as text (the line may wrap), never fetched.
    assert '<img src="http://127.0.0.1:9/x">Hanke' in pdf_text(letter.getvalue()).replace("\n", "")


# --- Who may and may not ---------------------------------------------------------


def test_only_the_parties_see_a_request(client, world):
    request = services.request_submit(request=_draft(world), by=world.ngo_admin)
    detail = reverse("partnerships:statement_detail", args=[request.pk])
    county = PublicBody.objects.counties().get()
    county_official = OfficialFactory(municipality=county).user
    give_totp(county_official)
    for user, status in [
        (world.ngo_member, 200),
        (world.official_same, 200),
        (world.coordinator, 200),
        (world.other_member, 404),
        (world.official_other, 404),
        (county_official, 404),
    ]:
        client.force_login(user)
        assert client.get(detail).status_code == status, user
    client.force_login(world.other_member)
    assert request.reference not in client.get(reverse("partnerships:statement_list")).text
    # Nobody but the body's officials answers; the NGO cannot give itself a statement.
    client.force_login(world.ngo_admin)
    assert client.get(reverse("partnerships:statement_give", args=[request.pk])).status_code == 404
    client.force_login(world.official_other)
    assert (
        client.post(
            reverse("partnerships:statement_decline", args=[request.pk]), {"reason": "x"}
        ).status_code
        == 404
    )


def test_the_county_answers_the_requests_made_to_it(world):
    county = PublicBody.objects.counties().get()
    county_official = OfficialFactory(municipality=county).user
    request = services.request_create(
        by=world.ngo_admin, organisation=world.org_a, municipality=county, fields=FIELDS
    )
    request = services.request_submit(request=request, by=world.ngo_admin)
    assert Notice.objects.filter(kind=TO_ANSWER, user=county_official).exists()
    assert not Notice.objects.filter(kind=TO_ANSWER, user=world.official_same).exists()


# --- Bad input ----------------------------------------------------------------------


def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(client, world):
    client.force_login(world.ngo_admin)
    url = reverse("partnerships:statement_create") + f"?body={municipality('853').pk}"
    over = client.post(
        url, {**_post_form(FIELDS), "organisation": world.org_a.pk, "applied_from_funder": "300000"}
    )
    assert over.status_code == 400
    assert "ylittää" in over.text
    other = client.post(
        url, {**_post_form(FIELDS), "organisation": world.org_a.pk, "funder": "other"}
    )
    assert other.status_code == 400
    assert "Nimeä rahoittaja" in other.text
    assert 'value="Olohuone nuorille"' in other.text  # what was typed stays
    assert not StatementRequest.objects.exists()
    # Another organisation's name is not the NGO's to use.
    assert (
        client.post(url, {**_post_form(FIELDS), "organisation": world.org_b.pk}).status_code == 400
    )
    assert not StatementRequest.objects.exists()


def test_a_decline_needs_reasons_and_a_decision_cannot_be_in_the_future(client, world):
    request = services.request_submit(request=_draft(world), by=world.ngo_admin)
    client.force_login(world.official_same)
    refused = client.post(
        reverse("partnerships:statement_decline", args=[request.pk]), {"reason": ""}
    )
    assert refused.status_code == 400
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.IN_PROCESSING
    given = _given(world, request=_draft(world, project_title="Toinen"))
    with pytest.raises(DomainError):
        services.funder_decision_record(
            request=given,
            by=world.ngo_admin,
            positive=True,
            decided_on=timezone.localdate() + timedelta(days=1),
        )
    given.refresh_from_db()
    assert given.status == StatementRequest.Status.GIVEN
    assert not Agreement.objects.exists()


def test_a_letter_of_intent_without_commitments_is_refused(world):
    request = services.request_submit(request=_draft(world), by=world.ngo_admin)
    with pytest.raises(DomainError):
        services.statement_give(
            request=request,
            by=world.official_same,
            kind="intent",
            statement="Tuemme.",
            commitments="  ",
            signer_title="johtaja",
        )
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.IN_PROCESSING


# --- What a person reads, and the query counts ---------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_pages_read_right_in_finnish_and_swedish(client, world, language):
    request = _given(world)
    for user in (world.ngo_admin, world.official_same):
        user.preferred_language = language
        user.save()
        client.force_login(user)
        for url in (
            reverse("partnerships:statement_list"),
            reverse("partnerships:statement_detail", args=[request.pk]),
        ):
            page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert page.status_code == 200
            assert problems(page.text, language) == [], url


def test_the_list_and_the_page_run_the_same_queries_for_few_and_many(client, world):
    request = _given(world)
    client.force_login(world.official_same)
    list_url = reverse("partnerships:statement_list")
    detail_url = reverse("partnerships:statement_detail", args=[request.pk])
    client.get(list_url)
    few = len(get_counted(client, list_url)[1])
    detail_few = len(get_counted(client, detail_url)[1])
    for number in range(15):
        services.request_submit(
            request=_draft(world, project_title=f"Hanke {number}"), by=world.ngo_admin
        )
    need = _need(world.official_same, title="Toinen tarve")
    request.needs.add(need, _need(world.official_same, title="Kolmas tarve"))
    assert len(get_counted(client, list_url)[1]) == few
    assert len(get_counted(client, detail_url)[1]) == detail_few
