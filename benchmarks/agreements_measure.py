"""Measure the public register of agreements and a municipality's register PDF.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/agreements_measure.py

Build the data first (benchmarks/generate.py, then benchmarks/agreements_generate.py).
Under gunicorn (2 sync workers), anonymous GETs of the public register with one
client and keep-alive, beside the bare view; queries counted in-process. Then the
register PDF of Turku (the largest) as the coordinator, in-process, with its peak
memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from grants_measure import _anonymous_queries, _serve  # noqa: E402
from signals_measure import timed_gets  # noqa: E402

PAGES = [
    ("public register", "/agreements/"),
    ("register, Turku", "/agreements/?municipality=853"),
    ("register, kind + theme", "/agreements/?kind=development&theme=mental-health"),
    ("register, in force in a year", "/agreements/?year=2024"),
    ("register, organisation search", "/agreements/?q=kerho"),
    ("register, page 20", "/agreements/?page=20"),
    ("register CSV, Turku", "/agreements/agreements.csv?municipality=853"),
]


def measure(requests: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from cooperation.models import User
    from partnerships.models import Agreement

    total = Agreement.objects.count()
    queries = {path: _anonymous_queries(path) for _name, path in PAGES}
    coordinator = Client()
    coordinator.force_login(User.objects.get(email="bench.coordinator@example.fi"))
    turku = Agreement.objects.filter(municipality__code="853").exclude(status="draft").count()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    pdf = coordinator.get("/agreements/register.pdf?municipality=853")
    pdf_seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert pdf.status_code == 200, pdf.status_code
    connection.close()

    server = _serve()
    try:
        rows = [("bare Django view", "-", timed_gets("/bench/bare/", "", requests))]
        for name, path in PAGES:
            timed_gets(path, "", 10)
            rows.append((name, queries[path], timed_gets(path, "", requests)))
    finally:
        server.terminate()
        server.wait()
    print(f"\n### Agreements, {total:,} in the register ({requests} requests a page)\n")
    print("| page | queries | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name, count, result in rows:
        print(f"| {name} | {count} | {result['p50']} | {result['p95']} |")
    print(
        f"\nRegister PDF of Turku ({turku:,} agreements, coordinator, in-process): "
        f"{pdf_seconds:.2f} s, {len(pdf.content) / 1e6:.1f} MB, peak memory "
        f"{peak / 1024:.0f} MiB (before: {before / 1024:.0f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    measure(args.requests)


if __name__ == "__main__":
    main()
