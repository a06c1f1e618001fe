"""The city's NGO team opens the weekly digest, reviews a signal in the admin and
forwards it; the person outside the team answers through the link in the mail;
the team is told and finds the answer on its desk, shares it, and the sender
finds it on theirs: desk to desk."""

from __future__ import annotations

import re

from django.core import mail

from signals import services
from signals.models import Forward, Signal
from tests.browser.conftest import Journey
from tests.factories import municipality

ANSWER = "Nuorisopalvelut avaa illoiksi kaksi lisätilaa tammikuusta."


def test_the_team_reviews_forwards_and_the_recipient_answers(new_page, live_server, world):
    link, _token = services.link_create(by=world.ngo_admin, organisation=world.org_a)
    signal, _receipt = services.signal_submit(
        fields={"kind": "worry", "description": "Nuorilla ei ole iltaisin paikkaa olla."},
        municipality=municipality("853"),
        channel=Signal.Channel.ORGANISATION_LINK,
        language="fi",
        organisation=world.org_a,
        link=link,
    )
    services.digest_build()

    page = new_page(user=world.official_same, language="fi")
    journey = Journey(page)
    journey.goto("/signals/digests/")
    page.locator("main a[href^='/signals/digests/']").first.click()
    journey.scan()
    assert signal.reference in page.locator("main").inner_text()

    # The review, in the admin.
    journey.goto(f"/admin/signals/signal/{signal.pk}/change/")
    page.locator("#id_being_done").fill("Nuorisotalo on auki kahtena iltana viikossa.")
    page.locator("#id_could_be_done").fill("Lisää iltoja ja tiloja kauppakeskuksen lähelle.")
    page.locator("input[name=_continue]").click()
    journey.scan()
    signal.refresh_from_db()
    assert signal.being_done.startswith("Nuorisotalo")

    # Forwarded to the youth services, who are not in the team.
    journey.goto(f"/signals/{signal.pk}/")
    forward = page.locator("form[action$='/forward/']")
    forward.locator("input[name=email]").fill("nuorisopalvelut@turku.example.fi")
    forward.locator("textarea[name=message]").fill("Voisitteko kertoa, mitä on suunnitteilla?")
    forward.locator("button[type=submit]").click()
    journey.scan()
    journey.finish()

    message = next(m for m in mail.outbox if m.to == ["nuorisopalvelut@turku.example.fi"])
    url = re.search(r"https?://\S+/signals/answer/\S+/", message.body).group(0)
    page = new_page(language="fi")
    journey = Journey(page)
    journey.goto("/" + url.split("/", 3)[3])
    page.locator("textarea[name=answer]").fill(ANSWER)
    page.locator("main form button[type=submit]").click()
    journey.scan()
    assert Forward.objects.get().answer == ANSWER
    journey.finish()

    # The team was told, in the member's language, and the answer is on its desk.
    told = next(m for m in mail.outbox if m.to == [world.official_same.email])
    assert signal.reference in told.subject
    page = new_page(user=world.official_same, language="fi")
    journey = Journey(page)
    journey.goto("/my/tasks/")
    arrived = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Vastaukset niiltä"))
    )
    arrived.get_by_role("link", name=signal.reference).click()
    journey.scan()
    page.get_by_role("button", name="Näytä lähettäjälle").click()
    journey.scan()
    journey.finish()

    # The sender finds it on their own desk, and reads it.
    page = new_page(user=world.ngo_member, language="fi")
    journey = Journey(page)
    journey.goto("/my/tasks/")
    answered = page.locator(
        "section",
        has=page.get_by_role("heading", name=re.compile("^Signaalisi, joihin on vastattu")),
    )
    answered.get_by_role("link", name=signal.reference).click()
    journey.scan()
    main = page.locator("main").inner_text()
    assert ANSWER in main
    assert "vastattu" in main
    journey.finish()
