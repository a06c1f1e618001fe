"""Every string the portal shows has a real Finnish and Swedish translation.

`makemessages` leaves new strings empty and marks guessed ones fuzzy; both
would show English to a Finnish or Swedish reader, so either fails here.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import catalogues
from tests.helpers.catalogues import entries

CATALOGUES = ["locale", "locale/dependencies"]


def _po_files(language):
    for folder in CATALOGUES:
        yield from sorted(
            (Path(settings.BASE_DIR) / folder / language / "LC_MESSAGES").glob("*.po")
        )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_string_is_translated(language):
    paths = list(_po_files(language))
    assert len(paths) == 3  # the project's, and django and djangojs of the dependencies
    missing = [
        (path.name, msgid)
        for path in paths
        for _, msgid, _, flags, msgstrs in entries(path.read_text(encoding="utf-8"))
        if msgid and ("fuzzy" in flags or not all(msgstrs))
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_message_of_a_dependency_is_left_in_english(language):
    """Every message that Django, its admin, allauth and django-filter have in
    their code is served translated: by their catalogue or by ours."""
    assert catalogues.missing(language) == []


def test_the_dependency_check_sees_a_message_left_in_english(monkeypatch):
    monkeypatch.setattr(catalogues, "served_catalogue", lambda *args: {"Run": "Suorita"})
    left = {msgid for _, _, _, msgid, _ in catalogues.missing("fi")}
    assert "- Select an option -" in left  # django.conf
    assert "Search %(name)s" in left  # the admin
    assert "Multiple values may be separated by commas." in left  # django-filter
    assert "Run" not in left


def test_the_check_sees_a_missing_translation():
    po = 'msgid "Hello"\nmsgstr ""\n\n#, fuzzy\nmsgid "Bye"\nmsgstr "Hei"\n\nmsgid "Ok"\nmsgstr "Selvä"\n'
    found = [
        msgid for _, msgid, _, flags, msgstrs in entries(po) if "fuzzy" in flags or not all(msgstrs)
    ]
    assert found == ["Hello", "Bye"]
