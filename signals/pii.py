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
from datetime import date

from django.utils.translation import gettext_lazy as _

# Century signs: "+" for the 1800s; "-" and, since 2023, Y X W V U for the
# 1900s; "A" and, since 2023, B C D E F for the 2000s.
_CENTURY = {"+": 1800, "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
_CENTURY.update(dict.fromkeys("-YXWVU", 1900))
_CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"

_IDENTITY_CODE = re.compile(
    r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])(?![0-9A-Za-z])",
    re.IGNORECASE,
)
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


def is_identity_code(day: str, month: str, year: str, sign: str, serial: str, check: str) -> bool:
    century = _CENTURY[sign.upper()]
    try:
        date(century + int(year), int(month), int(day))
    except ValueError:
        return False
    if serial in ("000", "001"):
        return False
    return _CHECK_CHARACTERS[int(day + month + year + serial) % 31] == check.upper()


def find_personal_data(text: str) -> list[Finding]:
    """Every identity code, phone number and e-mail address in `text`, in order."""
    findings: list[tuple[int, Finding]] = []
    taken: list[range] = []
    for match in _IDENTITY_CODE.finditer(text):
        if is_identity_code(*match.groups()):
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
