"""Finnish words as their dictionary forms, for the search index and its queries.

Finnish inflects and compounds: "nuorten", "nuoria" and "nuoret" are one word, and
"Mielenterveysyhdistys" holds "mielenterveys". PostgreSQL's Snowball stemmer cuts
them to different stems, so a search for one form misses the others. Voikko, the
Finnish morphological analyser, gives each word's base form and the parts of a
compound; `lemmas()` returns those, and the index and the query both go through it.

Voikko is a C library with a dictionary (Debian's `libvoikko1` and `voikko-fi`,
which `python3 dev.py`, `.ci/run` and the Dockerfile install). Without it the
words are only lowercased, the search falls back to PostgreSQL's stems, and
`manage.py check` warns (cooperation.W001).
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache

# A word: letters and digits, inner hyphens kept ("ruoka-apua" is one word to
# Voikko), apostrophes and colons of forms such as "Pohjois-Suomen" or "EU:n".
_WORD = re.compile(r"\w+(?:[-:'’]\w+)*")
# Voikko's handle is not safe for two threads at once (gunicorn threads, Celery).
_LOCK = threading.Lock()
# One analysis's structure: "+mielen(mieli)+terve(terve)+ys(+ys)+yhdist(yhdistää)+ys(+ys)".
_SEGMENT = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")


@cache
def _voikko():
    try:
        import libvoikko
    except ImportError:
        return None
    try:
        return libvoikko.Voikko("fi")
    except OSError:  # the library or the Finnish dictionary is not installed
        return None


def available() -> bool:
    """Whether Voikko and its Finnish dictionary are installed."""
    return _voikko() is not None


def words(text: str) -> list[str]:
    """The words of a text, lowercased, in order."""
    return [match.group(0).lower() for match in _WORD.finditer(text)]


def _parts(wordbases: str) -> list[tuple[str, str]]:
    """(form in the compound, base form) of each part of a compound. A
    derivational ending ("ys" of "terveys", marked by a base beginning with +)
    and a bare joint (the hyphen, the "n" of "ikääntynyt") belong to the part
    before them."""
    parts: list[list[str]] = []
    for surface, base in _SEGMENT.findall(wordbases):
        if not surface:
            continue
        if parts and (not base or base.startswith("+")):
            parts[-1][0] += surface
            parts[-1][1] = ""  # a derived word's base is its own form
            continue
        parts.append([surface, base])
    return [(surface.lower(), (base or surface).lower()) for surface, base in parts]


def _forms(word: str, analysis: dict) -> set[str]:
    """The base form of one analysis, and of a compound also each part and each
    run of adjacent parts ("mielenterveys" and "terveysyhdistys" of
    "mielenterveysyhdistys")."""
    baseform = analysis.get("BASEFORM", word).lower()
    forms = {baseform}
    parts = _parts(analysis.get("WORDBASES", ""))
    if len(parts) < 2:
        return forms
    surfaces = [surface for surface, _base in parts]
    # The last part's base is what the compound's base form ends in.
    prefix = "".join(surfaces[:-1])
    last = baseform[len(prefix) :] if baseform.startswith(prefix) else parts[-1][1]
    bases = [base for _surface, base in parts[:-1]] + [last]
    forms.update(base.strip("-") for base in bases)
    for start in range(len(parts)):
        for end in range(start + 1, len(parts)):
            if (start, end) == (0, len(parts) - 1):
                continue  # the whole word: its base form is already there
            ending = last if end == len(parts) - 1 else surfaces[end].rstrip("-")
            forms.add("".join(surfaces[start:end]) + ending)
    return {form for form in forms if form}


def word_lemmas(word: str) -> frozenset[str]:
    """Every dictionary form `word` may be (a form can be two words: "nuoria" is
    "nuori" or "nuora"); the word itself, lowercased, when Voikko does not know it."""
    return _word_lemmas(word.lower())


# A text's words repeat, and so do a region's: remembered, a word costs about a
# microsecond instead of Voikko's 40 (benchmarks/finnish_measure.py).
@lru_cache(maxsize=200_000)
def _word_lemmas(word: str) -> frozenset[str]:
    voikko = _voikko()
    if voikko is None:
        return frozenset({word})
    with _LOCK:
        analyses = voikko.analyze(word)
    if not analyses:
        return frozenset({word})
    found: set[str] = set()
    for analysis in analyses:
        found |= _forms(word, analysis)
    return frozenset(found)


def lemmas(text: str) -> list[str]:
    """The dictionary forms of a text's words, each once, in the order met."""
    seen: dict[str, None] = {}
    for word in words(text):
        for lemma in sorted(word_lemmas(word)):
            seen.setdefault(lemma, None)
    return list(seen)
