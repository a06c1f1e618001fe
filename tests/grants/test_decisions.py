"""A grant decision stands as a municipal decision: who decided, when and under
which section, on what grounds, the amount and its conditions, the payment
terms, whom to ask, and how to request a review, in the applicant's language.
The officer reads the letter before confirming it; an annual call is decided
only once it has closed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.appeal import instructions_for
from grants.models import Application, GrantCall
from grants.pdf import decision_letter_pdf
from tests.factories import municipality
from tests.helpers import reading
from tests.helpers.grants import close, in_review
from tests.helpers.queries import page_queries

pytestmark = pytest.mark.django_db

S = Application.Status
HELSINKI = ZoneInfo("Europe/Helsinki")
RECORD = services.DecisionRecord(
    decision_maker="Hyvinvointilautakunta",
    decision_maker_title="puheenjohtaja Riitta Rantanen",
    decision_date=date(2027, 1, 15),
    decision_section="§ 12",
    contact_person="Anneli Kujala, anneli.kujala@turku.example.fi",
    payment_terms="Avustus maksetaan kahdessa erässä.",
)
FORM = {
    "grant": "1",
    "amount": "1200,00",
    "conditions": "Avustus käytetään vuoden 2027 aikana.",
    "reasoning": "Toiminta vastaa haun tarkoitusta.",
    "payment_terms": "Maksetaan kahdessa erässä.",
    "decision_maker": "Hyvinvointilautakunta",
    "decision_maker_title": "",
    "decision_date": "15.1.2027",
    "decision_section": "§ 12",
    "contact_person": "Anneli Kujala, anneli.kujala@turku.example.fi",
}


def _granted(grants, world, language="fi"):
    application = in_review(grants, world.org_a, world.ngo_admin)
    Application.objects.filter(pk=application.pk).update(language=language)
    application.refresh_from_db()
    close(grants.call)
    return services.application_decide(
        application=application,
        by=grants.officer,
        grant=True,
        amount=Decimal("1200.00"),
        conditions="Avustus käytetään vuoden 2027 aikana.",
        reasoning="Toiminta vastaa haun tarkoitusta.",
        record=RECORD,
    )


# --- The letter ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "parts"),
    [
        (
            "fi",
            [
                "Päätös § 12 · 15.1.2027",
                "Myönnetty summa 1\xa0200,00\xa0€",
                "Perustelut",
                "Vaikuttavuus",
                "Toteutettavuus",
                "Toiminta vastaa haun tarkoitusta.",
                "Ehdot",
                "Avustus käytetään vuoden 2027 aikana.",
                "Maksaminen",
                "Avustus maksetaan kahdessa erässä.",
                "Päätöksentekijä",
                "Hyvinvointilautakunta, puheenjohtaja Riitta Rantanen",
                "Lisätietoja",
                "anneli.kujala@turku.example.fi",
                "Oikaisuvaatimusohje",
                "14 päivän kuluessa",
                "Oikaisuvaatimuksen vastaanottaja",
                "Turku – kirjaamo",
            ],
        ),
        (
            "sv",
            [
                "Beslut § 12 · 15.1.2027",
                "1\xa0200,00\xa0€",
                "Motivering",
                "Villkor",
                "Utbetalning",
                "Beslutsfattare",
                "Hyvinvointilautakunta, puheenjohtaja Riitta Rantanen",
                "Mer information",
                "Anvisning om begäran om omprövning",
                "inom 14 dagar",
                "Mottagare av begäran om omprövning",
            ],
        ),
    ],
)
def test_the_letter_carries_every_part_of_a_municipal_decision(grants, world, language, parts):
    application = _granted(grants, world, language)
    text = " ".join(reading.pdf_text(decision_letter_pdf(application)).split())
    missing = [part for part in parts if " ".join(part.split()) not in text]
    assert not missing, text
    assert reading.problems(text, language, html=False) == []


def test_the_applicant_gets_the_letter_once_after_commit(
    grants, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        application = _granted(grants, world)
        assert not [m for m in mail.outbox if m.attachments]  # not before the commit
    assert len(callbacks) >= 1
    letters = [m for m in mail.outbox if m.attachments and "decision" in m.attachments[0][0]]
    assert len(letters) == 1
    assert application.reference in letters[0].attachments[0][0]


def test_the_decision_keeps_the_instructions_it_was_made_with(grants, world):
    instructions = instructions_for(municipality("853"))
    instructions.text_fi = "Oikaisuvaatimus 14 päivässä Turun kaupungin kirjaamoon."
    instructions.save()
    application = _granted(grants, world)
    assert "Turun kaupungin kirjaamoon" in application.appeal_instructions
    instructions.text_fi = "Uusi sanamuoto."
    instructions.save()
    application.refresh_from_db()
    assert "Turun kaupungin kirjaamoon" in application.appeal_instructions
    assert "Uusi sanamuoto" not in reading.pdf_text(decision_letter_pdf(application))


def test_every_municipality_starts_with_the_default_instructions(region_data):
    from grants.models import AppealInstructions

    assert AppealInstructions.objects.count() >= 27
    turku = AppealInstructions.objects.get(municipality__code="853")
    assert "14 päivän kuluessa" in turku.text_fi
    assert "inom 14 dagar" in turku.text_sv


# --- When a call may be decided --------------------------------------------


def test_an_annual_call_is_not_decided_before_it_closes(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    with pytest.raises(services.TransitionRefused, match="after it closes"):
        services.application_decide(
            application=application, by=grants.officer, grant=False, reasoning="Ei."
        )
    client.force_login(grants.officer)
    url = reverse("grants:application_decide", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "after it closes" in page.content.decode()
    assert 'name="step"' not in page.content.decode()
    client.post(url, {**FORM, "step": "confirm"})
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert application.decided_at is None


def test_a_rolling_call_is_decided_while_it_is_open(grants, world):
    GrantCall.objects.filter(pk=grants.call.pk).update(kind=GrantCall.Kind.ROLLING)
    grants.call.refresh_from_db()
    application = in_review(grants, world.org_a, world.ngo_admin)
    assert grants.call.is_open()
    services.application_decide(
        application=application, by=grants.officer, grant=False, reasoning="Ei.", record=RECORD
    )
    application.refresh_from_db()
    assert application.status == S.REJECTED
    assert application.payment_terms == ""  # no grant, nothing to pay


@pytest.mark.parametrize(
    ("kind", "closes", "grant_year", "due"),
    [
        # "Järjestöjen yleisavustukset 2027", closing on 31.12.2026
        ("annual", datetime(2026, 12, 31, 16, tzinfo=HELSINKI), None, date(2028, 1, 31)),
        ("annual", datetime(2026, 3, 31, 16, tzinfo=HELSINKI), None, date(2027, 1, 31)),
        ("rolling", datetime(2026, 12, 31, 16, tzinfo=HELSINKI), None, date(2027, 1, 31)),
        ("annual", datetime(2026, 10, 1, 16, tzinfo=HELSINKI), 2026, date(2027, 1, 31)),
    ],
)
def test_the_report_is_due_at_the_end_of_january_after_the_grant_year(
    kind, closes, grant_year, due
):
    call = GrantCall(kind=kind, closes_at=closes, grant_year=grant_year)
    assert call.report_due_date == due


# --- The officer's two steps -----------------------------------------------


def test_the_officer_previews_changes_and_confirms(
    client, grants, world, django_capture_on_commit_callbacks
):
    application = in_review(grants, world.org_a, world.ngo_admin)
    close(grants.call)
    client.force_login(grants.officer)
    url = reverse("grants:application_decide", args=[application.pk])
    form = client.get(url).content.decode()
    assert "Anneli Kujala" in form or grants.officer.email in form  # the officer to begin with
    preview = client.post(url, {**FORM, "step": "preview"})
    assert preview.status_code == 200
    letter = preview.content.decode()
    assert "Oikaisuvaatimusohje" in letter  # in the applicant's language (Finnish)
    assert "1\xa0200,00\xa0€" in letter
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert not mail.outbox or not any(m.attachments for m in mail.outbox[1:])
    # Back to change it: everything typed is still there.
    again = client.post(url, {**FORM, "step": "edit"}).content.decode()
    assert "Toiminta vastaa haun tarkoitusta." in again
    assert "§ 12" in again
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**FORM, "step": "confirm"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == S.GRANTED
    assert application.decision_section == "§ 12"
    assert application.decision_date == date(2027, 1, 15)
    assert application.decision_maker == "Hyvinvointilautakunta"
    assert application.payment_terms == "Maksetaan kahdessa erässä."


def test_a_decision_without_its_section_is_refused_and_nothing_is_stored(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    close(grants.call)
    client.force_login(grants.officer)
    url = reverse("grants:application_decide", args=[application.pk])
    response = client.post(url, {**FORM, "decision_section": "", "step": "confirm"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert "Toiminta vastaa haun tarkoitusta." in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert application.decided_at is None


def test_another_municipalitys_officer_cannot_decide(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    close(grants.call)
    client.force_login(grants.officer_salo)
    url = reverse("grants:application_decide", args=[application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {**FORM, "step": "confirm"}).status_code == 404
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_the_decision_page_runs_the_same_queries_however_many_applications(client, grants, world):
    GrantCall.objects.filter(pk=grants.call.pk).update(kind=GrantCall.Kind.ROLLING)
    grants.call.refresh_from_db()
    application = in_review(grants, world.org_a, world.ngo_admin)
    client.force_login(grants.officer)
    url = reverse("grants:application_decide", args=[application.pk])
    page_queries(client, url)  # the session's first page loads it once
    first = page_queries(client, url)
    for _ in range(3):
        in_review(grants, world.org_b, world.other_member)
    assert page_queries(client, url) == first


def test_a_decision_made_long_ago_keeps_its_date_in_finnish_form(grants, world):
    application = _granted(grants, world)
    Application.objects.filter(pk=application.pk).update(
        decided_at=timezone.now() - timedelta(days=400)
    )
    application.refresh_from_db()
    assert "15.1.2027" in reading.pdf_text(decision_letter_pdf(application))


# --- The decision list -----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "parts"),
    [
        (
            "fi",
            ["Päätösluettelo", "Ei avustusta", "1\xa0200,00\xa0€", "§ 12", "Oikaisuvaatimusohje"],
        ),
        ("sv", ["Beslutsförteckning", "Inget bidrag", "1\xa0200,00\xa0€", "§ 12", "omprövning"]),
    ],
)
def test_the_decision_list_pdf_lists_every_decision_as_a_board_publishes_it(
    client, grants, world, language, parts
):
    granted = _granted(grants, world)
    services.call_publish_decisions(call=grants.call, by=grants.officer)
    rejected = Application.objects.create(
        call=grants.call,
        organisation=world.org_b,
        reference="A-REJECTED",
        title="Retkitoiminta",
        status=S.REJECTED,
        requested_amount=Decimal("800.00"),
        decision_section="§ 13",
    )
    client.cookies["django_language"] = language
    response = client.get(reverse("grants:call_decisions_pdf", args=[grants.call.pk]))
    assert response.status_code == 200
    text = reading.pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    flat = " ".join(text.split())
    missing = [
        p for p in parts if " ".join(p.split()) not in flat and p.casefold() not in flat.casefold()
    ]
    assert not missing, flat
    assert granted.organisation.name in flat
    assert rejected.title in flat
    assert reading.problems(text, language, html=False) == []


def test_the_decision_list_is_hidden_until_the_decisions_are_published(client, grants, world):
    _granted(grants, world)
    url = reverse("grants:call_decisions_pdf", args=[grants.call.pk])
    assert client.get(url).status_code == 404
    client.force_login(grants.officer_salo)
    assert client.get(url).status_code == 404
    client.force_login(grants.officer)
    assert client.get(url).status_code == 200
