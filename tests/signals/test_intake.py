"""Sending signals: logged in, through an organisation link, through a municipality's
open link; the personal-data check, abuse limits and receipts."""

import smtplib

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from signals import services
from signals.models import Signal, SignalEvent
from tests.factories import municipality
from tests.helpers.queries import page_queries
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {
        "kind": "silent_signal",
        "description": "Nuoret kertovat, ettei iltaisin ole paikkaa, jossa olla.",
        "area": "Varissuo",
        "current_action": "Pidämme avointa iltaa kerran viikossa.",
        "proposal": "Nuorisotila auki myös perjantaisin.",
        "sender_name": "Vapaaehtoinen Ville",
        "sender_email": "ville@example.fi",
        "wants_answer": "on",
    }
    data.update(extra)
    return data


def test_ngo_staff_send_a_signal_logged_in_and_get_a_receipt(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ngo_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("signals:submit"),
            form_data(organisation=world.org_a.pk, municipality=municipality("853").pk),
        )
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert signal.channel == Signal.Channel.ACCOUNT
    assert signal.organisation == world.org_a
    assert signal.sender_user == world.ngo_member
    assert signal.is_accepted
    assert signal.digest is None
    assert signal.events.get().action == SignalEvent.Action.SUBMITTED
    receipt = client.get(response["Location"])
    assert signal.reference in receipt.content.decode()
    assert len(mail.outbox) == 1
    assert signal.reference in mail.outbox[0].subject


def test_a_member_cannot_send_in_the_name_of_another_organisation(client, world):
    client.force_login(world.ngo_member)
    response = client.post(
        reverse("signals:submit"),
        form_data(organisation=world.org_b.pk, municipality=municipality("853").pk),
    )
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_a_user_without_an_organisation_has_no_signal_form(client, world):
    client.force_login(world.official_same)
    assert client.get(reverse("signals:submit")).status_code == 404


def test_an_organisation_link_needs_no_account(client, world, org_link):
    link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(municipality=municipality("853").pk))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert (signal.organisation, signal.link, signal.is_accepted) == (world.org_a, link, True)
    status = client.get(reverse("signals:link_status", kwargs={"token": token}))
    assert signal.reference in status.content.decode()


def test_a_mail_server_that_is_down_does_not_lose_the_signal_or_fail_the_page(
    client, world, org_link, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(**kwargs):
        raise smtplib.SMTPServerDisconnected("mail server away")

    monkeypatch.setattr("signals.emails.send_receipt", refuse)
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(municipality=municipality("853").pk))
    assert response.status_code == 302
    assert "/signals/receipt/" in response["Location"]
    assert Signal.objects.count() == 1
    assert "receipt not mailed" in caplog.text


def test_the_open_link_asks_who_sends_and_the_signal_waits_for_the_check(client, world, open_link):
    _link, token = open_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    response = client.post(url, form_data(sender_email=""))
    assert response.status_code == 400
    assert "organisation_name" in response.context["form"].errors
    assert "sender_email" in response.context["form"].errors
    response = client.post(url, form_data(organisation_name="Uusi Yhdistys ry"))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.municipality.code == "853"
    assert not signal.is_accepted
    assert signal.channel == Signal.Channel.OPEN_LINK
    # The open link has no shared status page: it would show other senders' signals.
    assert client.get(reverse("signals:link_status", kwargs={"token": token})).status_code == 404


def test_a_revoked_link_stops_working(client, world, org_link):
    link, token = org_link
    services.link_revoke(link=link, by=world.ngo_admin)
    url = reverse("signals:link_submit", kwargs={"token": token})
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(municipality=municipality("853").pk)).status_code == 404
    assert client.get(reverse("signals:link_status", kwargs={"token": token})).status_code == 404
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("field", "text", "shown"),
    [
        ("description", "Asukas 131052-308T tarvitsee apua.", "131052-308T"),
        ("current_action", "Soitimme hänelle numeroon 040 123 4567.", "040 123 4567"),
        ("proposal", "Ottakaa yhteyttä maija@example.com", "maija@example.com"),
        ("area", "Varissuo, puh 0401234567", "0401234567"),
    ],
)
def test_personal_data_is_shown_to_the_sender_and_nothing_is_stored(
    client, world, org_link, field, text, shown
):
    _link, token = org_link
    response = client.post(
        reverse("signals:link_submit", kwargs={"token": token}),
        form_data(municipality=municipality("853").pk, **{field: text}),
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert shown in errors
    assert f"<mark>{shown}</mark>" in response.content.decode()
    assert not Signal.objects.exists()
    assert not SignalEvent.objects.exists()


def test_the_personal_data_message_is_translated(client, world, org_link):
    _link, token = org_link
    client.cookies["django_language"] = "sv"
    response = client.post(
        reverse("signals:link_submit", kwargs={"token": token}),
        form_data(municipality=municipality("853").pk, description="Ring 040 123 4567"),
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert "personuppgifter" in response.content.decode()


def test_the_service_itself_refuses_personal_data(world):
    with pytest.raises(services.PersonalDataFound) as caught:
        services.signal_submit(
            fields={"kind": "worry", "description": "Tunnus 131052-308T"},
            municipality=municipality("853"),
            channel=Signal.Channel.ACCOUNT,
            language="fi",
            organisation=world.org_a,
        )
    assert caught.value.findings["description"][0].text == "131052-308T"
    assert not Signal.objects.exists()


def test_a_filled_honeypot_stores_nothing(client, world, org_link):
    _link, token = org_link
    response = client.post(
        reverse("signals:link_submit", kwargs={"token": token}),
        form_data(municipality=municipality("853").pk, homepage="http://spam.example"),
    )
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_an_oversized_or_malformed_submission_gets_a_clear_error(client, world, org_link):
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    response = client.post(
        url, form_data(municipality=municipality("853").pk, description="x" * 5001)
    )
    assert response.status_code == 400
    assert "description" in response.context["form"].errors
    response = client.post(url, form_data(municipality="nonsense", kind="rumour"))
    assert set(response.context["form"].errors) >= {"municipality", "kind"}
    assert not Signal.objects.exists()


@override_settings(SIGNAL_RATE_LIMIT_PER_LINK=3, SIGNAL_RATE_LIMIT_PER_ADDRESS=100)
def test_a_link_is_rate_limited(client, world, org_link):
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    for _ in range(3):
        assert client.post(url, form_data(municipality=municipality("853").pk)).status_code == 302
    assert client.post(url, form_data(municipality=municipality("853").pk)).status_code == 429
    assert Signal.objects.count() == 3


@override_settings(SIGNAL_RATE_LIMIT_PER_LINK=100, SIGNAL_RATE_LIMIT_PER_ADDRESS=2)
def test_an_address_is_rate_limited_across_links(client, world, org_link, open_link):
    _l1, token1 = org_link
    _l2, token2 = open_link
    client.post(
        reverse("signals:link_submit", kwargs={"token": token1}),
        form_data(municipality=municipality("853").pk),
    )
    client.post(
        reverse("signals:link_submit", kwargs={"token": token2}),
        form_data(organisation_name="X ry"),
    )
    response = client.post(
        reverse("signals:link_submit", kwargs={"token": token1}),
        form_data(municipality=municipality("853").pk),
    )
    assert response.status_code == 429


def test_a_proposal_to_an_earlier_signal_is_linked_by_reference(client, world, org_link):
    earlier = SignalFactory()
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    bad = client.post(
        url,
        form_data(
            municipality=municipality("853").pk, kind="proposal", parent_reference="ZZZZ-9999"
        ),
    )
    assert "parent_reference" in bad.context["form"].errors
    client.post(
        url,
        form_data(
            municipality=municipality("853").pk,
            kind="proposal",
            parent_reference=earlier.reference.lower(),
        ),
    )
    proposal = Signal.objects.exclude(pk=earlier.pk).get()
    assert proposal.parent == earlier


def test_user_text_is_escaped_on_the_receipt(client, world, org_link):
    _link, token = org_link
    response = client.post(
        reverse("signals:link_submit", kwargs={"token": token}),
        form_data(municipality=municipality("853").pk, description="<script>alert(1)</script>"),
    )
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_a_wrong_receipt_token_is_404(client, db):
    assert client.get(reverse("signals:receipt", kwargs={"token": "nope"})).status_code == 404


def test_the_link_status_page_has_a_constant_query_count(client, world, org_link):
    link, token = org_link
    url = reverse("signals:link_status", kwargs={"token": token})
    SignalFactory(link=link, organisation=world.org_a)
    few = page_queries(client, url)
    SignalFactory.create_batch(20, link=link, organisation=world.org_a)
    assert page_queries(client, url) == few


def test_the_form_page_has_a_constant_query_count(client, world, org_link):
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    assert page_queries(client, url) <= 6


@override_settings(SIGNAL_RATE_LIMIT_PER_LINK=2, SIGNAL_RATE_LIMIT_PER_ADDRESS=100)
def test_invalid_posts_do_not_use_up_a_links_hour(client, world, org_link):
    """Anyone with the link could otherwise block it for its NGO with empty posts."""
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    for _ in range(5):
        assert client.post(url, form_data(description="")).status_code == 400
    for _ in range(2):
        assert client.post(url, form_data(municipality=municipality("853").pk)).status_code == 302
    full = client.post(
        url,
        form_data(
            municipality=municipality("853").pk, description="Yksinäisyys lisääntyy kerhossa"
        ),
    )
    assert full.status_code == 429
    # The form again, with what was typed.
    assert "Yksinäisyys lisääntyy kerhossa" in full.content.decode()
    assert Signal.objects.count() == 2


@override_settings(
    SIGNAL_RATE_LIMIT_PER_LINK=100,
    SIGNAL_RATE_LIMIT_PER_ADDRESS=100,
    SIGNAL_RATE_LIMIT_POSTS_PER_ADDRESS=3,
)
def test_a_burst_of_posts_from_one_address_is_refused_valid_or_not(client, world, org_link):
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    for _ in range(3):
        client.post(url, form_data(description=""))
    assert client.post(url, form_data(municipality=municipality("853").pk)).status_code == 429
    assert not Signal.objects.exists()


@override_settings(SIGNAL_RATE_LIMIT_PER_LINK=100, SIGNAL_RATE_LIMIT_PER_ADDRESS=2)
def test_refusals_for_personal_data_do_not_count_towards_the_address(client, world, org_link):
    """A volunteer who is told to remove a name, and does, is not locked out."""
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    named = form_data(
        municipality=municipality("853").pk, description="Matti Meikäläinen 010101-123N on yksin"
    )
    for _ in range(4):
        assert client.post(url, named).status_code == 400
    for _ in range(2):
        assert client.post(url, form_data(municipality=municipality("853").pk)).status_code == 302
    assert client.post(url, form_data(municipality=municipality("853").pk)).status_code == 429
    assert Signal.objects.count() == 2


@override_settings(
    SIGNAL_RATE_LIMIT_PER_LINK=100, SIGNAL_RATE_LIMIT_PER_ADDRESS=1, TRUSTED_PROXIES=["10.0.0.1"]
)
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, world, org_link):
    _link, token = org_link
    url = reverse("signals:link_submit", kwargs={"token": token})
    data = form_data(municipality=municipality("853").pk)
    first = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    second = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.20"}
    assert client.post(url, data, **first).status_code == 302
    assert client.post(url, data, **first).status_code == 429
    assert client.post(url, data, **second).status_code == 302
    # An address that is not a trusted proxy cannot claim to be someone else.
    forged = {"REMOTE_ADDR": "192.0.2.10", "HTTP_X_FORWARDED_FOR": "192.0.2.99"}
    assert client.post(url, data, **forged).status_code == 429
