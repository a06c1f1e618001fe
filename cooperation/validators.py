"""Validation of Finnish identifiers."""

import re

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
