"""Mail of the grants app, each in the applicant's language, as plain text and
HTML; user text is escaped by the templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse

from cooperation.emails import absolute_url, send_templated
from cooperation.models import Membership

from .models import Application

if TYPE_CHECKING:
    from cooperation.models import User

    from .models import ReportReminder, UseReport


def _application_url(application: Application) -> str:
    try:
        return absolute_url(reverse("grants:application_detail", kwargs={"pk": application.pk}))
    except NoReverseMatch:  # the pages arrive after the services
        return absolute_url("/")


def _organisation_addresses(application: Application) -> list[str]:
    """The organisation's admins, who submit and answer for it, and whoever submitted."""
    addresses = set(
        Membership.objects.filter(
            organisation_id=application.organisation_id, role=Membership.Role.ADMIN
        ).values_list("user__email", flat=True)
    )
    if application.submitted_by_id:
        addresses.add(application.submitted_by.email)
    return sorted(addresses)


def _send(application: Application, template: str, *, to=None, attachments=(), **context):
    to = to or _organisation_addresses(application)
    if not to:
        return
    send_templated(
        to=to,
        template=f"grants/email/{template}",
        context={"application": application, "url": _application_url(application), **context},
        language=application.language,
        attachments=attachments,
    )


def send_receipt(*, application: Application, by: User) -> None:
    from .pdf import application_pdf

    pdf = application_pdf(application)
    _send(
        application,
        "receipt",
        to=[by.email],
        attachments=((f"application-{application.reference}.pdf", pdf, "application/pdf"),),
    )


def send_info_request(*, application: Application) -> None:
    _send(application, "info_request")


def send_decision(*, application: Application) -> None:
    from .pdf import decision_letter_pdf

    pdf = decision_letter_pdf(application)
    _send(
        application,
        "decision",
        attachments=((f"decision-{application.reference}.pdf", pdf, "application/pdf"),),
    )


def send_report_reviewed(*, report: UseReport) -> None:
    _send(report.application, "report_reviewed", report=report)


def send_report_reminder(*, reminder: ReportReminder) -> None:
    _send(reminder.report.application, "report_reminder", report=reminder.report, reminder=reminder)
