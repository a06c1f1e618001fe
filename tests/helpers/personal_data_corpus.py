"""Personal data as people really type it, and ordinary text that must pass.

The variants are those an outside security test got past the first guard:
what a word processor, a copy from a web page or a phone makes of an identity
code, a phone number or an e-mail address, and the disguises people use on
purpose. `disguised_codes` turns one generated code into each variant.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from cooperation.validators import _CHECK_CHARACTERS

CENTURY_SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}


def identity_code(
    rng: random.Random, *, century: int | None = None, sign: str | None = None
) -> str:
    """A valid personal identity code of a random person (of `century`, with `sign`)."""
    century = century or rng.choice([1900, 2000])
    start = date(century, 1, 1)
    end = min(date(century + 99, 12, 31), date(2025, 12, 31))
    born = start + timedelta(days=rng.randrange((end - start).days))
    sign = sign or rng.choice(CENTURY_SIGNS[century])
    serial = f"{rng.randrange(2, 900):03d}"
    stem = f"{born:%d%m%y}"
    return f"{stem}{sign}{serial}{_CHECK_CHARACTERS[int(stem + serial) % 31]}"


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def _arabic_indic(text: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in text)


def disguised_codes(code: str) -> dict[str, str]:
    """The 1900s code `code` (with "-") as it comes out of ordinary typing."""
    stem, sign, rest = code[:6], code[6], code[7:]
    assert sign == "-", "the variants replace the hyphen"
    return {
        "plain": code,
        "en dash (autocorrect)": f"{stem}\u2013{rest}",
        "em dash": f"{stem}\u2014{rest}",
        "hyphen U+2010": f"{stem}\u2010{rest}",
        "non-breaking hyphen U+2011": f"{stem}\u2011{rest}",
        "figure dash U+2012": f"{stem}\u2012{rest}",
        "minus sign U+2212": f"{stem}\u2212{rest}",
        "full-width hyphen U+FF0D": f"{stem}\uff0d{rest}",
        "space for the hyphen": f"{stem} {rest}",
        "spaces around the hyphen": f"{stem} - {rest}",
        "space after the hyphen": f"{stem}- {rest}",
        "dots in the date": f"{stem[:2]}.{stem[2:4]}.{stem[4:]}-{rest}",
        "zero-width space": f"{stem[:3]}\u200b{stem[3:]}-{rest}",
        "zero-width joiner": f"{stem}\u200d-{rest}",
        "word joiner": f"{stem}-\u2060{rest}",
        "byte order mark": f"\ufeff{stem}-{rest}",
        "soft hyphen": f"{stem}-{rest[:2]}\u00ad{rest[2:]}",
        "full-width digits": _full_width(code),
        "Arabic-Indic digits": _arabic_indic(code),
        "line break after the hyphen": f"{stem}-\n{rest}",
        "line break before the hyphen": f"{stem}\n-{rest}",
        "Windows line break": f"{stem}-\r\n{rest}",
        "non-breaking space": f"{stem}\u00a0-\u00a0{rest}",
        "narrow no-break space": f"{stem}\u202f{rest}",
        "lower case check character": code.lower(),
        "in parentheses": f"({code})",
        "after a colon": f"hetu:{code}",
    }


def split_code(code: str) -> tuple[str, str]:
    """A code split over two fields: the date part in one, the rest in the next."""
    return f"syntynyt {code[:7]}", f"{code[7:]} asuu yksin"


PHONES = {
    "plain mobile": "040 123 4567",
    "no spaces": "0401234567",
    "hyphen": "040-1234567",
    "area code in parentheses": "(040) 123 4567",
    "slash": "040/1234567",
    "dots": "040.123.4567",
    "international": "+358 40 1234567",
    "00 prefix": "00358 40 1234567",
    "(0) in an international number": "+358 (0)40 123 4567",
    "non-breaking spaces": "040\u00a0123\u00a04567",
    "full-width digits": "\uff10\uff14\uff10 \uff11\uff12\uff13 \uff14\uff15\uff16\uff17",
    "landline": "02-123 4567",
    "Swedish number": "+46 8 123 456 78",
    "en dash": "040\u20131234567",
    "zero-width space": "040\u200b1234567",
}

EMAILS = {
    "plain": "nimi.sukunimi@example.fi",
    "at and dot in words": "nimi at example dot fi",
    "(at)": "nimi(at)example.fi",
    "[at] and [dot]": "nimi [at] example [dot] fi",
    "full-width @": "nimi\uff20example.fi",
    "spaces around the @": "nimi @ example.fi",
    "space before the @": "nimi @example.fi",
    "Finnish words": "nimi miukumauku example piste fi",
    "upper case": "NIMI@EXAMPLE.FI",
    "zero-width space": "nimi\u200b@example.fi",
}

# Numbers that must pass: refusing them would make the forms unusable.
ORDINARY = {
    "business ID": "Y-tunnus 0123456-2",
    "business ID, new": "Y-tunnus 2345678-0",
    "sum": "Haemme 1 234,50 € ja 150 000 €",
    "sum, small": "0,50 € kappaleelta",
    "date": "Tapaaminen 1.2.2026 ja 01.02.2026",
    "date range": "Ajalla 1.2.–15.3.2026",
    "time range": "klo 09.30–10.30 ja 9.00-11.00",
    "postcodes": "00100 Helsinki ja 20500 Turku",
    "year range": "Vuosina 2020–2026",
    "years": "2025 ja 2026",
    "reference number": "Viitenumero 12345 67890 12",
    "RF reference": "RF18 5390 0754 7034",
    "IBAN": "FI21 1234 5600 0007 85",
    "a date that only looks like a code": "Tilinumero 311399-1234",
    "wrong check character": "päivä 010203-123B",
    "counts": "Kävijöitä 1 250, ryhmiä 12, 3–5 kertaa viikossa",
    "percentages": "Kasvu 12,5 % ja 0,5 %",
    "a web address": "https://www.turku.fi/jarjestot",
    "an 'at' in prose": "Meet at the library at 10.30.",
    "Swedish prose": "Vi träffas kl. 18.00 på biblioteket, tel. saknas.",
}


def generated_codes(rng: random.Random, each: int = 5) -> dict[str, list[str]]:
    """`each` valid codes for every century sign."""
    return {
        sign: [identity_code(rng, century=century, sign=sign) for _ in range(each)]
        for century, signs in CENTURY_SIGNS.items()
        for sign in signs
    }
