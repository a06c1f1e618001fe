"""Measure pages under gunicorn on the benchmark database, beside a bare Django view.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench \
        .venv/bin/python benchmarks/measure.py --label region

Build the data first with benchmarks/generate.py. For each page it reports the
SQL queries (counted in-process) and, under gunicorn (2 sync workers on this
2-core machine), p50/p95 latency and throughput with 1 and with 10 concurrent
clients. The bare view is measured in the same run: these machines are noisy,
and the bare view shows how noisy. It also times the directory PDF of every
public organisation (in-process, as a coordinator).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

PORT = 8765
PAGES = [
    ("bare Django view", "/bench/bare/"),
    ("front page", "/"),
    ("directory", "/organisations/"),
    ("directory, Turku", "/organisations/?municipality=853"),
    (
        "directory, theme + target group",
        "/organisations/?theme=mental-health&target_group=young-people",
    ),
    ("directory, page 10", "/organisations/?page=10"),
    ("directory, text search", "/organisations/?q=kerho"),
    ("organisation page", "/organisations/{org}/"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load(path: str, clients: int, requests: int) -> dict:
    """`requests` GETs of `path` spread over `clients` threads with keep-alive."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_client = max(1, requests // clients)

    def worker():
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        mine = []
        for _ in range(per_client):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Language": "fi"})
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                with lock:
                    errors += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "rps": round(len(latencies) / elapsed, 1),
        "errors": errors,
    }


def count_queries(path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(context.captured_queries)


def time_directory_pdf() -> tuple[float, int]:
    from django.test import Client

    from cooperation.models import Organisation, User

    client = Client()
    client.force_login(User.objects.get(email="bench.coordinator@example.fi"))
    started = time.perf_counter()
    response = client.get("/organisations/directory.pdf")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return elapsed, Organisation.objects.filter(is_public=True).count()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--label", default="region")
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per page and client count"
    )
    parser.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from cooperation.models import Organisation

    org = (
        Organisation.objects.filter(is_public=True)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    pages = [(name, path.format(org=org)) for name, path in PAGES]
    queries = {path: count_queries(path) for _name, path in pages}
    connection.close()

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
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request(
                    "GET", "/bench/bare/"
                )
                break
            except OSError:
                time.sleep(0.1)
        results = []
        for name, path in pages:
            load(path, 1, 30)  # warm-up: connections, caches
            one = load(path, 1, args.requests)
            ten = load(path, 10, args.requests)
            results.append(
                {"page": name, "path": path, "queries": queries[path], "1": one, "10": ten}
            )
    finally:
        server.terminate()
        server.wait()

    pdf = None
    if args.pdf:
        seconds, count = time_directory_pdf()
        pdf = {"seconds": round(seconds, 2), "organisations": count}

    print(f"\n### {args.label}: {Organisation.objects.count()} organisations\n")
    print(
        "| page | queries | 1 client p50 / p95 ms | 1 client req/s | 10 clients p50 / p95 ms | 10 clients req/s |"
    )
    print("|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['page']} | {r['queries']} | {r['1']['p50_ms']} / {r['1']['p95_ms']} | {r['1']['rps']} "
            f"| {r['10']['p50_ms']} / {r['10']['p95_ms']} | {r['10']['rps']} |"
        )
    if pdf:
        print(f"\nDirectory PDF of {pdf['organisations']} organisations: {pdf['seconds']} s")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / f"{args.label}.json").write_text(json.dumps({"pages": results, "pdf": pdf}, indent=2))


if __name__ == "__main__":
    main()
