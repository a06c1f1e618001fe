"""Finds personal data in what people type: identity codes, phone numbers and
e-mail addresses, however they were typed.

Ordinary typing changes how these look without changing what they are: a word
processor turns the hyphen of 131052-308T into an en-dash, a copy from a web
page brings non-breaking spaces and zero-width characters, a phone brings
full-width digits, and people write "nimi at example dot fi" on purpose. So the
text is normalised first, character by character, keeping where each character
came from, so that the finding is shown to the sender exactly as they typed it:

- Unicode NFKC (full-width digits and letters, the full-width @), any decimal
  digit (Arabic-Indic, say) to its ASCII digit;
- every dash and hyphen (Unicode's dash punctuation, the minus sign) to "-";
- zero-width characters and soft hyphens removed;
- every kind of space to " ", line breaks kept as line breaks.

Identity codes are checked by date and check character, phone numbers must
start as a phone number does and are not dates, business IDs or sums, so
ordinary numbers pass. What cannot be found this way: names, addresses,
descriptions that identify a person. Forms ask people not to write them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cooperation.validators import business_id_is_valid, is_identity_code

IDENTITY_CODE = "identity_code"
PHONE = "phone"
EMAIL = "email"
ALL_KINDS = (IDENTITY_CODE, PHONE, EMAIL)

KIND_LABELS = {
    IDENTITY_CODE: _("personal identity code"),
    PHONE: _("phone number"),
    EMAIL: _("e-mail address"),
}

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}
_DASHES = {"\u2212", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\ufe63"}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as the sender typed it

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class _Normalised:
    text: str
    origin: list[int]  # for each character of `text`, its index in the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def _normal_char(char: str) -> str:
    if char in _ZERO_WIDTH:
        return ""
    if char == "\r":  # a Windows line break is one break
        return ""
    if char == "\n":
        return "\n"
    if char.isspace():
        return " "
    if char in _DASHES or unicodedata.category(char) == "Pd":
        return "-"
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    return unicodedata.normalize("NFKC", char)


def normalise(text: str) -> _Normalised:
    characters: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for normal in _normal_char(char):
            characters.append(normal)
            origin.append(index)
    return _Normalised("".join(characters), origin)


# The date part may be written with dots (13.10.52), and a space or a line
# break may stand around the century sign, or in its place.
_IDENTITY_CODE = re.compile(
    r"(?<![0-9A-Za-z])(\d{2})\.?(\d{2})\.?(\d{2})"
    r"(?:\s?([-+YXWVUABCDEF])\s?|\s)(\d{3})\s?([0-9A-Y])(?![0-9A-Za-z])",
    re.IGNORECASE,
)
# A Finnish number (040 123 4567, (040) 123 4567, 02-123 4567, 040/1234567,
# 040.123.4567) or an international one (+358 40 1234567, 00358 40 1234567,
# +358 (0)40 123 4567). Line breaks do not join its parts.
_PHONE = re.compile(
    r"(?<![\w+.,])(?:(?:\+|00)[1-9]\d{0,2}[ .-]?(?:\(0\)[ .-]?)?\(?\d|\(?0\d)"
    r"(?:[ ./-]{0,2}\)?[ ./-]{0,2}\d){5,11}(?!\w|[-/.,]\d)"
)
# The "@" and the dots of an address, as people write them to slip past a robot.
_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*(?:at|ät|miukumauku)\s*[)\]}>]\s*|\s+(?:at|ät|miukumauku)\s+)"
_DOT = r"(?:\.|\s*[(\[{<]\s*(?:dot|piste)\s*[)\]}>]\s*|\s+(?:dot|piste)\s+)"
# Bounded parts (an address's local part is at most 64 characters, a label 63)
# and a start only where a word starts: a long run of letters costs linear time,
# not the square of its length.
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,8}}"
    rf"{_DOT}[A-Za-z]{{2,24}}(?![\w])",
    re.IGNORECASE,
)


def _identity_codes(normal: str):
    for match in _IDENTITY_CODE.finditer(normal):
        day, month, year, sign, serial, check = match.groups()
        # A space in place of the century sign: the check character does not
        # depend on the century, the date must be real in one of them.
        signs = [sign] if sign else ["-", "A"]
        if any(is_identity_code(day, month, year, s, serial, check) for s in signs):
            yield match.start(), match.end()


def _is_phone(candidate: str) -> bool:
    # Dots part a phone number only in groups of three digits or more
    # (040.123.4567): dates (01.02.2026) and times (09.30-10.30) have shorter ones.
    if "." in candidate and any(
        len(re.sub(r"\D", "", group)) < 3 for group in candidate.split(".")
    ):
        return False
    return not business_id_is_valid(candidate.replace(" ", ""))


def _phones(normal: str):
    for match in _PHONE.finditer(normal):
        # A group of a longer number (RF18 5390 0754 7034) is not a phone number.
        if re.search(r"\d ?$", normal[max(0, match.start() - 2) : match.start()]):
            continue
        if _is_phone(match.group()):
            yield match.start(), match.end()


def _emails(normal: str):
    for match in _EMAIL.finditer(normal):
        yield match.start(), match.end()


_FINDERS = {IDENTITY_CODE: _identity_codes, EMAIL: _emails, PHONE: _phones}


def _spans(text: str, kinds) -> list[tuple[int, int, str]]:
    """(start, end, kind) in the original text, in order, without overlaps: an
    identity code or an address is not also reported as a phone number."""
    normal = normalise(text)
    found: list[tuple[int, int, str]] = []
    for kind in (IDENTITY_CODE, EMAIL, PHONE):
        if kind not in kinds:
            continue
        for start, end in _FINDERS[kind](normal.text):
            span = normal.span(start, end)
            if any(
                span[0] < taken_end and taken_start < span[1]
                for taken_start, taken_end, _k in found
            ):
                continue
            found.append((*span, kind))
    return sorted(found)


def _shown(text: str) -> str:
    return " ".join(text.split())


def find_personal_data(text: str, kinds=ALL_KINDS) -> list[Finding]:
    """Every identity code, phone number and e-mail address in `text`, in order."""
    return [Finding(kind, _shown(text[start:end])) for start, end, kind in _spans(text, kinds)]


def find_in_fields(fields: dict[str, str], kinds=ALL_KINDS) -> dict[str, list[Finding]]:
    """Findings per field, the fields read together as one text: a code split
    over two fields is found, and named on each field that holds a part of it."""
    names = [name for name, value in fields.items() if value]
    joined = ""
    bounds: list[tuple[str, int, int]] = []
    for name in names:
        start = len(joined)
        joined += fields[name]
        bounds.append((name, start, len(joined)))
        joined += "\n"
    found: dict[str, list[Finding]] = {}
    for start, end, kind in _spans(joined, kinds):
        finding = Finding(kind, _shown(joined[start:end]))
        for name, field_start, field_end in bounds:
            if start < field_end and field_start < end:
                found.setdefault(name, []).append(finding)
    return found
