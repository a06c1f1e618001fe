"""The core's notices: each event tells each person once, after the commit, in
their language; what could not be mailed goes with the next daily summary; old
ones are forgotten."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cooperation import extensions
from cooperation.extensions import NoticeKind, register_notice_kind
from cooperation.models import Delivery, Notice
from cooperation.notices import services
from cooperation.privacy.services import personal_data_retention
from tests.factories import UserFactory
from tests.helpers.queries import page_queries

pytestmark = pytest.mark.django_db

KIND = "tests.example"


@pytest.fixture(autouse=True)
def _example_kind(monkeypatch):
    """A kind of this file's own, gone after each test (other pages list every kind)."""
    monkeypatch.setattr(extensions, "_NOTICE_KINDS", dict(extensions._NOTICE_KINDS))
    register_notice_kind(NoticeKind(KIND, "An example"))


def _notify(users, key="event-1", **extra):
    return services.notify(
        kind=KIND,
        key=key,
        users=users,
        subject=gettext_lazy("Signal %(reference)s: %(email)s answered"),
        params={"reference": "ABCD-2345", "email": "<b>x@example.fi</b>"},
        url="/my/tasks/",
        **extra,
    )


def test_each_person_is_told_once_in_their_own_language(django_capture_on_commit_callbacks):
    finn, swede = UserFactory(preferred_language="fi"), UserFactory(preferred_language="sv")
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([finn, swede, finn]) == 2
        assert _notify([finn, swede]) == 0
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Signaali ABCD-2345: <b>x@example.fi</b> vastasi",
        "Signal ABCD-2345: <b>x@example.fi</b> har svarat",
    ]
    html = mail.outbox[0].alternatives[0][0]
    assert "<b>x@example.fi</b>" not in html
    assert "&lt;b&gt;x@example.fi&lt;/b&gt;" in html
    assert "http://127.0.0.1:8000/my/tasks/" in mail.outbox[0].body


def test_nothing_goes_before_the_commit_and_nothing_when_it_rolls_back(
    django_capture_on_commit_callbacks,
):
    person = UserFactory()

    def fail_after_notifying():
        with transaction.atomic():
            _notify([person])
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        fail_after_notifying()
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_a_mail_that_fails_at_once_goes_with_the_daily_summary(django_capture_on_commit_callbacks):
    person = UserFactory()
    with (
        mock.patch("cooperation.notices.services._mail_one", side_effect=OSError("smtp down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _notify([person])
    assert mail.outbox == []
    assert services.send_daily() == 1
    assert "Signaali ABCD-2345" in mail.outbox[0].body
    assert services.send_daily() == 0


def test_a_summary_that_fails_is_tried_again_the_next_day():
    person = UserFactory()
    services.preferences_save(user=person, choices={KIND: Delivery.DAILY})
    _notify([person], key="a")
    _notify([person], key="b")
    with mock.patch("cooperation.notices.services._mail_summary", side_effect=OSError):
        assert services.send_daily() == 0
    assert Notice.objects.filter(mailed_at__isnull=True).count() == 2
    assert services.send_daily() == 1
    (summary,) = mail.outbox
    assert summary.subject == "Vuorosi: 2 uutta asiaa portaalissa"


def test_inactive_people_and_people_without_an_address_are_not_told():
    assert _notify([UserFactory(is_active=False)]) == 0
    assert not Notice.objects.exists()


def test_old_notices_are_forgotten_by_the_retention_job():
    person = UserFactory()
    _notify([person], key="old")
    _notify([person], key="new")
    Notice.objects.update(mailed_at=timezone.now())
    Notice.objects.filter(key="old").update(created_at=timezone.now() - timedelta(days=91))
    assert personal_data_retention()["cooperation.notices"] == 1
    assert list(Notice.objects.values_list("key", flat=True)) == ["new"]
    assert personal_data_retention()["cooperation.notices"] == 0


def test_the_settings_page_answers_in_few_queries_in_swedish(client, monkeypatch):
    monkeypatch.setattr(extensions, "_NOTICE_KINDS", dict(extensions._NOTICE_KINDS))
    extensions._NOTICE_KINDS.pop(KIND)
    person = UserFactory(preferred_language="sv")
    client.force_login(person)
    url = reverse("cooperation:notice_settings")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Meddelanden" in text
    assert "endast på sidan Mina uppgifter" in text
    assert page_queries(client, url) <= 8
