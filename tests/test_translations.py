"""Every string the portal shows has a real Finnish and Swedish translation.

`makemessages` leaves new strings empty and marks guessed ones fuzzy; both
would show English to a Finnish or Swedish reader, so either fails here.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _entries(po_text):
    """Yield (msgid, flags, msgstrs) of each live entry of a .po file."""
    for block in po_text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        flags, parts, current = "", {}, None
        for line in lines:
            if line.startswith("#,"):
                flags += line
            elif line.startswith("msg"):
                current = line.split(" ", 1)[0]
                parts[current] = "".join(_STRING.findall(line))
            elif line.startswith('"') and current:
                parts[current] += "".join(_STRING.findall(line))
        msgstrs = [value for key, value in parts.items() if key.startswith("msgstr")]
        yield parts.get("msgid", ""), flags, msgstrs


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_string_is_translated(language):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    missing = [
        msgid
        for msgid, flags, msgstrs in _entries(path.read_text(encoding="utf-8"))
        if msgid and ("fuzzy" in flags or not all(msgstrs))
    ]
    assert missing == []


def test_the_check_sees_a_missing_translation():
    po = 'msgid "Hello"\nmsgstr ""\n\n#, fuzzy\nmsgid "Bye"\nmsgstr "Hei"\n\nmsgid "Ok"\nmsgstr "Selvä"\n'
    found = [
        msgid for msgid, flags, msgstrs in _entries(po) if "fuzzy" in flags or not all(msgstrs)
    ]
    assert found == ["Hello", "Bye"]
