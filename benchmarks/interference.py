"""Interference: can anonymous visitors on the heaviest public pages take the
front page down? The production stack (benchmarks/stack.py) on the region data
with a million signals and 100,000 applications.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \\
        .venv/bin/python benchmarks/interference.py --seconds 30

Visitors load the front page at a steady rate (`--rate`, 100 a second: two
clients), alone and then beside three anonymous clients that load the public
pages whose work grows with the data (the signal topics, a topic's outcomes at
any page, the grant statistics with every choice of filters) as fast as they
are answered. Reported: the front page's requests per second and p95 in both
phases, their ratio (at least 80 % is asked), and the heavy pages' own
figures. A steady rate, not a loop as fast as answered: on two cores shared
with the load generator, any extra client takes a share of a saturated CPU,
whatever the pages cost; what matters is whether the front page's visitors
are still served. `--uncached` runs the
stack with the figures recounted on every request (PUBLIC_SUMMARY_SECONDS=0),
as the pages were before, to show the difference in the same run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from benchmarks.load import percentile  # noqa: E402
from benchmarks.stack import PORT, Stack  # noqa: E402


def heavy_pages() -> list[str]:
    import django

    django.setup()
    from signals.models import Topic

    slugs = list(Topic.objects.values_list("slug", flat=True))
    rng = random.Random(7)
    pages = ["/signals/topics/"] * 20
    pages += [
        f"/signals/topics/{rng.choice(slugs)}/?page={rng.randrange(1, 200)}" for _ in range(20)
    ]
    for _ in range(20):
        start = rng.randrange(2018, 2027)
        dimension = rng.choice(["municipality", "theme", "size"])
        pages.append(
            f"/grants/statistics/?dimension={dimension}&year_from={start}&year_to={start + rng.randrange(0, 4)}"
        )
    return pages


class Client(threading.Thread):
    """Loads `paths` in a loop: as fast as answered, or `rate` requests a second."""

    def __init__(self, paths: list[str], until: float, seed: int, rate: float = 0):
        super().__init__(daemon=True)
        self.paths, self.until = paths, until
        self.interval = 1 / rate if rate else 0
        self.random = random.Random(seed)
        self.latencies: list[float] = []
        self.errors = 0
        self.statuses: dict[int, int] = {}

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        due = time.monotonic()
        while time.monotonic() < self.until:
            if self.interval:
                # A steady stream of visitors: a late answer is not made up for.
                due = max(due + self.interval, time.monotonic() - self.interval)
                time.sleep(max(0.0, due - time.monotonic()))
            path = self.random.choice(self.paths)
            started = time.monotonic()
            try:
                connection.request("GET", path, headers={"Accept-Language": "fi"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                status = 0
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status != 200:
                self.errors += 1
            else:
                self.latencies.append(time.monotonic() - started)


def phase(seconds: float, *, rate: float, heavy: list[str] | None) -> dict:
    until = time.monotonic() + seconds
    front = [Client(["/"], until, seed, rate=rate / 2) for seed in range(2)]
    others = [Client(heavy, until, 100 + seed) for seed in range(3)] if heavy else []
    for client in front + others:
        client.start()
    for client in front + others:
        client.join()

    def figures(clients):
        latencies = [value for client in clients for value in client.latencies]
        statuses: dict[int, int] = {}
        for client in clients:
            for status, count in client.statuses.items():
                statuses[status] = statuses.get(status, 0) + count
        return {
            "requests_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": round(1000 * percentile(latencies, 0.5), 1),
            "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
            "statuses": statuses,
        }

    result = {"front_page": figures(front)}
    if others:
        result["heavy_pages"] = figures(others)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--uncached", action="store_true")
    parser.add_argument(
        "--rate", type=float, default=100, help="front-page requests a second offered"
    )
    args = parser.parse_args()
    heavy = heavy_pages()
    if args.uncached:
        os.environ["PUBLIC_SUMMARY_SECONDS"] = "0"
    stack = Stack()
    stack.start()
    try:
        for path in [] if args.uncached else sorted(set(heavy)):  # the summaries made once
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            connection.request("GET", path)
            connection.getresponse().read()
        alone = phase(args.seconds, rate=args.rate, heavy=None)
        beside = phase(args.seconds, rate=args.rate, heavy=heavy)
    finally:
        stack.stop()
    kept = beside["front_page"]["requests_per_s"] / max(alone["front_page"]["requests_per_s"], 0.1)
    print(
        json.dumps(
            {
                "uncached": args.uncached,
                "front_page_rate_offered": args.rate,
                "alone": alone,
                "beside_three_heavy_clients": beside,
                "front_page_throughput_kept": f"{100 * kept:.0f} %",
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
