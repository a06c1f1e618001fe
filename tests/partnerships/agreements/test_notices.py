"""Reminders of follow-ups and warnings of ending agreements: each exactly once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail

from partnerships.agreements import emails, services
from partnerships.models import AgreementEvent, Notice
from tests.helpers.agreements import in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(world):
    agreement = in_force(world)
    agreement.responsible = world.official_same
    agreement.save()
    return agreement


def _mails(agreement, today):
    mail.outbox.clear()
    services.notices_send(today=today)
    return [m for m in mail.outbox if agreement.reference in m.subject]


def test_an_ending_agreement_is_flagged_exactly_once_to_the_official_and_the_ngo(
    agreement, world, settings
):
    settings.AGREEMENT_EXPIRY_NOTICE_DAYS = 90
    ends = agreement.ends_on
    assert _mails(agreement, ends - timedelta(days=91)) == []
    flagged = _mails(agreement, ends - timedelta(days=90))
    addresses = {address for m in flagged for address in m.to}
    assert addresses == {world.official_same.email, world.ngo_admin.email}
    assert _mails(agreement, ends - timedelta(days=89)) == []
    assert _mails(agreement, ends - timedelta(days=10)) == []
    assert Notice.objects.filter(kind=Notice.Kind.EXPIRING).count() == 1
    assert agreement.events.filter(action=AgreementEvent.Action.EXPIRY).count() == 1


def test_a_new_end_date_is_flagged_again(agreement, world):
    _mails(agreement, agreement.ends_on - timedelta(days=30))
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={"ends_on": agreement.ends_on + timedelta(days=60)},
        organisations=[world.org_a],
        reason="Jatkettiin.",
    )
    agreement.refresh_from_db()
    assert len(_mails(agreement, agreement.ends_on - timedelta(days=30))) >= 1
    assert Notice.objects.filter(kind=Notice.Kind.EXPIRING).count() == 2


def test_follow_up_reminders_go_before_and_after_the_due_date_once_each(agreement, settings):
    settings.AGREEMENT_FOLLOW_UP_REMINDER_DAYS = 14
    round_ = services.follow_up_open(agreement=agreement, by=None)
    due = round_.due_on

    def follow_up_mails(today):
        # Mail goes in each person's language: Finnish here.
        return [m for m in _mails(agreement, today) if "seuran" in m.subject]

    settings.AGREEMENT_EXPIRY_NOTICE_DAYS = 0
    assert follow_up_mails(due - timedelta(days=15)) == []
    (before,) = follow_up_mails(due - timedelta(days=14))
    assert "määräpäivä lähestyy" in before.subject
    assert follow_up_mails(due) == []
    (after,) = follow_up_mails(due + timedelta(days=1))
    assert "on myöhässä" in after.subject
    assert follow_up_mails(due + timedelta(days=30)) == []


def test_a_closed_follow_up_is_not_reminded(agreement, world, settings):
    settings.AGREEMENT_EXPIRY_NOTICE_DAYS = 0
    round_ = services.follow_up_open(agreement=agreement, by=None)
    services.follow_up_close(round=round_, by=world.official_same)
    assert _mails(agreement, round_.due_on + timedelta(days=1)) == []


def test_a_failing_mail_is_kept_and_sent_on_the_next_run(agreement):
    day = agreement.ends_on - timedelta(days=10)
    with mock.patch.object(emails, "send_notice", side_effect=ConnectionError("smtp down")):
        assert services.notices_send(today=day) == 0
    notice = Notice.objects.get()
    assert (notice.sent_at, notice.attempts, notice.last_error) == (None, 1, "smtp down")
    assert len(_mails(agreement, day)) >= 1
    assert _mails(agreement, day) == []
