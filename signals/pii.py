"""Finds residents' personal data in signal text before anything is stored.

Signals are about residents, so they must not identify one. We look for what
can be found reliably: Finnish personal identity codes (validated by date and
check character, so ordinary numbers are not caught), phone numbers and e-mail
addresses. Names cannot be told from ordinary words, so the form asks senders
not to write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cooperation.validators import identity_code_matches

# A Finnish number (0 40 123 4567, 02-123 4567, +358 40 1234567) or any
# international one (+46 8 123 456 78). Dots are not separators here, so dates
# (1.2.2026) and sums (1 234,50) are never taken for phone numbers.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ -]?(?:\(0\)[ -]?)?\d|0\d)(?:[ -]?\d){5,11}(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


KIND_LABELS = {
    "identity_code": _("personal identity code"),
    "phone": _("phone number"),
    "email": _("e-mail address"),
}


def find_personal_data(text: str) -> list[Finding]:
    """Every identity code, phone number and e-mail address in `text`, in order."""
    findings: list[tuple[int, Finding]] = []
    taken: list[range] = []
    for match in identity_code_matches(text):
        findings.append((match.start(), Finding("identity_code", match.group())))
        taken.append(range(match.start(), match.end()))
    for match in _EMAIL.finditer(text):
        findings.append((match.start(), Finding("email", match.group())))
        taken.append(range(match.start(), match.end()))
    for match in _PHONE.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        findings.append((match.start(), Finding("phone", match.group().strip())))
    return [finding for _position, finding in sorted(findings, key=lambda item: item[0])]
