"""Measure a need's page with 5,000 signals behind it and the needs' statistics at
region size (ten years), beside the bare Django view.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/needs_measure.py

Build the data first (generate.py, signals_generate.py, grants_generate.py,
agreements_generate.py, then needs_generate.py). Under gunicorn (2 sync workers),
GETs with one client and keep-alive: the big need's page as Turku's NGO team (its
signals, charts and trail) and as the public; the statistics as the public and as
the coordinator (every need), filtered by body and by year; an area challenges
edition. Queries counted in-process.
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
from needs_generate import BIG_NEED  # noqa: E402
from signals_measure import TEAM_MEMBER, query_count, session_cookie, timed_gets  # noqa: E402

COORDINATOR = "bench.coordinator@example.fi"


def measure(requests: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from cooperation.models import PublicBody, User
    from signals.models import ChallengeEdition, Need
    from signals.needs.selectors import SIGNALS_PER_PAGE

    need = Need.objects.get(title_fi=BIG_NEED)
    turku = PublicBody.objects.get(code="853")
    edition = ChallengeEdition.objects.filter(municipality=turku).order_by("-year").first()
    year = edition.year - 3
    last = -(-need.signals.count() // SIGNALS_PER_PAGE)
    pages = [
        ("need page, NGO team (5,000 signals)", f"/signals/needs/{need.pk}/", TEAM_MEMBER),
        ("need page, page 50 of its signals", f"/signals/needs/{need.pk}/?page=50", TEAM_MEMBER),
        (
            f"need page, its last page ({last})",
            f"/signals/needs/{need.pk}/?page={last}",
            TEAM_MEMBER,
        ),
        ("need page, public", f"/signals/needs/{need.pk}/", None),
        ("statistics, public", "/signals/needs/statistics/", None),
        ("statistics, coordinator (every need)", "/signals/needs/statistics/", COORDINATOR),
        ("statistics, Turku", f"/signals/needs/statistics/?body={turku.pk}", None),
        ("statistics, one year", f"/signals/needs/statistics/?year={year}", None),
        ("area challenges of Turku", f"/signals/challenges/{edition.pk}/", None),
        ("needs list, public", "/signals/needs/", None),
    ]
    queries = {
        path + (who or ""): (query_count(path, who) if who else _anonymous_queries(path))
        for _name, path, who in pages
    }
    cookies = {who: session_cookie(who) for _name, _path, who in pages if who}
    total = Need.objects.count()
    signals = need.signals.count()
    coordinator = Client()
    coordinator.force_login(User.objects.get(email=COORDINATOR))
    started = time.perf_counter()
    csv = coordinator.get("/signals/needs/statistics.csv")
    csv_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pdf = coordinator.get("/signals/needs/statistics.pdf")
    pdf_seconds = time.perf_counter() - started
    assert csv.status_code == pdf.status_code == 200
    connection.close()

    server = _serve()
    try:
        rows = [("bare Django view", "-", timed_gets("/bench/bare/", "", requests))]
        for name, path, who in pages:
            cookie = cookies.get(who, "") if who else ""
            timed_gets(path, cookie, 10)  # warm-up
            rows.append((name, queries[path + (who or "")], timed_gets(path, cookie, requests)))
    finally:
        server.terminate()
        server.wait()
    print(
        f"\n### Needs, {total:,} over ten years; the big need has {signals:,} signals "
        f"({requests} requests a page)\n"
    )
    print("| page | queries | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name, count, result in rows:
        print(f"| {name} | {count} | {result['p50']} | {result['p95']} |")
    print(
        f"\nStatistics CSV, every need (coordinator, in-process): {csv_seconds * 1000:.0f} ms, "
        f"{len(csv.content):,} bytes; PDF: {pdf_seconds:.2f} s, {len(pdf.content):,} bytes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    measure(args.requests)


if __name__ == "__main__":
    main()
