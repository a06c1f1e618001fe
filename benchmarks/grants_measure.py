"""Measure the grant officer's application list and the grant statistics.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/grants_measure.py

Build the data first (benchmarks/generate.py, then benchmarks/grants_generate.py).
Under gunicorn (2 sync workers on this 2-core machine), GETs of Turku's grant
officer's pages and the public statistics, one client with keep-alive, with the
bare view as the floor of these noisy machines. Reports p50/p95 and the SQL
query count (counted in-process). The statistics PDF is timed in-process.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from signals_measure import PORT, query_count, session_cookie, timed_gets  # noqa: E402

OFFICER = "bench.grants@example.fi"
PAGES = [
    ("officer: application list", "/grants/applications/", OFFICER),
    ("officer: list, status filter", "/grants/applications/?status=in_review", OFFICER),
    ("officer: list, search", "/grants/applications/?q=kerho", OFFICER),
    ("officer: list, page 20", "/grants/applications/?page=20", OFFICER),
    ("statistics, by municipality", "/grants/statistics/", None),
    ("statistics, by theme", "/grants/statistics/?dimension=theme", None),
    ("statistics, by size, Turku", "/grants/statistics/?dimension=size&municipality={turku}", None),
    ("statistics CSV", "/grants/statistics.csv?dimension=theme", None),
]


def _serve():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "benchmarks.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/bench/bare/")
            return server
        except OSError:
            time.sleep(0.1)
    return server


def _anonymous_queries(path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def measure(requests: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from cooperation.models import PublicBody, User
    from grants.models import Application

    turku = PublicBody.objects.get(code="853").pk
    pages = [(name, path.format(turku=turku), who) for name, path, who in PAGES]
    total = Application.objects.count()
    queries = {
        path: query_count(path, who) if who else _anonymous_queries(path) for _n, path, who in pages
    }
    cookie = session_cookie(OFFICER)
    coordinator = Client()
    coordinator.force_login(User.objects.get(email="bench.coordinator@example.fi"))
    started = time.perf_counter()
    pdf = coordinator.get("/grants/statistics.pdf?dimension=municipality")
    pdf_seconds = time.perf_counter() - started
    assert pdf.status_code == 200
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
    print(f"\n### Grants, {total:,} applications over five years ({requests} requests a page)\n")
    print("| page | queries | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name, count, result in rows:
        print(f"| {name} | {count} | {result['p50']} | {result['p95']} |")
    print(
        f"\nStatistics PDF (coordinator, in-process): {pdf_seconds:.2f} s, {len(pdf.content):,} bytes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    measure(args.requests)


if __name__ == "__main__":
    main()
