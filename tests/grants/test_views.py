"""The grant pages: calls and guidelines in public, the applicant's draft and
submission, the officer's handling, reviews, decisions and reports."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from grants import services
from grants.models import Application, UseReport
from tests.helpers.files import pdf_bytes, pdf_upload
from tests.helpers.grants import close, complete_draft, in_review, make_call, submitted
from tests.helpers.grants import decide as decide_after_closing
from tests.helpers.queries import page_queries

S = Application.Status


def _budget_post(lines, prefix="budget"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(lines)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }
    for index, (kind, description, amount) in enumerate(lines):
        data[f"{prefix}-{index}-kind"] = kind
        data[f"{prefix}-{index}-description"] = description
        data[f"{prefix}-{index}-amount"] = amount
    return data


# --- Public pages ----------------------------------------------------------


def test_the_public_sees_open_and_upcoming_calls_and_their_guidelines(client, grants):
    from datetime import timedelta

    from django.utils import timezone

    upcoming = make_call(
        title_fi="Pienavustukset",
        opens_at=timezone.now() + timedelta(days=10),
        closes_at=timezone.now() + timedelta(days=40),
    )
    hidden = make_call(title_fi="Valmisteilla", is_published=False)
    page = client.get(reverse("grants:call_list")).content.decode()
    assert grants.call.title_fi in page
    assert upcoming.title_fi in page
    assert hidden.title_fi not in page
    detail = client.get(reverse("grants:call_detail", args=[grants.call.pk])).content.decode()
    assert "Avustusta voi hakea rekisteröity yhdistys." in detail
    assert "Vaikuttavuus" in detail
    assert client.get(reverse("grants:call_detail", args=[hidden.pk])).status_code == 404


def test_guidelines_are_shown_in_the_readers_language_and_escaped(client, grants):
    grants.call.guidelines_sv = "<script>alert('x')</script> Riktlinjer"
    grants.call.save()
    client.cookies["django_language"] = "sv"
    page = client.get(
        reverse("grants:call_detail", args=[grants.call.pk]), HTTP_ACCEPT_LANGUAGE="sv"
    ).content.decode()
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page


def test_the_calendar_shows_each_municipality_by_month(client, grants):
    from django.utils import timezone

    year = timezone.localtime(grants.call.opens_at).year
    page = client.get(reverse("grants:call_calendar"), {"year": year}).content.decode()
    assert "Turku" in page
    assert grants.call.title_fi in page
    assert client.get(reverse("grants:call_calendar"), {"year": "nonsense"}).status_code == 200


def test_decisions_are_public_only_once_published_and_export_as_csv(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    decide_after_closing(
        application=application,
        by=grants.officer,
        grant=True,
        amount=Decimal("1234.50"),
        reasoning="Ok.",
    )
    url = reverse("grants:call_decisions", args=[grants.call.pk])
    assert client.get(url).status_code == 404
    services.call_publish_decisions(call=grants.call, by=grants.officer)
    page = client.get(url).content.decode()
    assert world.org_a.name in page
    assert "1\xa0234,50\xa0€" in page
    csv_text = client.get(
        reverse("grants:call_decisions_csv", args=[grants.call.pk])
    ).content.decode("utf-8-sig")
    assert f"{world.org_a.name};;Olohuonetoiminta;1234,50" in csv_text


def test_a_formula_in_csv_is_neutralised(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    Application.objects.filter(pk=application.pk).update(title="=HYPERLINK(1)")
    decide_after_closing(
        application=application, by=grants.officer, grant=True, amount=Decimal("1"), reasoning="Ok."
    )
    services.call_publish_decisions(call=grants.call, by=grants.officer)
    csv_text = client.get(
        reverse("grants:call_decisions_csv", args=[grants.call.pk])
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv_text


# --- Applying --------------------------------------------------------------


def test_an_ngo_writes_saves_and_an_admin_submits_in_the_browser(
    client, grants, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ngo_member)
    response = client.post(
        reverse("grants:application_start", args=[grants.call.pk]),
        {"organisation": world.org_a.pk, "title": "Kerho"},
    )
    application = Application.objects.get()
    assert response.url == reverse("grants:application_edit", args=[application.pk])
    data = {
        "activity-title": "Kerho nuorille",
        "activity-purpose": "Viikoittainen kerho.",
        "activity-language": "sv",
        "activity-municipalities": [grants.call.municipality.pk],
        "funding-requested_amount": "1 500,00",
        "funding-other_funding": "",
        **_budget_post(
            [("cost", "Vuokra", "2000,00"), ("income", "Maksut", "500"), ("cost", "", "")]
        ),
    }
    response = client.post(reverse("grants:application_edit", args=[application.pk]), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.requested_amount == Decimal("1500.00")
    assert application.language == "sv"
    assert application.budget_lines.count() == 2
    response = client.post(
        reverse("grants:attachment_upload", args=[application.pk]),
        {"kind": "action_plan", "file": pdf_upload()},
    )
    assert application.attachments.count() == 1
    # A member cannot submit; the admin can.
    assert (
        client.post(reverse("grants:application_submit", args=[application.pk])).status_code == 404
    )
    client.force_login(world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("grants:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    # The receipt to the applicant, and the officer's notice of a new application.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.ngo_admin.email, grants.officer.email]
    )


def test_a_budget_with_bad_numbers_is_refused_and_nothing_is_saved(client, grants, world):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    client.force_login(world.ngo_admin)
    data = {
        "activity-title": "Uusi nimi",
        "activity-purpose": "X",
        "activity-language": "fi",
        "funding-requested_amount": "-5",
        **_budget_post([("cost", "Vuokra", "paljon"), ("cost", "Ohjaaja", "99999999999999")]),
    }
    response = client.post(reverse("grants:application_edit", args=[application.pk]), data)
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.title == "Olohuonetoiminta"
    assert application.requested_amount == Decimal("3000.00")
    assert application.budget_lines.count() == 2


def test_a_disguised_attachment_is_refused_with_a_message(client, grants, world):
    application = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="X"
    )
    client.force_login(world.ngo_admin)
    response = client.post(
        reverse("grants:attachment_upload", args=[application.pk]),
        {"kind": "action_plan", "file": pdf_upload("liite.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)},
        follow=True,
    )
    assert "not a PDF" in response.content.decode()
    assert not application.attachments.exists()


def test_attachments_are_served_only_to_those_who_may_see_the_application(client, grants, world):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    attachment = application.attachments.get()
    url = reverse("grants:attachment_download", args=[attachment.pk])
    for user, status in [
        (world.ngo_member, 200),
        (grants.officer, 200),
        (world.other_member, 404),
        (grants.officer_salo, 404),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            assert b"".join(response.streaming_content) == pdf_bytes()
            assert response["Content-Disposition"].startswith("attachment")


def test_submission_after_the_deadline_shows_why(client, grants, world):
    from datetime import timedelta

    from django.utils import timezone

    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    grants.call.closes_at = timezone.now() - timedelta(minutes=1)
    grants.call.opens_at = timezone.now() - timedelta(days=10)
    grants.call.save()
    client.force_login(world.ngo_admin)
    response = client.post(reverse("grants:application_submit", args=[application.pk]), follow=True)
    assert "applications can no longer be submitted" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.DRAFT


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "hakemuksia ei voi enää lähettää"),
        ("sv", "ansökningar kan inte längre lämnas in"),
    ],
)
def test_refusals_are_in_the_readers_language(client, grants, world, language, expected):
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    grants.call.opens_at = timezone.now() - timedelta(days=10)
    grants.call.closes_at = timezone.now() - timedelta(minutes=1)
    grants.call.save()
    client.force_login(world.ngo_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("grants:application_submit", args=[application.pk]), follow=True)
    assert expected in response.content.decode()


# --- Officer, reviewer, network --------------------------------------------

DECISION = {
    "decision_maker": "Hyvinvointilautakunta",
    "decision_maker_title": "",
    "decision_date": "15.1.2027",
    "decision_section": "§ 12",
    "contact_person": "Maija Virkailija, maija.virkailija@turku.example.fi",
    "payment_terms": "Maksetaan kahdessa erässä.",
    "conditions": "",
}


def test_the_officer_screens_asks_for_more_and_decides(
    client, grants, world, django_capture_on_commit_callbacks
):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    client.force_login(grants.officer)
    detail = reverse("grants:application_detail", args=[application.pk])
    assert "Record the screening" in client.get(detail).content.decode()
    client.post(reverse("grants:application_screen", args=[application.pk]), {"eligible": "1"})
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    close(grants.call)
    url = reverse("grants:application_decide", args=[application.pk])
    typed = {
        **DECISION,
        "grant": "1",
        "amount": "999999",
        "reasoning": "Liikaa.",
        "step": "confirm",
    }
    response = client.post(url, typed)
    assert response.status_code == 400
    assert "cannot exceed the amount applied for" in response.content.decode()
    # What was typed is still there to correct.
    assert "Liikaa." in response.content.decode()
    typed = {**DECISION, "grant": "1", "amount": "2000,00", "reasoning": "Hyvä."}
    preview = client.post(url, {**typed, "step": "preview"})
    assert preview.status_code == 200
    assert "Oikaisuvaatimusohje" in preview.content.decode()
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW  # the preview decides nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**typed, "step": "confirm"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.granted_amount == Decimal("2000.00")
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"


def test_an_invalid_screening_form_is_answered_with_400(client, grants, world):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    client.force_login(grants.officer)
    response = client.post(
        reverse("grants:application_screen", args=[application.pk]), {"eligible": "maybe"}
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_a_reviewer_scores_and_then_sees_the_others(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    first, second = grants.call.criteria.all()
    client.force_login(grants.reviewer)
    url = reverse("grants:application_review", args=[application.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "submit", f"score_{first.pk}": "4"})
    assert response.status_code == 400
    client.post(
        url,
        {
            "action": "submit",
            f"score_{first.pk}": "4",
            f"score_{second.pk}": "na",
            "comment": "Hyvä",
        },
    )
    review = application.reviews.get()
    assert review.submitted_at is not None
    page = client.get(url).content.decode()
    assert "4,00 / 5" in page


def test_the_network_endorses_from_the_application_page(client, grants, world):
    call = make_call(requires_endorsement=True, network=grants.network)
    application = submitted(call, world.org_a, world.ngo_admin)
    client.force_login(grants.network_member)
    client.post(
        reverse("grants:application_endorse", args=[application.pk]),
        {"endorse": "1", "note": "Tarpeellinen."},
    )
    application.refresh_from_db()
    assert application.status == S.ENDORSED


# --- Reports ---------------------------------------------------------------


def test_the_organisation_reports_and_the_officer_approves(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    decide_after_closing(
        application=application,
        by=grants.officer,
        grant=True,
        amount=Decimal("3000"),
        reasoning="Ok.",
    )
    report = application.use_report
    client.force_login(world.ngo_member)
    url = reverse("grants:report_detail", args=[report.pk])
    response = client.post(
        url,
        {
            "what_was_done": "",
            "next_year_plan": "",
            "action": "submit",
            **_budget_post([("cost", "Vuokra", "3000")]),
        },
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "what_was_done": "Kerho kokoontui 40 kertaa.",
            "action": "submit",
            **_budget_post([("cost", "Vuokra", "3000")]),
        },
    )
    report.refresh_from_db()
    assert report.status == UseReport.Status.SUBMITTED
    client.force_login(grants.officer)
    client.post(reverse("grants:report_review", args=[report.pk]), {"approve": "1"})
    report.refresh_from_db()
    assert report.status == UseReport.Status.APPROVED


def test_a_refused_report_submission_keeps_what_was_written(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    decide_after_closing(
        application=application,
        by=grants.officer,
        grant=True,
        amount=Decimal("3000"),
        reasoning="Ok.",
    )
    report = application.use_report
    client.force_login(world.ngo_member)
    client.post(
        reverse("grants:report_detail", args=[report.pk]),
        {"what_was_done": "Teimme paljon.", "action": "submit", **_budget_post([])},
    )
    report.refresh_from_db()
    assert report.status == UseReport.Status.DRAFT
    assert report.what_was_done == "Teimme paljon."


# --- Query counts ----------------------------------------------------------


def _more_applications(grants, world, count):
    for _ in range(count):
        submitted(grants.call, world.org_a, world.ngo_admin)


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("officer", "grants:application_list"),
        ("ngo_admin", "grants:application_list"),
        ("anonymous", "grants:call_list"),
    ],
)
def test_list_pages_have_a_fixed_query_count(client, grants, world, role, name):
    user = {"officer": grants.officer, "ngo_admin": world.ngo_admin, "anonymous": None}[role]
    if user:
        client.force_login(user)
    url = reverse(name)
    _more_applications(grants, world, 2)
    client.get(url)
    few = page_queries(client, url)
    _more_applications(grants, world, 8)
    make_call()
    assert page_queries(client, url) == few
    assert few <= 10


def test_the_application_page_has_a_fixed_query_count(client, grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    client.force_login(grants.officer)
    url = reverse("grants:application_detail", args=[application.pk])
    client.get(url)
    few = page_queries(client, url)
    from grants.models import ApplicationEvent, BudgetLine

    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, kind="cost", description=f"Rivi {n}", amount=1)
        for n in range(10)
    )
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(application=application, action="saved") for _ in range(10)
    )
    assert page_queries(client, url) == few


def test_withdrawing_asks_first_and_then_withdraws(client, grants, world):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    client.force_login(world.ngo_admin)
    url = reverse("grants:application_withdraw", args=[application.pk])
    asked = client.post(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert asked.status_code == 200
    text = asked.content.decode()
    assert f"Perutaanko hakemus {application.reference}" in text
    assert reverse("grants:application_detail", args=[application.pk]) in text  # Cancel
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def _edit_data(grants, title, lines=(("cost", "Vuokra", "2000,00"),), amount="2 000,00"):
    return {
        "activity-title": title,
        "activity-purpose": "Viikoittainen kerho.",
        "activity-language": "fi",
        "activity-municipalities": [grants.call.municipality.pk],
        "funding-requested_amount": amount,
        "funding-other_funding": "",
        **_budget_post(list(lines)),
    }


def test_adding_an_attachment_keeps_and_saves_what_was_typed(client, grants, world):
    application = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="Kerho"
    )
    client.force_login(world.ngo_admin)
    url = reverse("grants:application_edit", args=[application.pk])
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert page.count("<form") == page.count("</form>")
    response = client.post(
        url,
        {
            **_edit_data(grants, "Kerho nuorille, kirjoitettu juuri"),
            "add_attachment": "1",
            "attachment-kind": "action_plan",
            "attachment-file": pdf_upload(),
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Kerho nuorille, kirjoitettu juuri"
    assert application.attachments.count() == 1
    # Removing it saves what was typed too.
    attachment = application.attachments.get()
    client.post(
        url, {**_edit_data(grants, "Kerho, toinen versio"), "remove_attachment": attachment.pk}
    )
    application.refresh_from_db()
    assert application.title == "Kerho, toinen versio"
    assert not application.attachments.exists()


def test_a_refused_attachment_or_field_loses_nothing_typed_and_stores_nothing(
    client, grants, world
):
    application = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="Kerho"
    )
    client.force_login(world.ngo_admin)
    url = reverse("grants:application_edit", args=[application.pk])
    disguised = pdf_upload("liite.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    response = client.post(
        url,
        {
            **_edit_data(grants, "Tämä teksti ei katoa"),
            "add_attachment": "1",
            "attachment-kind": "action_plan",
            "attachment-file": disguised,
        },
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Tämä teksti ei katoa" in text
    assert "PDF" in text
    application.refresh_from_db()
    assert application.title == "Kerho"  # nothing stored half-way
    assert not application.attachments.exists()
    # A bad amount: the attachment is not added either, and the text stays on the page.
    response = client.post(
        url,
        {
            **_edit_data(grants, "Yhä tallessa", amount="paljon"),
            "add_attachment": "1",
            "attachment-kind": "action_plan",
            "attachment-file": pdf_upload(),
        },
    )
    assert response.status_code == 400
    assert "Yhä tallessa" in response.content.decode()
    assert not application.attachments.exists()


def test_another_applications_attachment_cannot_be_removed_through_the_editor(
    client, grants, world
):
    mine = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="Oma"
    )
    theirs = services.application_create(
        call=grants.call, organisation=world.org_b, by=world.other_member, title="Toisen"
    )
    services.attachment_add(
        application=theirs, kind="action_plan", upload=pdf_upload(), by=world.other_member
    )
    client.force_login(world.ngo_admin)
    response = client.post(
        reverse("grants:application_edit", args=[mine.pk]),
        {**_edit_data(grants, "Oma"), "remove_attachment": theirs.attachments.get().pk},
    )
    assert response.status_code == 404
    assert theirs.attachments.count() == 1


def test_the_editor_runs_the_same_queries_with_more_attachments(client, grants, world):
    application = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="Kerho"
    )
    client.force_login(world.ngo_admin)
    url = reverse("grants:application_edit", args=[application.pk])
    services.attachment_add(
        application=application, kind="action_plan", upload=pdf_upload(), by=world.ngo_admin
    )
    few = page_queries(client, url)
    for _ in range(3):
        services.attachment_add(
            application=application, kind="budget", upload=pdf_upload(), by=world.ngo_admin
        )
    assert page_queries(client, url) == few
