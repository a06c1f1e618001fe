"""Grant-use reports: writing, approval or return, and reminders sent once."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail

from cooperation.errors import DomainError
from grants import emails, services
from grants.models import ReportReminder, UseReport
from grants.services import ApplicationIncomplete, LineInput, TransitionRefused
from tests.helpers.grants import decide as decide_after_closing
from tests.helpers.grants import in_review


@pytest.fixture
def report(grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    decide_after_closing(
        application=application,
        by=grants.officer,
        grant=True,
        amount=Decimal("3000"),
        reasoning="Ok.",
    )
    return application.use_report


def _write(report, by):
    return services.report_save(
        report=report,
        by=by,
        what_was_done="40 kokoontumista, 25 osallistujaa.",
        lines=[LineInput("cost", "Tilavuokra", Decimal("3100"))],
    )


def test_a_report_is_written_submitted_and_approved(
    report, grants, world, django_capture_on_commit_callbacks
):
    _write(report, world.ngo_member)
    services.report_submit(report=report, by=world.ngo_admin)
    with pytest.raises(TransitionRefused, match="locked"):
        _write(report, world.ngo_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_review(report=report, by=grants.officer, approve=True)
    report.refresh_from_db()
    assert report.status == UseReport.Status.APPROVED
    # In the application's language (Finnish), whatever the officer's.
    assert "on hyväksytty" in mail.outbox[-1].body
    assert list(
        report.application.events.filter(action="report").values_list("to_status", flat=True)
    ) == [
        "submitted",
        "approved",
    ]


def test_a_returned_report_opens_again_with_the_officers_note(report, grants, world):
    _write(report, world.ngo_member)
    services.report_submit(report=report, by=world.ngo_admin)
    with pytest.raises(DomainError):
        services.report_review(report=report, by=grants.officer, approve=False, note="")
    services.report_review(report=report, by=grants.officer, approve=False, note="Liitä tositteet.")
    report.refresh_from_db()
    assert report.status == UseReport.Status.RETURNED
    _write(report, world.ngo_member)
    services.report_submit(report=report, by=world.ngo_admin)


def test_an_empty_report_cannot_be_submitted(report, world):
    with pytest.raises(ApplicationIncomplete):
        services.report_submit(report=report, by=world.ngo_admin)
    report.refresh_from_db()
    assert report.status == UseReport.Status.DRAFT


def test_a_draft_report_cannot_be_approved(report, grants):
    with pytest.raises(TransitionRefused):
        services.report_review(report=report, by=grants.officer, approve=True)


def _reminders(report, today):
    mail.outbox.clear()
    services.report_reminders_send(today=today)
    return [m for m in mail.outbox if report.application.reference in m.subject]


def test_reminders_go_before_and_after_the_due_date_each_only_once(report, settings):
    settings.GRANT_REPORT_REMINDER_DAYS = 14
    due = report.due_date
    assert _reminders(report, due - timedelta(days=15)) == []
    (before,) = _reminders(report, due - timedelta(days=14))
    assert "määräpäivä lähestyy" in before.subject  # the application is in Finnish
    assert _reminders(report, due - timedelta(days=13)) == []
    assert _reminders(report, due) == []
    (after,) = _reminders(report, due + timedelta(days=1))
    assert "on myöhässä" in after.subject
    assert _reminders(report, due + timedelta(days=30)) == []
    assert ReportReminder.objects.filter(report=report).count() == 2


def test_a_submitted_report_gets_no_reminder(report, world):
    _write(report, world.ngo_member)
    services.report_submit(report=report, by=world.ngo_admin)
    assert _reminders(report, report.due_date + timedelta(days=1)) == []


def test_a_crash_while_sending_leaves_the_reminder_for_the_next_run(report):
    day = report.due_date + timedelta(days=1)
    with mock.patch.object(
        emails, "send_report_reminder", side_effect=ConnectionError("smtp down")
    ):
        assert services.report_reminders_send(today=day) == 0
    reminder = ReportReminder.objects.get(report=report)
    assert reminder.sent_at is None
    assert len(_reminders(report, day)) == 1
    assert _reminders(report, day) == []
