"""The weekly digest: every signal in exactly one digest, whatever happens."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from signals import services
from signals.models import Digest, DigestDelivery, Signal
from signals.tasks import digest_weekly
from tests.factories import UserFactory, municipality
from tests.helpers.queries import page_queries
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def digested_ids():
    return list(Signal.objects.filter(digest__isnull=False).values_list("pk", flat=True))


def test_every_signal_lands_in_exactly_one_digest_per_municipality(world, team_member_salo):
    turku = SignalFactory.create_batch(3)
    salo = SignalFactory.create_batch(2, municipality=municipality("734"))
    built, failing = services.digest_run()
    bundles = [d for d in built if d.kind == Digest.Kind.BUNDLE]
    assert failing == 0
    assert sorted(d.municipality.code for d in bundles) == ["734", "853"]
    for signal in turku + salo:
        signal.refresh_from_db()
        assert signal.digest.municipality_id == signal.municipality_id
    assert {d.signal_count for d in bundles} == {3, 2}
    # One mail per team member, each with the PDF attached.
    recipients = sorted(m.to[0] for m in mail.outbox)
    team = [world.official_same, world.official_other, team_member_salo]
    assert recipients == sorted(user.email for user in team)
    message = mail.outbox[0]
    assert message.attachments[0][2] == "application/pdf"
    assert message.attachments[0][1].startswith(b"%PDF")
    assert message.alternatives[0][1] == "text/html"


def test_running_the_job_twice_creates_nothing_new(world):
    SignalFactory.create_batch(3)
    services.digest_run()
    digests, deliveries, mails = (
        Digest.objects.count(),
        DigestDelivery.objects.count(),
        len(mail.outbox),
    )
    built, _failing = services.digest_run()
    assert built == []
    assert (Digest.objects.count(), DigestDelivery.objects.count(), len(mail.outbox)) == (
        digests,
        deliveries,
        mails,
    )


def test_a_crash_between_building_and_sending_is_sent_on_the_next_run(world):
    SignalFactory.create_batch(2)
    killed = mock.patch.object(services, "digest_send_pending", side_effect=SystemExit("killed"))
    with killed, pytest.raises(SystemExit):
        services.digest_run()
    assert Digest.objects.count() == 1
    assert len(mail.outbox) == 0
    assert DigestDelivery.objects.get().status == DigestDelivery.Status.PENDING
    services.digest_run()
    assert Digest.objects.count() == 1  # never a second digest
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.get().status == DigestDelivery.Status.SENT


def test_a_crash_while_building_leaves_nothing_half_done(world):
    SignalFactory.create_batch(2)
    with (
        mock.patch.object(services.DigestDelivery.objects, "bulk_create", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        services.digest_build()
    assert not Digest.objects.exists()
    assert not digested_ids()
    services.digest_run()
    assert len(digested_ids()) == 2


@override_settings(SIGNAL_DIGEST_NOTHING_NEW=True)
def test_a_quiet_week_sends_a_short_nothing_new_note_once(world):
    built, _ = services.digest_run()
    note = Digest.objects.get(municipality__code="853")
    assert note.kind == Digest.Kind.NOTHING_NEW
    assert note.signal_count == 0
    assert [d.kind for d in built] == [Digest.Kind.NOTHING_NEW] * len(built)
    message = next(m for m in mail.outbox if m.to == [world.official_same.email])
    assert message.attachments == []  # no empty bundle pretending to be news
    services.digest_run()
    assert Digest.objects.filter(municipality__code="853").count() == 1


@override_settings(SIGNAL_DIGEST_NOTHING_NEW=False)
def test_a_quiet_week_sends_nothing_when_so_set(world):
    assert services.digest_run() == ([], 0)
    assert not Digest.objects.exists()
    assert mail.outbox == []


def test_after_two_weeks_down_the_next_run_covers_everything(world):
    old = SignalFactory.create_batch(3)
    Signal.objects.filter(pk__in=[s.pk for s in old]).update(
        created_at=timezone.now() - timedelta(days=16)
    )
    SignalFactory.create_batch(2)
    services.digest_run()
    digest = Digest.objects.get(kind=Digest.Kind.BUNDLE)
    assert digest.signal_count == 5
    assert set(digested_ids()) == set(Signal.objects.values_list("pk", flat=True))


def test_signals_from_the_open_link_wait_for_the_check(world):
    waiting = SignalFactory(is_accepted=False, channel=Signal.Channel.OPEN_LINK)
    services.digest_run()
    waiting.refresh_from_db()
    assert waiting.digest is None
    services.signal_check(signal=waiting, by=world.official_same, accept=True)
    services.digest_run()
    waiting.refresh_from_db()
    assert waiting.digest is not None


def test_failed_sending_is_retried_and_visible_to_the_team(world, client):
    SignalFactory()
    with mock.patch("signals.emails.send_templated", side_effect=OSError("SMTP down")):
        built, failing = services.digest_run()
    assert failing == 1
    delivery = DigestDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DigestDelivery.Status.FAILED, 1)
    assert "SMTP down" in delivery.last_error
    client.force_login(world.official_same)
    page = client.get(reverse("signals:digest_detail", kwargs={"pk": built[0].pk}))
    assert "SMTP down" in page.content.decode()
    assert services.digest_send_pending() == 0
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DigestDelivery.Status.SENT, 2)
    assert len(mail.outbox) == 1


@override_settings(SIGNAL_DIGEST_MAX_ATTEMPTS=2)
def test_a_delivery_that_keeps_failing_waits_for_the_team(world, client):
    SignalFactory()
    with mock.patch("signals.emails.send_templated", side_effect=OSError("SMTP down")):
        services.digest_run()
        services.digest_send_pending()
        assert services.digest_send_pending() == 0  # given up after two attempts
    digest = Digest.objects.get()
    client.force_login(world.official_same)
    client.post(reverse("signals:digest_resend", kwargs={"pk": digest.pk}))
    services.digest_send_pending()
    assert DigestDelivery.objects.get().status == DigestDelivery.Status.SENT


def test_the_task_retries_while_deliveries_fail(world):
    SignalFactory()
    with (
        mock.patch("signals.emails.send_templated", side_effect=OSError("down")),
        mock.patch.object(digest_weekly, "retry", side_effect=RuntimeError("retry")) as retry,
        pytest.raises(RuntimeError),
    ):
        digest_weekly.apply().get()
    assert retry.called


def test_the_management_command_runs_the_same_job(world, capsys):
    SignalFactory.create_batch(2)
    call_command("signals_digest")
    assert Digest.objects.filter(kind=Digest.Kind.BUNDLE).get().signal_count == 2
    call_command("signals_digest")
    assert Digest.objects.filter(kind=Digest.Kind.BUNDLE).count() == 1


def test_the_digest_mail_is_in_the_recipients_language_and_escapes_text(world):
    world.official_same.preferred_language = "sv"
    world.official_same.save()
    SignalFactory(description="<b>lihavoitu</b> & muuta")
    services.digest_run()
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert "&lt;b&gt;lihavoitu" in html
    assert "<b>lihavoitu</b>" in message.body  # plain text stays text
    assert "signal" in message.subject.lower()


@override_settings(SIGNAL_DIGEST_PDF_PART=3)
def test_a_long_digest_pdf_is_laid_out_in_parts_and_has_every_signal(world):
    from io import BytesIO

    from pypdf import PdfReader

    from signals.pdf import digest_pdf

    signals = SignalFactory.create_batch(7)
    services.digest_build()
    digest = Digest.objects.get()
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(digest_pdf(digest))).pages)
    for signal in signals:
        assert signal.reference in text


def test_the_digest_pages_and_pdf_for_the_team(world, client):
    SignalFactory.create_batch(3)
    services.digest_build()
    digest = Digest.objects.get()
    client.force_login(world.official_same)
    assert client.get(reverse("signals:digest_list")).status_code == 200
    response = client.get(reverse("signals:digest_pdf", kwargs={"pk": digest.pk}))
    assert response["Content-Type"] == "application/pdf"
    client.force_login(world.official_other)
    assert client.get(reverse("signals:digest_detail", kwargs={"pk": digest.pk})).status_code == 404
    assert client.get(reverse("signals:digest_pdf", kwargs={"pk": digest.pk})).status_code == 404


def test_the_digest_page_has_a_constant_query_count(world, client):
    SignalFactory.create_batch(2)
    services.digest_build()
    client.force_login(world.official_same)
    url = reverse("signals:digest_detail", kwargs={"pk": Digest.objects.get().pk})
    client.get(url)  # the session's first request also loads the user's authenticators
    few = page_queries(client, url)
    Signal.objects.filter(digest__isnull=False).update(digest=None)
    Digest.objects.all().delete()
    SignalFactory.create_batch(30)
    services.digest_build()
    url = reverse("signals:digest_detail", kwargs={"pk": Digest.objects.get().pk})
    assert page_queries(client, url) == few


def test_beat_runs_the_digest_job_every_morning_at_the_set_time(settings):
    from config.celery import beat_schedule

    settings.SIGNAL_DIGEST_TIME = "06:30"
    entry = beat_schedule()["signals-digest-daily"]
    assert entry["task"] == "signals.tasks.digest_daily"
    schedule = entry["schedule"]
    assert (len(schedule.day_of_week), schedule.hour, schedule.minute) == (7, {6}, {30})


def _at(text: str):
    from datetime import datetime

    return timezone.make_aware(datetime.fromisoformat(text))


def _signal_at(text: str, **fields):
    signal = SignalFactory(**fields)
    Signal.objects.filter(pk=signal.pk).update(created_at=_at(text))
    return signal


def test_a_monday_missed_is_caught_up_the_next_day_and_only_once(world, mailoutbox):
    """2026-11-30 is a Monday: beat was down, so Tuesday's run builds the digest."""
    _signal_at("2026-11-27 12:00")
    _signal_at("2026-11-28 12:00")
    built, _failing = services.digest_daily(now=_at("2026-12-01 07:00"))
    assert [d.signal_count for d in built if d.kind == Digest.Kind.BUNDLE] == [2]
    assert built[0].week_start.isoformat() == "2026-11-30"
    assert mailoutbox
    # Wednesday: this week's digest exists; Tuesday's signal waits for Monday.
    _signal_at("2026-12-01 12:00")
    again, _failing = services.digest_daily(now=_at("2026-12-02 07:00"))
    assert again == []
    monday, _failing = services.digest_daily(now=_at("2026-12-07 07:00"))
    assert [d.signal_count for d in monday if d.kind == Digest.Kind.BUNDLE] == [1]


def test_a_signal_after_mondays_digest_time_is_not_sent_midweek(world):
    _signal_at("2026-12-01 12:00")  # Tuesday, and no digest at all this week
    built, _failing = services.digest_daily(now=_at("2026-12-02 07:00"))
    assert built == []
    assert Signal.objects.get().digest is None


def test_the_digest_goes_to_the_coordinator_while_there_is_no_ngo_team(mailoutbox):
    from cooperation.models import OfficialRole

    coordinator = UserFactory(is_coordinator=True, email="koordinaattori@example.fi")
    signal = SignalFactory()
    OfficialRole.objects.filter(
        role=OfficialRole.Role.NGO_TEAM, official__municipality_id=signal.municipality_id
    ).delete()
    (digest,) = services.digest_build()
    assert list(digest.deliveries.values_list("user", flat=True)) == [coordinator.pk]
