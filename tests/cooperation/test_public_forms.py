"""The forms anyone may send without an account (forum registration,
accessibility feedback, signals through a link) are no open mail relay: a
honeypot, limits per address and per target, the 429 keeps what was typed, and
mail goes only to an address the portal has confirmed. The client address
behind a reverse proxy is believed only from TRUSTED_PROXIES."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cooperation.lib.throttle import client_address
from cooperation.models import AccessibilityFeedback, ForumEvent, ForumRegistration
from tests.factories import municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters(own_cache):
    """Counters of this test's own."""


@pytest.fixture
def forum(region_data):
    return ForumEvent.objects.create(
        municipality=municipality("853"),
        title="Järjestöfoorumi",
        place="Kaupungintalo",
        organisers="Turku",
        starts_at=timezone.now() + timedelta(days=5),
    )


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_an_anonymous_registration_is_shown_on_the_page_and_mails_nobody(client, forum):
    url = reverse("checklist:forum_detail", args=[forum.pk])
    response = client.post(
        url, {"name": "Hei <b>kaikki</b>", "email": "tehty@example.invalid"}, follow=True
    )
    assert response.status_code == 200
    page = _text(response)
    assert "Hei &lt;b&gt;kaikki&lt;/b&gt;" in page
    assert "tehty@example.invalid" in page
    assert mail.outbox == []
    assert ForumRegistration.objects.count() == 1


@pytest.mark.parametrize("view", ["forum", "accessibility"])
def test_the_honeypot_stops_a_robot(client, forum, view):
    url = (
        reverse("checklist:forum_detail", args=[forum.pk])
        if view == "forum"
        else reverse("cooperation:accessibility")
    )
    data = {"name": "Botti", "email": "b@example.fi", "message": "Ostakaa", "homepage": "x"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "The form could not be sent" in response.content.decode()
        or "Lomaketta ei voitu" in response.content.decode()
    )
    assert not ForumRegistration.objects.exists()
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("view", ["forum", "accessibility"])
def test_posts_from_one_address_are_limited_and_the_429_keeps_the_text(
    client, forum, settings, view
):
    settings.PUBLIC_FORM_RATE_LIMIT_PER_ADDRESS = 2
    if view == "forum":
        url = reverse("checklist:forum_detail", args=[forum.pk])
        posts = [{"name": f"Henkilö {n}", "email": f"h{n}@example.fi"} for n in range(3)]
    else:
        url = reverse("cooperation:accessibility")
        posts = [{"message": f"Painike {n} ei toimi näppäimistöllä"} for n in range(3)]
    for data in posts[:2]:
        assert client.post(url, data).status_code == 302
    refused = client.post(url, posts[2], HTTP_ACCEPT_LANGUAGE="fi")
    assert refused.status_code == 429
    page = _text(refused)
    assert "Nothing was sent" in page or "Mitään ei lähetetty" in page
    assert (posts[2].get("name") or posts[2]["message"]) in page  # what was typed is kept
    assert ForumRegistration.objects.count() + AccessibilityFeedback.objects.count() == 2
    # Another address is not stopped by this one's posts.
    other = client.post(url, posts[2], REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


def test_posts_to_one_forum_are_limited_from_every_address(client, forum, settings):
    settings.PUBLIC_FORM_RATE_LIMIT_PER_TARGET = 2
    url = reverse("checklist:forum_detail", args=[forum.pk])
    for n in range(2):
        data = {"name": f"H {n}", "email": f"h{n}@example.fi"}
        assert client.post(url, data, REMOTE_ADDR=f"198.51.100.{n + 1}").status_code == 302
    refused = client.post(
        url, {"name": "H 3", "email": "h3@example.fi"}, REMOTE_ADDR="198.51.100.50"
    )
    assert refused.status_code == 429
    assert ForumRegistration.objects.count() == 2


def _request(remote: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_forwarded_header_is_not_believed(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.7", "6.6.6.6")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_nearest_untrusted_address_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]
    # The proxy appends the address it saw; what the client wrote before it is not believed.
    assert client_address(_request("10.0.0.5", "6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    # Through two proxies of ours.
    assert client_address(_request("192.0.2.1", "203.0.113.8, 10.1.2.3")) == "203.0.113.8"
    # A request that does not come from a trusted proxy keeps its own address.
    assert client_address(_request("203.0.113.9", "10.0.0.1")) == "203.0.113.9"


def test_the_login_limit_counts_by_the_same_address(settings):
    from allauth.account.adapter import get_adapter

    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert get_adapter().get_client_ip(_request("10.0.0.5", "203.0.113.7")) == "203.0.113.7"
    settings.TRUSTED_PROXIES = []
    assert get_adapter().get_client_ip(_request("10.0.0.5", "203.0.113.7")) == "10.0.0.5"
