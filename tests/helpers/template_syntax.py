"""Template tags, variables and comments that run over a line break.

Django reads `{# … #}`, `{% … %}` and `{{ … }}` only within one line: one that
spans lines is printed as it stands, so a developer's note or a tag ends up on
the page, in a PDF or in a mail. `{% comment %}` is the way to a longer note.

    .venv/bin/python -m tests.helpers.template_syntax [FILE …]

lists each such place (every template of the project when no file is named)
and exits 1 when there is one."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cooperation", "signals", "grants", "partnerships")
_OPENERS = {"{#": "#}", "{%": "%}", "{{": "}}"}
_OPENER = re.compile(r"\{[#%{]")


def templates() -> list[Path]:
    folders = [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]
    return sorted(
        p for folder in folders for p in folder.rglob("*") if p.suffix in (".html", ".txt")
    )


def broken(text: str) -> list[tuple[int, str]]:
    """(line number, the line) of every opener whose closer is not on its line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        position = 0
        while match := _OPENER.search(line, position):
            closer = _OPENERS[match.group()]
            end = line.find(closer, match.end())
            if end < 0:
                found.append((number, line.strip()[:80]))
                break
            position = end + len(closer)
    return found


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] if paths else templates()
    problems = 0
    for path in files:
        for number, line in broken(path.read_text(encoding="utf-8")):
            print(f"{path}:{number}: runs over the line break, Django prints it: {line}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
