"""Redis stopped: the cache misses instead of failing, so pages still answer and
every signal sent is stored (and so goes into the next digest)."""

import logging

import pytest
from django.core.cache import caches
from django.urls import reverse

from signals import services
from signals.models import Signal

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "cooperation.lib.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = DEAD_REDIS
    caches._settings = None
    yield
    caches._settings = None


def test_pages_answer_while_redis_is_down(client, world, redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="cooperation.lib.cache")
    for name in ("cooperation:home", "cooperation:directory", "grants:call_list"):
        assert client.get(reverse(name)).status_code == 200
    assert any("cache unavailable" in r.getMessage() for r in caplog.records)


def test_a_signal_sent_while_redis_is_down_is_stored_and_goes_into_the_digest(
    client, world, redis_down
):
    _link, token = services.link_create(by=world.ngo_admin, organisation=world.org_a)
    response = client.post(
        reverse("signals:link_submit", args=[token]),
        {
            "kind": "worry",
            "description": "Nuorilla ei ole iltaisin paikkaa olla.",
            "municipality": world.org_a.municipalities.first().pk,
            "sender_name": "Ville",
            "sender_email": "ville@example.fi",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    signal = Signal.objects.get()
    services.digest_build()
    signal.refresh_from_db()
    assert signal.digest is not None


def test_healthz_tells_that_redis_is_down(client, redis_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["redis"] == "error"
