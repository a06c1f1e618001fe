"""The personal-data guard against the variants ordinary typing makes, and the
ordinary numbers that must still pass; the counts are printed (pytest -s)."""

from __future__ import annotations

import random

import pytest
from django import forms

from cooperation.forms import GuardedForm, IdentityCodeGuard
from cooperation.privacy.personal_data import find_in_fields, find_personal_data
from tests.helpers.personal_data_corpus import (
    EMAILS,
    ORDINARY,
    PHONES,
    disguised_codes,
    generated_codes,
    identity_code,
    split_code,
)

_rng = random.Random(20261201)


def _codes_1900(count: int) -> list[str]:
    return [identity_code(_rng, century=1900, sign="-") for _ in range(count)]


def test_every_disguise_of_an_identity_code_is_found_and_shown_as_typed():
    tried = missed = 0
    for code in _codes_1900(5):
        for name, variant in disguised_codes(code).items():
            tried += 1
            found = find_personal_data(f"Asiakas {variant} soitti.")
            kinds = [finding.kind for finding in found]
            if kinds != ["identity_code"]:
                missed += 1
                print("missed:", name, repr(variant), kinds)
                continue
            # Shown as typed (invisible characters and line breaks aside).
            shown = found[0].text
            assert shown.replace(" ", "") in "".join(variant.split()) or name in (
                "zero-width space",
                "zero-width joiner",
                "word joiner",
                "byte order mark",
                "soft hyphen",
            ), (name, shown)
    print(f"identity-code variants: {tried} tried, {tried - missed} found")
    assert missed == 0


def test_codes_of_every_century_sign_are_found():
    codes = generated_codes(_rng)
    assert set(codes) == set("+-YXWVUABCDEF")
    tried = sum(len(batch) for batch in codes.values())
    found = sum(
        len(find_personal_data(f"x {code} y")) == 1 for batch in codes.values() for code in batch
    )
    print(f"century signs: {tried} codes tried, {found} found")
    assert found == tried


@pytest.mark.parametrize(("corpus", "kind"), [(PHONES, "phone"), (EMAILS, "email")])
def test_every_phone_and_address_format_is_found(corpus, kind):
    missed = [
        name
        for name, value in corpus.items()
        if [f.kind for f in find_personal_data(f"Soita {value} tänään")] != [kind]
    ]
    print(f"{kind}: {len(corpus)} tried, {len(corpus) - len(missed)} found")
    assert missed == []


def test_ordinary_numbers_and_dates_pass():
    refused = {name: find_personal_data(text) for name, text in ORDINARY.items()}
    refused = {name: found for name, found in refused.items() if found}
    print(f"ordinary text: {len(ORDINARY)} tried, {len(ORDINARY) - len(refused)} passed")
    assert refused == {}


def test_a_code_split_over_two_fields_is_found_on_both():
    code = _codes_1900(1)[0]
    first, second = split_code(code)
    assert find_personal_data(first) == []
    assert find_personal_data(second) == []
    found = find_in_fields({"description": first, "area": "", "proposal": second})
    assert set(found) == {"description", "proposal"}


class _Free(GuardedForm):
    personal_data_fields = ("text", "other")
    text = forms.CharField(required=False)
    other = forms.CharField(required=False)
    own_email = forms.EmailField(required=False)
    file = forms.FileField(required=False)


def test_the_core_guard_reads_the_free_text_fields_together_and_file_names():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.helpers.files import pdf_bytes

    code = _codes_1900(1)[0]
    first, second = split_code(code)
    form = _Free({"text": first, "other": second})
    assert not form.is_valid()
    assert form.has_error("text", "identity_code")
    assert form.has_error("other", "identity_code")
    dashed = code.replace("-", "\u2013")
    upload = SimpleUploadedFile(f"liite_{dashed.replace('–', '_')}.pdf", pdf_bytes())
    form = _Free({}, {"file": upload})
    assert not form.is_valid()
    assert form.has_error("file", "identity_code")
    # Phones and addresses only in the free-text fields; the sender's own address passes.
    form = _Free({"text": "soita (040) 123 4567", "own_email": "oma@example.fi"})
    assert not form.is_valid()
    assert form.has_error("text", "personal_data")
    assert "own_email" not in form.errors
    assert "<mark>(040) 123 4567</mark>" in form.errors["text"][0]
    assert _Free({"text": ORDINARY["sum"], "other": ORDINARY["date"]}).is_valid()


def _free_text_forms():
    """Every form class of the portal that names free-text fields for the guard."""

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    import cooperation.checklist.forms  # noqa: F401 (the classes to find)
    import grants.forms  # noqa: F401
    import partnerships.agreements.forms  # noqa: F401

    ours = ("cooperation.", "signals.", "grants.", "partnerships.")
    return sorted(
        (cls for cls in set(below(IdentityCodeGuard)) if cls.__module__.startswith(ours)),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def test_the_forms_people_outside_the_city_write_in_are_guarded_for_phones_and_addresses():
    guarded = {
        f"{cls.__module__}.{cls.__qualname__}": cls.personal_data_fields
        for cls in _free_text_forms()
        if cls.personal_data_fields
    }
    for expected in (
        "grants.forms.ApplicationForm",
        "grants.forms.ReportForm",
        "partnerships.agreements.forms.EntryForm",
        "cooperation.checklist.forms.ForumRegistrationForm",
        "cooperation.forms.AccessibilityFeedbackForm",
    ):
        assert expected in guarded, expected
    for name, fields in guarded.items():
        cls = next(c for c in _free_text_forms() if f"{c.__module__}.{c.__qualname__}" == name)
        assert set(fields) <= set(cls.base_fields), name
