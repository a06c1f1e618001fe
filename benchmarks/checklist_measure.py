"""Measure the checklist's regional comparison, a municipality's page and the PDFs.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/checklist_measure.py

Build the data first (benchmarks/generate.py, then benchmarks/checklist_generate.py).
Under gunicorn (2 sync workers), GETs with one client and keep-alive: the
comparison as the coordinator (total, a theme, sorted by the difference, the CSV)
and Turku's public page; queries counted in-process. Then the regional summary
PDF and Turku's latest report PDF, in-process.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from grants_measure import _anonymous_queries, _serve  # noqa: E402
from signals_measure import query_count, session_cookie, timed_gets  # noqa: E402

COORDINATOR = "bench.coordinator@example.fi"
PAGES = [
    ("comparison, total", "/checklist/compare/", COORDINATOR),
    ("comparison, one theme", "/checklist/compare/?theme=structures", COORDINATOR),
    ("comparison, by difference", "/checklist/compare/?sort=gap", COORDINATOR),
    ("comparison, an earlier year", "/checklist/compare/?year={first}", COORDINATOR),
    ("comparison CSV", "/checklist/compare.csv", COORDINATOR),
    ("Turku's page (public)", "/checklist/municipalities/853/", None),
    ("all municipalities (public)", "/checklist/", None),
]


def measure(requests: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from cooperation.checklist.models import Assessment
    from cooperation.models import User

    published = Assessment.objects.filter(status="published")
    first = min(published.values_list("year", flat=True))
    pages = [(name, path.format(first=first), who) for name, path, who in PAGES]
    queries = {
        path: query_count(path, who) if who else _anonymous_queries(path)
        for _name, path, who in pages
    }
    coordinator = Client()
    coordinator.force_login(User.objects.get(email=COORDINATOR))
    timings = {}
    latest = published.filter(municipality__code="853").order_by("-year").first()
    for name, path in (
        ("regional summary PDF", "/checklist/compare.pdf"),
        ("Turku's report PDF", f"/checklist/assessments/{latest.pk}/report.pdf"),
    ):
        coordinator.get(path)
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            response = coordinator.get(path)
            runs.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
        timings[name] = (max(runs), len(response.content))
    cookie = session_cookie(COORDINATOR)
    connection.close()

    server = _serve()
    try:
        rows = [("bare Django view", "-", timed_gets("/bench/bare/", "", requests))]
        for name, path, who in pages:
            timed_gets(path, cookie if who else "", 10)  # warm-up
            rows.append((name, queries[path], timed_gets(path, cookie if who else "", requests)))
    finally:
        server.terminate()
        server.wait()
    subjects = published.values("municipality").distinct().count()
    years = published.values("year").distinct().count()
    print(
        f"\n### Checklist, {published.count():,} published assessments "
        f"({subjects} municipalities × {years} years; {requests} requests a page)\n"
    )
    print("| page | queries | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name, count, result in rows:
        print(f"| {name} | {count} | {result['p50']} | {result['p95']} |")
    for name, (seconds, size) in timings.items():
        print(f"\n{name} (coordinator, in-process, slowest of 5): {seconds:.2f} s, {size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    measure(args.requests)


if __name__ == "__main__":
    main()
