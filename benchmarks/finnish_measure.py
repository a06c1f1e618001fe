"""Measure the Finnish word forms of the search (cooperation/search/finnish.py).

    .venv/bin/python benchmarks/finnish_measure.py

A signal-like text of about 1,600 characters (160 words, the region's everyday
vocabulary), reduced to its dictionary forms: once with an empty word cache
(Voikko analyses every word) and then from the cache, as an index rebuild meets
the same words again. In-process: no database or web server is involved.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEXT = (
    "Alueella asuvat ikääntyneet kertovat yksinäisyydestä ja siitä, että "
    "mielenterveyspalveluihin on vaikea päästä. Nuorten vertaisryhmät kokoontuvat "
    "kirjaston tiloissa torstaisin, ja ruoka-apua jaetaan seurakunnan tiloissa. "
    "Vanhempien jaksaminen huolettaa järjestöjä. "
) * 6


def main() -> None:
    from cooperation.search import finnish

    if not finnish.available():
        sys.exit("Voikko is not installed: apt-get install libvoikko1 voikko-fi")
    count = len(finnish.words(TEXT))
    distinct = len(set(finnish.words(TEXT)))
    finnish.lemmas("lämmitys")  # loads Voikko and its dictionary
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        finnish._word_lemmas.cache_clear()
        finnish.lemmas(TEXT)
    uncached = (time.perf_counter() - started) / rounds
    started = time.perf_counter()
    for _ in range(rounds * 10):
        finnish.lemmas(TEXT)
    cached = (time.perf_counter() - started) / (rounds * 10)
    print(f"{len(TEXT):,} characters, {count} words, {distinct} different")
    print("| word cache | ms per text | µs per word | µs per different word |")
    print("|---|---|---|---|")
    print(
        f"| empty | {uncached * 1000:.1f} | {uncached / count * 1e6:.0f} "
        f"| {uncached / distinct * 1e6:.0f} |"
    )
    print(f"| warm | {cached * 1000:.2f} | {cached / count * 1e6:.1f} | - |")


if __name__ == "__main__":
    main()
