"""The statement or letter of intent as a PDF, in the language the NGO asked for
(it goes with the NGO's application to the funder)."""

from __future__ import annotations

from django.utils import timezone, translation

from cooperation.lib.pdf import render_pdf

from . import selectors
from .models import StatementRequest


def statement_pdf(request: StatementRequest) -> bytes:
    with translation.override(request.language):
        return render_pdf(
            "partnerships/pdf/statement.html",
            {
                "asked": request,
                "needs": selectors.statement_page(request)["needs"],
                "given_on": timezone.localdate(request.answered_at),
            },
        )
