"""A volunteer sends a silent signal through the organisation's link, is stopped
by the personal-data check, fixes the text, gets a receipt, and later reads the
city's answer. In Finnish and in Swedish, and once with the keyboard alone."""

from __future__ import annotations

import pytest

from signals import services
from signals.models import Signal
from tests.browser.conftest import Journey, Keyboard

WORRY = "Nuoret viettävät iltoja kauppakeskuksessa, koska nuorisotila on suljettu."
WITH_PHONE = WORRY + " Lisätietoja antaa äiti numerosta 040 123 4567."
ANSWER = "Nuorisotila avataan uudelleen tammikuussa; kiitos viestistä."
WORDS = {
    "fi": {"refused": "puhelinnumero", "received": "Kiitos"},
    "sv": {"refused": "telefonnummer", "received": "Tack"},
}


def _link(world):
    _link, token = services.link_create(by=world.ngo_admin, organisation=world.org_a)
    return token


def _answer(world):
    signal = Signal.objects.get()
    services.signal_triage(
        signal=signal,
        by=world.official_same,
        fields={"answer": ANSWER},
        status=Signal.Status.CLOSED,
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_volunteer_sends_a_signal_and_reads_the_answer(new_page, live_server, world, language):
    token = _link(world)
    page = new_page(language=language)
    journey = Journey(page)
    journey.goto(f"/signals/send/{token}/")

    page.locator("#id_kind_0").check()
    page.locator("#id_description").fill(WITH_PHONE)
    page.locator("#id_municipality").select_option(label="Turku" if language == "fi" else "Åbo")
    page.locator("#id_sender_name").fill("Ville Vapaaehtoinen")
    page.locator("#id_sender_email").fill("ville@example.fi")
    page.get_by_role("button", name="Lähetä" if language == "fi" else "Skicka").click()
    journey.scan()
    # Stopped: the phone number is named, and nothing was stored.
    assert WORDS[language]["refused"] in page.locator("main").inner_text().lower()
    assert not Signal.objects.exists()

    page.locator("#id_description").fill(WORRY)
    page.get_by_role("button", name="Lähetä" if language == "fi" else "Skicka").click()
    journey.scan()
    assert "/signals/receipt/" in page.url
    receipt = page.url
    assert WORDS[language]["received"] in page.locator("main").inner_text()
    assert Signal.objects.get().description == WORRY

    _answer(world)
    journey.goto(receipt)
    assert ANSWER in page.locator("main").inner_text()
    journey.finish()


def test_the_signal_journey_with_the_keyboard_alone(new_page, live_server, world):
    token = _link(world)
    page = new_page(language="fi")
    journey = Journey(page)
    keys = Keyboard(page)
    journey.goto(f"/signals/send/{token}/")

    keys.check("#id_kind_0")
    keys.type("#id_description", WITH_PHONE)
    keys.tab_to("#id_municipality")
    page.keyboard.type("Turku")
    keys.type("#id_sender_name", "Ville Vapaaehtoinen")
    keys.type("#id_sender_email", "ville@example.fi")
    keys.press("main form button[type=submit]")
    journey.scan()
    assert "puhelinnumero" in page.locator("main").inner_text().lower()

    keys.type("#id_description", WORRY)
    keys.press("main form button[type=submit]")
    journey.scan()
    assert "/signals/receipt/" in page.url
    assert Signal.objects.get().municipality.code == "853"

    _answer(world)
    page.reload()
    journey.scan()
    assert ANSWER in page.locator("main").inner_text()
    journey.finish()
