"""The personal-data check: every identity code format is caught; ordinary text is not."""

import random
from datetime import date, timedelta

import pytest

from cooperation.privacy.personal_data import find_personal_data

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}


def identity_code(birth: date, serial: int, sign: str) -> str:
    body = f"{birth:%d%m}{birth.year % 100:02d}"
    return f"{body}{sign}{serial:03d}{CHECK[int(body + f'{serial:03d}') % 31]}"


def generated_codes(count: int):
    rng = random.Random(20261124)
    for _ in range(count):
        century = rng.choice([1800, 1900, 2000])
        birth = date(century, 1, 1) + timedelta(days=rng.randrange(0, 36500))
        sign = rng.choice(SIGNS[century])
        yield identity_code(birth, rng.randrange(2, 1000), sign)


def test_every_generated_identity_code_with_any_century_sign_is_caught():
    codes = list(generated_codes(3000))
    used_signs = {code[6] for code in codes}
    assert used_signs == set("+-YXWVUABCDEF")  # the 2023 signs included
    for code in codes:
        text = f"Asukkaan tunnus on {code}, ja hän tarvitsee apua."
        assert [f.kind for f in find_personal_data(text)] == ["identity_code"], code


def test_a_lowercase_check_character_is_caught_too():
    code = identity_code(date(1952, 10, 13), 308, "-")
    assert find_personal_data(code.lower())


def test_a_code_with_a_wrong_check_character_or_impossible_date_is_not_an_identity_code():
    code = identity_code(date(1994, 5, 1), 903, "Y")
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert find_personal_data(wrong) == []
    assert find_personal_data("310294-1234") == []  # 31 February


@pytest.mark.parametrize(
    "text",
    [
        "Kokous pidettiin 1.2.2026 klo 14.00–16.00, ja paikalla oli 25 osallistujaa.",
        "Avustusta haettiin 1 234,50 € ja saatiin 12 000 €.",
        "Postinumero 20100 Turku, osoite Yliopistonkatu 27 A 3.",
        "Toimintaa on ollut vuosina 2024-2025 viikoittain, 40 kertaa vuodessa.",
        "Ikäryhmä 65-79 vuotta, klo 10-12, huone 3-5.",
        "Y-tunnus 1234567-8 ja tilinumero FI21 1234 5600 0007 85.",
        "Ryhmässä on 6–8 nuorta, ja kahvia keitettiin 0,5 litraa.",
    ],
)
def test_ordinary_finnish_text_with_dates_and_numbers_is_not_blocked(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Soittakaa hänelle numeroon 040 123 4567.", "040 123 4567"),
        ("puh. 0401234567", "0401234567"),
        ("Numero +358 40 123 4567 on äidin.", "+358 40 123 4567"),
        ("Lankapuhelin 02-123 4567", "02-123 4567"),
        ("Ruotsin numero +46 8 123 456 78", "+46 8 123 456 78"),
    ],
)
def test_phone_numbers_are_caught(text, found):
    assert [(f.kind, f.text) for f in find_personal_data(text)] == [("phone", found)]


def test_email_addresses_are_caught_and_findings_come_in_text_order():
    text = "Maija (maija.meikalainen@example.com) ja 131052-308T sekä 050 765 4321"
    assert [f.kind for f in find_personal_data(text)] == ["email", "identity_code", "phone"]
