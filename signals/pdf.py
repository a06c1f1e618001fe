"""The digest as a PDF.

A week can bring thousands of signals. WeasyPrint keeps the layout of a whole
document in memory, so the digest is laid out a part (`SIGNAL_DIGEST_PDF_PART`
signals) at a time and the parts are streamed into one PDF
(`cooperation.pdf.join_pdf_parts`): peak memory stays that of one part,
whatever the number of signals.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from cooperation.lib.charts import bar_chart
from cooperation.lib.pdf import join_pdf_parts, render_pdf_from_html

from . import selectors
from .models import Digest


def digest_pdf(digest: Digest) -> bytes:
    part_size = settings.SIGNAL_DIGEST_PDF_PART
    signals = selectors.digest_signals(digest)
    ids = list(signals.values_list("pk", flat=True))
    context = {
        "digest": digest,
        "generated_at": timezone.now(),
        "chart": bar_chart(selectors.digest_topic_counts(digest)),
        "first_part": True,
    }
    if len(ids) <= part_size:
        return render_pdf_from_html(
            render_to_string("signals/pdf/digest.html", {**context, "signals": signals})
        )

    def parts():
        for start in range(0, len(ids), part_size):
            part = signals.filter(pk__in=ids[start : start + part_size])
            html = render_to_string(
                "signals/pdf/digest.html",
                {**context, "signals": part, "first_part": start == 0},
            )
            yield render_pdf_from_html(html)

    output = io.BytesIO()
    join_pdf_parts(parts(), output)
    return output.getvalue()
