"""Validation of Finnish identifiers."""

import re
from collections.abc import Iterator
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BUSINESS_ID_RE = re.compile(r"^(\d{6,7})-(\d)$")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def normalise_business_id(value: str) -> str:
    """Strip spaces; an old six-digit ID gets its leading zero back (123456-7 → 0123456-7)."""
    value = "".join(value.split())
    match = _BUSINESS_ID_RE.match(value)
    if match and len(match.group(1)) == 6:
        return f"0{match.group(1)}-{match.group(2)}"
    return value


def business_id_is_valid(value: str) -> bool:
    """Check the format and the check digit (weights 7, 9, 10, 5, 8, 4, 2; modulus 11).

    A weighted sum leaving remainder 1 has no valid check digit: such numbers are
    never issued.
    """
    match = _BUSINESS_ID_RE.match(normalise_business_id(value))
    if not match or len(match.group(1)) != 7:
        return False
    digits, check = match.group(1), int(match.group(2))
    remainder = sum(int(d) * w for d, w in zip(digits, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    expected = 0 if remainder == 0 else 11 - remainder
    return check == expected


def validate_business_id(value: str) -> None:
    if value and not business_id_is_valid(value):
        raise ValidationError(
            _(
                "%(value)s is not a valid business ID (Y-tunnus): check the number and its check digit."
            ),
            code="invalid_business_id",
            params={"value": value},
        )


# --- Personal identity codes (henkilötunnus) ------------------------------------
# The portal never stores one: every form refuses them (cooperation.forms.
# IdentityCodeGuard) and signals are checked for them (signals.pii).

# Century signs: "+" for the 1800s; "-" and, since 2023, Y X W V U for the
# 1900s; "A" and, since 2023, B C D E F for the 2000s.
_CENTURY = {"+": 1800, "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
_CENTURY.update(dict.fromkeys("-YXWVU", 1900))
_CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_IDENTITY_CODE = re.compile(
    r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])(?![0-9A-Za-z])",
    re.IGNORECASE,
)


def is_identity_code(day: str, month: str, year: str, sign: str, serial: str, check: str) -> bool:
    """A real date and the right check character: ordinary numbers are not taken for codes."""
    century = _CENTURY[sign.upper()]
    try:
        date(century + int(year), int(month), int(day))
    except ValueError:
        return False
    if serial in ("000", "001"):
        return False
    return _CHECK_CHARACTERS[int(day + month + year + serial) % 31] == check.upper()


def identity_code_matches(text: str) -> Iterator[re.Match]:
    """Every valid personal identity code in `text`."""
    for match in _IDENTITY_CODE.finditer(text):
        if is_identity_code(*match.groups()):
            yield match


def contains_identity_code(text: str) -> bool:
    return next(identity_code_matches(text), None) is not None
