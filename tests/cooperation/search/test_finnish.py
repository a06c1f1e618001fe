"""Finnish words reduced to their dictionary forms with Voikko, real words only."""

import pytest
from django.core import checks

from cooperation.search import finnish
from cooperation.search.finnish import lemmas, word_lemmas

needs_voikko = pytest.mark.skipif(
    not finnish.available(), reason="Voikko is not installed (apt-get install libvoikko1 voikko-fi)"
)


@needs_voikko
@pytest.mark.parametrize(
    ("inflected", "dictionary_form"),
    [
        ("nuorten", "nuori"),
        ("nuoria", "nuori"),
        ("nuoret", "nuori"),
        ("yksinäisyyttä", "yksinäisyys"),
        ("yksinäisyyden", "yksinäisyys"),
        ("asunnon", "asunto"),
        ("ruoka-apua", "ruoka-apu"),
        ("Ikääntyneille", "ikääntynyt"),
        ("kirjastoautolla", "kirjastoauto"),
    ],
)
def test_an_inflected_word_gives_its_dictionary_form(inflected, dictionary_form):
    assert dictionary_form in word_lemmas(inflected)


@needs_voikko
def test_the_forms_of_one_word_meet():
    # What the index holds for one form, a query in another finds.
    assert word_lemmas("nuorten") & word_lemmas("nuoria") & word_lemmas("nuoret") == {"nuori"}
    assert word_lemmas("yksinäisyyttä") == word_lemmas("yksinäisyyden") == {"yksinäisyys"}


@needs_voikko
def test_a_compound_holds_its_parts_and_their_runs():
    forms = word_lemmas("Mielenterveysyhdistys")
    assert {"mielenterveysyhdistys", "mielenterveys", "terveys", "yhdistys"} <= forms
    # A search for "mielenterveys" (in any form) meets the association's name.
    assert word_lemmas("mielenterveyden") & forms
    assert {"ruoka", "apu", "ruoka-apu"} <= word_lemmas("ruoka-apua")
    assert {"vanhus", "palvelu"} <= word_lemmas("vanhustenpalveluihin")


@needs_voikko
def test_a_word_voikko_does_not_know_stays_as_written():
    # A typo is left to the trigram similarity of the search, a name as it is.
    assert word_lemmas("yksinäsyys") == {"yksinäsyys"}
    assert word_lemmas("Kompassi") >= {"kompassi"}


def test_a_text_gives_each_form_once_in_order():
    text = "Nuorten yksinäisyys, nuorten ruoka-apu: EU:n Pohjois-Suomen 24/7!"
    found = lemmas(text)
    assert len(found) == len(set(found))
    assert found[0] == ("nuori" if finnish.available() else "nuorten")
    assert {"24", "7"} <= set(found)
    assert lemmas("") == []
    assert lemmas("  ,.;!? ") == []


def _check_ids() -> set[str]:
    # The checks `manage.py check` runs, but the database's.
    return {message.id for message in checks.run_checks(tags=[checks.Tags.compatibility])}


def test_without_voikko_the_words_are_lowercased_and_check_warns(monkeypatch):
    finnish._voikko.cache_clear()
    finnish._word_lemmas.cache_clear()
    monkeypatch.setattr("builtins.__import__", _refusing("libvoikko"))
    try:
        assert not finnish.available()
        assert lemmas("Nuorten Yksinäisyys") == ["nuorten", "yksinäisyys"]
        assert "cooperation.W001" in _check_ids()
    finally:
        monkeypatch.undo()
        finnish._voikko.cache_clear()
        finnish._word_lemmas.cache_clear()


@needs_voikko
def test_with_voikko_the_check_is_silent():
    assert "cooperation.W001" not in _check_ids()


def _refusing(name):
    real = __import__

    def fake(module, *args, **kwargs):
        if module == name:
            raise ImportError(module)
        return real(module, *args, **kwargs)

    return fake


def test_a_word_is_analysed_once_whatever_its_case():
    finnish._word_lemmas.cache_clear()
    first = word_lemmas("Nuorten")
    assert word_lemmas("nuorten") == first
    assert finnish._word_lemmas.cache_info().hits == 1
    # What the cache holds cannot be changed by a caller.
    assert isinstance(first, frozenset)
