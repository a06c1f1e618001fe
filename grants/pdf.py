"""PDFs of the grants app: what an applicant submitted, and the decision letter
in the applicant's language."""

from __future__ import annotations

from django.utils import timezone, translation

from cooperation.lib.pdf import render_pdf

from .budget import totals
from .models import Application


def _context(application: Application) -> dict:
    lines = list(application.budget_lines.all())
    costs, income = totals(lines)
    return {
        "application": application,
        "call": application.call,
        "costs": [line for line in lines if line.kind == "cost"],
        "incomes": [line for line in lines if line.kind == "income"],
        "total_costs": costs,
        "total_income": income,
        "attachments": list(application.attachments.all()),
        "target_groups": list(application.target_groups.all()),
        "themes": list(application.themes.all()),
        "municipalities": list(application.municipalities.all()),
        "generated_at": timezone.now(),
    }


def application_pdf(application: Application) -> bytes:
    """Everything the applicant submitted, as they submitted it."""
    with translation.override(application.language):
        return render_pdf("grants/pdf/application.html", _context(application))


def letter_context(application: Application, *, report_due=None) -> dict:
    """What the decision letter shows: the PDF's and the officer's preview."""
    granted = application.status in (Application.Status.GRANTED, Application.Status.PAID)
    if report_due is None and granted:
        report = getattr(application, "use_report", None)
        report_due = report.due_date if report else application.call.report_due_date
    return {
        "application": application,
        "call": application.call,
        "granted": granted,
        "report_due": report_due,
        "criteria": list(application.call.criteria.all()),
    }


def decision_letter_pdf(application: Application) -> bytes:
    """The decision letter, always in the applicant's language."""
    with translation.override(application.language):
        return render_pdf("grants/pdf/decision.html", letter_context(application))
