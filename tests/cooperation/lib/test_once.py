"""A form that creates something is taken once: posted twice, or twice at the
same moment, it stores one signal, application or booking."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cooperation.lib import once
from cooperation.models import UsedFormToken
from signals import services as signal_services
from signals.models import Signal
from tests.factories import municipality

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def _signal_form(**extra):
    data = {
        "kind": "silent_signal",
        "description": "Nuoret kertovat, ettei iltaisin ole paikkaa, jossa olla.",
        "area": "Varissuo",
        "sender_name": "Vapaaehtoinen Ville",
        "sender_email": "ville@example.fi",
        "municipality": municipality("853").pk,
    }
    data.update(extra)
    return data


def test_a_token_is_taken_once_and_a_failed_step_gives_it_back():
    once.use("abc")
    with pytest.raises(once.AlreadySent):
        once.use("abc")
    once.use("")  # no token: not checked
    once.use("")
    from django.db import transaction

    def failing_step():
        with transaction.atomic():
            once.use("def")
            raise RuntimeError("the step failed")

    with pytest.raises(RuntimeError):
        failing_step()
    once.use("def")  # the failed step's token was not kept


def test_the_same_signal_form_posted_again_stores_one_signal(client, world):
    _link, token = signal_services.link_create(by=world.ngo_admin, organisation=world.org_a)
    url = reverse("signals:link_submit", kwargs={"token": token})
    page = client.get(url).content.decode()
    form_token = _TOKEN.search(page).group(1)
    first = client.post(url, _signal_form(form_token=form_token))
    assert first.status_code == 302
    again = client.post(url, _signal_form(form_token=form_token), HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400
    assert "already sent" in again.content.decode()
    assert Signal.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_form_at_the_same_moment_store_one(region_data, world):
    from django.db import connections

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send():
        try:
            barrier.wait()
            signal_services.signal_submit(
                fields={
                    "kind": "silent_signal",
                    "description": "Sama lomake kahdesti",
                    "sender_name": "V",
                },
                municipality=municipality("853"),
                channel=Signal.Channel.ORGANISATION_LINK,
                language="fi",
                organisation=world.org_a,
                form_token="same-token",
            )
            outcomes.append("stored")
        except once.AlreadySent:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "stored"]
    assert Signal.objects.filter(description="Sama lomake kahdesti").count() == 1


def test_the_nightly_job_forgets_old_tokens_and_a_second_run_changes_nothing():
    once.use("old")
    UsedFormToken.objects.filter(token="old").update(used_at=timezone.now() - timedelta(days=3))
    once.use("new")
    assert once.purge() == 1
    assert once.purge() == 0
    assert list(UsedFormToken.objects.values_list("token", flat=True)) == ["new"]
