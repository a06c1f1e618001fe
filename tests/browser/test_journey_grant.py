"""NGO staff apply for a grant with a budget and a PDF attachment and save a
draft; an admin of the organisation submits; after the decision they file the
grant-use report. With the mouse, and once with the keyboard alone."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from cooperation.models import OfficialRole
from grants import services
from grants.models import Application, UseReport
from tests.browser.conftest import Journey, Keyboard
from tests.helpers.files import pdf_bytes
from tests.helpers.grants import close, make_call, submitted
from tests.helpers.grants import decide as decide_after_closing
from tests.helpers.officials import official_with


def _attachment(tmp_path):
    path = tmp_path / "toimintasuunnitelma.pdf"
    path.write_bytes(pdf_bytes())
    return path


def _decide(application):
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    services.application_screen(application=application, by=officer, eligible=True)
    decide_after_closing(
        application=application, by=officer, grant=True, amount=Decimal("1200"), reasoning="Hyvä."
    )


def _submit_as_admin(new_page, world, application, keyboard: bool):
    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    journey.goto(f"/grants/applications/{application.pk}/")
    submit = f"form[action='/grants/applications/{application.pk}/submit/'] button"
    if keyboard:
        Keyboard(page).press(submit)
    else:
        page.locator(submit).click()
    journey.scan()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    return journey


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_ngo_staff_apply_the_admin_submits_and_they_report(
    new_page, live_server, world, tmp_path, keyboard
):
    call = make_call()
    page = new_page(user=world.ngo_member, language="fi")
    journey = Journey(page)
    keys = Keyboard(page)
    journey.goto(f"/grants/calls/{call.pk}/")

    # Start: the title; then the activity, the budget and the sum asked.
    if keyboard:
        keys.type("#id_title", "Olohuone ikäihmisille")
        keys.press("form[action$='/apply/'] button[type=submit]")
    else:
        page.locator("#id_title").fill("Olohuone ikäihmisille")
        page.locator("form[action$='/apply/'] button[type=submit]").click()
    journey.scan()
    application = Application.objects.get()
    assert page.url.endswith(f"/grants/applications/{application.pk}/edit/")

    turku = f"input[name='activity-municipalities'][value='{call.municipality_id}']"
    fields = [
        ("#id_activity-purpose", "Avoin kohtaamispaikka ikäihmisille kahdesti viikossa."),
        ("#id_budget-0-description", "Tilavuokra"),
        ("#id_budget-0-amount", "1 500,00"),
        ("#id_budget-1-description", "Osallistumismaksut"),
        ("#id_budget-1-amount", "300"),
        ("#id_funding-requested_amount", "1 200,00"),
    ]
    if keyboard:
        keys.check(turku)
        for selector, text in fields[:1]:
            keys.type(selector, text)
        keys.tab_to("#id_budget-0-kind")
        page.keyboard.press("Home")  # the first kind: a cost
        keys.type(*fields[1])
        keys.type(*fields[2])
        keys.tab_to("#id_budget-1-kind")
        page.keyboard.press("End")  # the last kind: income
        for selector, text in fields[3:]:
            keys.type(selector, text)
        keys.press("main form button[type=submit]")
    else:
        page.locator(turku).check()
        page.locator("#id_budget-0-kind").select_option("cost")
        page.locator("#id_budget-1-kind").select_option("income")
        for selector, text in fields:
            page.locator(selector).fill(text)
        page.locator("main form button[type=submit]").first.click()
    journey.scan()
    application.refresh_from_db()
    assert application.requested_amount == Decimal("1200.00")
    assert sorted(application.budget_lines.values_list("kind", "amount")) == [
        ("cost", Decimal("1500.00")),
        ("income", Decimal("300.00")),
    ]

    # The action plan as a PDF (the file chooser is the browser's own dialog).
    # It is in the same form as the text: adding it saves what was typed too.
    page.locator("#id_attachment-file").set_input_files(_attachment(tmp_path))
    if keyboard:
        keys.press("button[name=add_attachment]")
    else:
        page.locator("button[name=add_attachment]").click()
    journey.scan()
    assert application.attachments.count() == 1
    assert application.status == Application.Status.DRAFT  # a member cannot submit
    journey.finish()

    _submit_as_admin(new_page, world, application, keyboard).finish()

    # Granted; the report of the grant's use is filed by the organisation.
    _decide(application)
    report = UseReport.objects.get(application=application)
    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    keys = Keyboard(page)
    journey.goto(f"/grants/reports/{report.pk}/")
    what = "Olohuone kokoontui 80 kertaa, keskimäärin 14 kävijää."
    if keyboard:
        keys.type("#id_what_was_done", what)
        keys.tab_to("#id_budget-0-kind")
        page.keyboard.press("Home")  # a cost
        keys.type("#id_budget-0-description", "Tilavuokra")
        keys.type("#id_budget-0-amount", "1 200,00")
        keys.press("button[name=action][value=submit]")
    else:
        page.locator("#id_what_was_done").fill(what)
        page.locator("#id_budget-0-kind").select_option("cost")
        page.locator("#id_budget-0-description").fill("Tilavuokra")
        page.locator("#id_budget-0-amount").fill("1 200,00")
        page.locator("button[name=action][value=submit]").click()
    journey.scan()
    report.refresh_from_db()
    assert report.what_was_done == what
    assert report.submitted_at is not None
    journey.finish()


def test_a_grant_officer_reviews_decides_and_the_letter_reads_right(new_page, live_server, world):
    call = make_call()
    application = submitted(call, world.org_a, world.ngo_admin)
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    call.reviewers.add(officer)  # this officer also scores the applications
    page = new_page(user=officer, language="fi")
    journey = Journey(page)
    journey.goto(f"/grants/applications/{application.pk}/")

    page.locator("#id_eligible_0").check()
    page.locator("form[action$='/screen/'] button[type=submit]").click()
    journey.scan()
    page.locator(f"main a[href='/grants/applications/{application.pk}/review/']").click()
    journey.scan()
    for select in page.locator("main select[name^=score_]").all():
        select.select_option(index=3)
    page.locator("#id_comment").fill("Selkeä suunnitelma, kohtuullinen budjetti.")
    page.locator("button[name=action][value=submit]").click()
    journey.scan()

    close(application.call)  # an annual call is decided once it has closed
    journey.goto(f"/grants/applications/{application.pk}/")
    page.locator(f"main a[href='/grants/applications/{application.pk}/decide/']").click()
    journey.scan()
    page.locator("#id_grant_0").check()
    page.locator("#id_amount").fill("1 200,00")
    page.locator("#id_reasoning").fill("Toiminta vastaa avustuksen tarkoitusta.")
    page.locator("#id_decision_section").fill("§ 12")
    page.locator("main form button[name=step][value=preview]").click()
    journey.scan()
    # The letter as the applicant gets it; nothing is decided before confirming.
    assert "Oikaisuvaatimusohje" in page.locator("main .letter-preview").inner_text()
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    page.locator("main form button[name=step][value=confirm]").click()
    journey.scan()
    application.refresh_from_db()
    assert application.status == Application.Status.GRANTED
    assert application.granted_amount == Decimal("1200.00")

    letter = page.locator("main a[href$='/decision.pdf']").first.get_attribute("href")
    response = page.context.request.get(letter)
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert world.org_a.name in text
    # Finnish money: a no-break space between the thousands, a decimal comma.
    assert re.search(r"Myönnetty summa 1\s200,00\s€", text)
    assert "Toiminta vastaa avustuksen tarkoitusta." in text
    journey.finish()


def test_desk_to_desk_applicant_network_officer_and_back(new_page, live_server, world, tmp_path):
    """The application goes from the applicant to the network's desk, from there
    to the officer's, who asks for more, and back to the applicant's desk."""
    from django.core import mail

    from grants.models import Network

    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    member = official_with(OfficialRole.Role.LIAISON)
    network = Network.objects.create(
        name="Turun ikäihmisten verkosto", municipality=world.org_a.municipalities.first()
    )
    network.members.add(member)
    call = make_call(requires_endorsement=True, network=network)
    application = submitted(call, world.org_a, world.ngo_admin)
    assert any(m.to == [member.email] for m in mail.outbox)  # the network was told

    page = new_page(user=member, language="fi")
    journey = Journey(page)
    journey.goto("/my/tasks/")
    waiting = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Verkoston puoltoa"))
    )
    waiting.get_by_role("link", name=application.title).click()
    journey.scan()
    statement = page.locator(f"form[action='/grants/applications/{application.pk}/endorse/']")
    statement.get_by_label("Puollettu", exact=True).check()
    statement.locator("button[type=submit]").click()
    journey.scan()
    application.refresh_from_db()
    assert application.status == Application.Status.ENDORSED
    journey.finish()

    page = new_page(user=officer, language="fi")
    journey = Journey(page)
    journey.goto("/my/tasks/")
    to_screen = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Esikäsiteltävät"))
    )
    to_screen.get_by_role("link", name=application.title).click()
    journey.scan()
    ask = page.locator(f"form[action='/grants/applications/{application.pk}/request-info/']")
    ask.locator("input[value=budget]").check()
    ask.locator("textarea").fill("Erittelisittekö ohjaajan palkkion?")
    ask.locator("button[type=submit]").click()
    journey.scan()
    application.refresh_from_db()
    assert application.status == Application.Status.INFO_REQUESTED
    journey.finish()

    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    journey.goto("/my/tasks/")
    asked = page.locator(
        "section",
        has=page.get_by_role("heading", name=re.compile("^Hakemukset, joihin on pyydetty")),
    )
    asked.get_by_role("link", name=application.title).click()
    journey.scan()
    assert "Erittelisittekö ohjaajan palkkion?" in page.locator("main").inner_text()
    journey.finish()
