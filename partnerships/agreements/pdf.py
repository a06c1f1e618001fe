"""PDFs of the agreements register: one agreement with its commitments and
follow-up history, and a municipality's whole register as a report for its board."""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from cooperation.lib.pdf import join_pdf_parts, render_pdf, render_pdf_from_html, render_pdf_parts

from . import selectors


def agreement_pdf(user, agreement, *, internal: bool) -> bytes:
    return render_pdf(
        "partnerships/pdf/agreement.html",
        {
            "agreement": agreement,
            "internal": internal,
            "parts": selectors.agreement_page(user, agreement, internal=internal),
            "generated_at": timezone.now(),
        },
    )


def register_pdf(municipality, agreements) -> bytes:
    """The register laid out in parts of AGREEMENT_REGISTER_PDF_PART agreements, on
    every core at once, and joined: a region's largest register (over 2,000
    agreements) takes about 2 ms of layout an agreement."""
    part_size = settings.AGREEMENT_REGISTER_PDF_PART
    ids = list(agreements.values_list("pk", flat=True))
    context = {"municipality": municipality, "generated_at": timezone.now(), "total": len(ids)}

    def html(part_ids, first):
        part = selectors.register_report_rows(agreements.filter(pk__in=part_ids))
        return render_to_string(
            "partnerships/pdf/register.html", {**context, "agreements": part, "first_part": first}
        )

    if len(ids) <= part_size:
        return render_pdf_from_html(html(ids, True))

    parts = render_pdf_parts(
        html(ids[start : start + part_size], start == 0) for start in range(0, len(ids), part_size)
    )
    output = io.BytesIO()
    join_pdf_parts(parts, output)
    return output.getvalue()
