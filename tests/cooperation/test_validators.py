import pytest
from django.core.exceptions import ValidationError

from cooperation.validators import business_id_is_valid, normalise_business_id, validate_business_id


@pytest.mark.parametrize("value", ["0204819-8", "2077474-0", "2388924-4", "0145626-1"])
def test_valid_business_ids_pass(value):
    assert business_id_is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "2077474-1",  # wrong check digit
        "1000008-0",  # weighted sum leaves remainder 1: never a valid number
        "1000008-1",
        "1234567",  # no check digit
        "12345678-9",
        "abcdefg-h",
        "",
        "2077474 0",
    ],
)
def test_invalid_business_ids_fail(value):
    assert not business_id_is_valid(value)


def test_remainder_one_is_never_valid_whatever_the_check_digit():
    weights = (7, 9, 10, 5, 8, 4, 2)
    body = next(
        f"{n:07d}"
        for n in range(1000000, 2000000)
        if sum(int(d) * w for d, w in zip(f"{n:07d}", weights, strict=True)) % 11 == 1
    )
    assert not any(business_id_is_valid(f"{body}-{digit}") for digit in range(10))


def test_old_six_digit_id_gets_its_leading_zero():
    assert normalise_business_id(" 204819-8 ") == "0204819-8"
    assert business_id_is_valid("204819-8")


def test_validator_raises_a_clear_message():
    with pytest.raises(ValidationError) as error:
        validate_business_id("2077474-1")
    assert "2077474-1" in error.value.messages[0]
