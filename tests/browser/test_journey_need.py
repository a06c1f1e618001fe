"""The chain of issue 22 in a real browser, every page scanned with axe: a volunteer's
signal; Turku's NGO team gathers it into a need and publishes it; the NGO asks Turku
for a partnership statement for its STEA application, answering the need; the
official gives a letter of intent; the NGO records STEA's yes, which brings the
project agreement into force; the official opens its first follow-up and the NGO
reports what was done for the need, which the need's page then shows."""

from __future__ import annotations

from decimal import Decimal

from partnerships.models import Agreement, FollowUpRound, StatementRequest
from signals import services as signal_services
from signals.models import Need, Signal
from tests.browser.conftest import Journey

WORRY = "Nuoret viettävät iltoja kauppakeskuksessa, koska nuorisotila on suljettu."


def _confirm(page, journey):
    """The confirmation page of a binding step: confirm it."""
    journey.scan()
    page.locator("form.confirm-form button[type=submit]").click()
    journey.scan()


def test_from_a_volunteers_signal_to_the_agreements_first_follow_up(new_page, live_server, world):
    # A volunteer, without an account, sends a signal through the NGO's link.
    _link, token = signal_services.link_create(by=world.ngo_admin, organisation=world.org_a)
    page = new_page(language="fi")
    journey = Journey(page)
    journey.goto(f"/signals/send/{token}/")
    page.locator("#id_kind_0").check()
    page.locator("#id_description").fill(WORRY)
    page.locator("#id_municipality").select_option(label="Turku")
    page.locator("#id_sender_name").fill("Ville Vapaaehtoinen")
    page.locator("#id_sender_email").fill("ville@example.fi")
    page.get_by_role("button", name="Lähetä").click()
    journey.scan()
    receipt = page.url
    assert "/signals/receipt/" in receipt, page.locator("main").inner_text()
    journey.finish()
    signal = Signal.objects.get()

    # Turku's NGO team gathers it into a need and publishes it.
    page = new_page(user=world.official_same, language="fi")
    journey = Journey(page)
    journey.goto("/signals/needs/new/")
    page.locator("#id_municipality").select_option(label="Turku")
    page.locator("#id_title_fi").fill("Nuorten illat")
    page.locator("#id_summary_fi").fill("Nuorilla ei ole iltaisin paikkaa.")
    page.locator("#id_title_sv").fill("Ungas kvällar")
    page.locator("#id_summary_sv").fill("De unga har ingen plats på kvällarna.")
    page.locator("#id_areas").fill("Varissuo")
    page.locator("main form button[type=submit]").click()
    journey.scan()
    need = Need.objects.get()
    if not signal.is_accepted:  # a link's signal counts once the team has checked it
        signal_services.signal_check(signal=signal, by=world.official_same, accept=True)
    page.goto(f"{live_server.url}/signals/needs/{need.pk}/signals/?q=kauppakeskuksessa")
    journey.scan()
    page.locator(f"input[name=signals][value='{signal.pk}']").check()
    page.locator("main form[method=post] button[type=submit]").click()
    journey.scan()
    assert list(need.signals.all()) == [signal]
    page.locator("#id_to").select_option("published")
    page.get_by_role("button", name="Muuta tilaa").click()
    _confirm(page, journey)
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED
    journey.finish()

    # The volunteer's status page shows the public need the signal fed.
    page = new_page(language="fi")
    journey = Journey(page)
    journey.goto(receipt)
    assert "Nuorten illat" in page.locator("main").inner_text()
    journey.finish()

    # The NGO asks Turku to be its partner in a STEA application.
    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    journey.goto("/agreements/statements/new/")
    page.locator("#id_body").select_option(label="Turku")
    page.get_by_role("button", name="Jatka").click()
    journey.scan()
    for selector, text in [
        ("#id_project_title", "Olohuone nuorille"),
        ("#id_project_summary", "Iltaisin avoin olohuone Varissuon nuorille."),
        ("#id_funding_round", "STEA:n avustushaku 2027"),
        ("#id_starts_on", "2027-01-01"),
        ("#id_ends_on", "2029-12-31"),
        ("#id_asked_commitment", "Tilat nuorisotalolta kahtena iltana viikossa"),
        ("#id_budget_total", "240000"),
        ("#id_applied_from_funder", "200000"),
    ]:
        page.locator(selector).fill(text)
    page.locator("input[name=funder][value=stea]").check()
    page.locator(f"input[name=needs][value='{need.pk}']").check()
    page.locator("main form[method=post] button[type=submit]").click()
    journey.scan()
    request = StatementRequest.objects.get()
    page.get_by_role("button", name="Lähetä pyyntö").click()
    _confirm(page, journey)
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.IN_PROCESSING
    journey.finish()

    # The official gives a letter of intent, signed off in their name.
    page = new_page(user=world.official_same, language="fi")
    journey = Journey(page)
    journey.goto("/my/tasks/")
    page.get_by_role("link", name="Olohuone nuorille").first.click()
    journey.scan()
    page.get_by_role("link", name="Anna lausunto").click()
    journey.scan()
    page.locator("input[name=kind][value=intent]").check()
    page.locator("#id_statement").fill("Turun kaupunki tukee hanketta ja on sen kumppani.")
    page.locator("#id_signer_title").fill("hyvinvointijohtaja")
    page.locator("main form[method=post] button[type=submit]").click()
    _confirm(page, journey)
    request.refresh_from_db()
    assert request.status == StatementRequest.Status.GIVEN
    journey.finish()

    # STEA says yes: the NGO records it and the agreement comes into force.
    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    journey.goto(f"/agreements/statements/{request.pk}/")
    page.locator("input[name=positive][value='1']").check()
    page.locator("#id_decided_on").fill("2026-11-20")
    page.get_by_role("button", name="Kirjaa päätös").click()
    _confirm(page, journey)
    agreement = Agreement.objects.get()
    assert agreement.status == Agreement.Status.IN_FORCE
    assert f"/agreements/{agreement.pk}/" in page.url
    journey.finish()

    # The official opens the first follow-up; the NGO reports on the need.
    page = new_page(user=world.official_same, language="fi")
    journey = Journey(page)
    journey.goto(f"/agreements/{agreement.pk}/")
    page.get_by_role("button", name="Avaa seuraava seuranta").click()
    journey.scan()
    round_ = FollowUpRound.objects.get()
    journey.finish()

    page = new_page(user=world.ngo_admin, language="fi")
    journey = Journey(page)
    journey.goto(f"/agreements/follow-ups/{round_.pk}/")
    page.locator(f"#id_needs-need_{need.pk}_result").fill("Olohuone auki 80 iltana.")
    page.locator(f"#id_needs-need_{need.pk}_figure").fill("80")
    page.locator("input[name=needs_form]").locator("xpath=..").locator(
        "button[type=submit]"
    ).click()
    journey.scan()
    assert round_.need_results.get().figure == Decimal("80")
    journey.finish()

    # The need's page shows the whole trail to its officials.
    page = new_page(user=world.official_same, language="fi")
    journey = Journey(page)
    journey.goto(f"/signals/needs/{need.pk}/")
    trail = page.locator("main").inner_text()
    for expected in ("Olohuone nuorille", agreement.reference, "Olohuone auki 80 iltana. (80)"):
        assert expected in trail
    journey.finish()
