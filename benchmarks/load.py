"""Load: concurrent users over the main pages and the signal form, against the
production stack (benchmarks/stack.py: gunicorn, PostgreSQL, Redis, Celery
worker and beat) on the region-sized data set.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \\
        .venv/bin/python benchmarks/load.py --users 50 --seconds 300

Each simulated user keeps one connection, waits `--think` seconds on average
between requests (0: none, the stack saturated), and picks at random: a public page (nine in ten) or the signal form through an
organisation's link (GET the form, then POST it). Reported: requests per second,
p50/p95/p99 latency per kind and overall, errors (any status but 200/302, or no
answer), and whether every signal the server took is in the database.
The load generator runs on the same two cores as the stack: the figures are a
floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from benchmarks.stack import PORT, Stack  # noqa: E402

SAMPLES: dict = {}  # the first body of each error status, for the report
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def prepare(links: int) -> dict:
    """Addresses to visit, and signal links (made here: only their hashes are kept)."""
    import django

    django.setup()
    from cooperation.models import Membership, Organisation, PublicBody
    from grants.models import GrantCall
    from partnerships.models import Space
    from signals import services
    from signals.models import Signal, Topic

    admins = list(
        Membership.objects.filter(role=Membership.Role.ADMIN)
        .select_related("organisation", "user")
        .order_by("?")[:links]
    )
    tokens = [
        (
            m.organisation.municipalities.values_list("pk", flat=True).first(),
            services.link_create(by=m.user, organisation=m.organisation, label="load")[1],
        )
        for m in admins
    ]
    public = list(Organisation.objects.filter(is_public=True).values_list("pk", flat=True)[:500])
    pages = [
        "/",
        "/organisations/",
        "/organisations/?q=kerho",
        "/organisations/?municipality=853",
        "/signals/topics/",
        "/grants/",
        "/facilities/",
        "/checklist/",
        "/agreements/",
    ]
    pages += [f"/organisations/{pk}/" for pk in public[:50]]
    pages += [
        f"/grants/calls/{pk}/"
        for pk in GrantCall.objects.filter(is_published=True).values_list("pk", flat=True)[:20]
    ]
    pages += [f"/facilities/spaces/{pk}/" for pk in Space.objects.values_list("pk", flat=True)[:20]]
    pages += [
        f"/checklist/municipalities/{code}/"
        for code in PublicBody.objects.values_list("code", flat=True)[:10]
    ]
    pages += [
        f"/signals/topics/{slug}/" for slug in Topic.objects.values_list("slug", flat=True)[:10]
    ]
    return {"pages": pages, "tokens": tokens, "signals_before": Signal.objects.count()}


def signals_now() -> int:
    from signals.models import Signal

    return Signal.objects.count()


class User(threading.Thread):
    """One person: a page, or (with the chance `signal_share`) the signal form."""

    def __init__(self, plan, until, results, seed, signal_share=0.1, think=0.0):
        super().__init__(daemon=True)
        self.plan, self.until, self.results = plan, until, results
        self.signal_share = signal_share
        self.think = think
        self.random = random.Random(seed)
        self.connection = None
        self.cookies: dict[str, str] = {}

    def _request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            return None, b"", time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content, time.perf_counter() - started

    def _record(self, kind, status, elapsed, body=b""):
        ok = status in (200, 302)
        # An error answered with the portal's own error page (not a bare message
        # of the server, not a dropped connection).
        friendly = not ok and b'id="main"' in body
        self.results[kind].append((elapsed, ok, status, friendly))
        if not ok and status not in SAMPLES:
            SAMPLES[status] = body[:400].decode(errors="replace")

    def run(self):
        while time.monotonic() < self.until:
            if self.think:  # reading the page before the next click
                time.sleep(self.random.uniform(0, 2 * self.think))
            if self.random.random() >= self.signal_share:
                status, body, elapsed = self._request("GET", self.random.choice(self.plan["pages"]))
                self._record("page", status, elapsed, body)
                continue
            municipality, token = self.random.choice(self.plan["tokens"])
            status, body, elapsed = self._request("GET", f"/signals/send/{token}/")
            self._record("signal form", status, elapsed, body)
            match = CSRF.search(body.decode(errors="replace"))
            if status != 200 or not match:
                continue
            form = {
                "csrfmiddlewaretoken": match.group(1),
                "kind": "worry",
                "description": "Kuormitustesti: nuorilla ei ole iltaisin paikkaa olla.",
                "municipality": municipality,
                "sender_name": "Kuormitus",
                "sender_email": "kuormitus@example.fi",
            }
            status, body, elapsed = self._request(
                "POST",
                f"/signals/send/{token}/",
                body=urlencode(form),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            self._record("signal sent", status, elapsed, body)


def run_load(plan: dict, users: int, seconds: float, think: float = 0.0) -> dict:
    results: dict[str, list] = defaultdict(list)
    until = time.monotonic() + seconds
    threads = [User(plan, until, results, seed, think=think) for seed in range(users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summarise(results, time.monotonic() - started)


def summarise(results: dict, wall: float) -> dict:
    summary = {"seconds": round(wall, 1)}
    everything = []
    for kind, rows in sorted(results.items()):
        everything += rows
        summary[kind] = _figures(rows, wall)
    summary["all"] = _figures(everything, wall)
    summary["error_samples"] = {str(status): body for status, body in SAMPLES.items()}
    return summary


def _figures(rows, wall):
    latencies = [elapsed * 1000 for elapsed, _ok, _status, _friendly in rows]
    statuses = defaultdict(int)
    for _elapsed, ok, status, _friendly in rows:
        if not ok:
            statuses[str(status)] += 1
    return {
        "requests": len(rows),
        "per_second": round(len(rows) / wall, 1),
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "errors": sum(statuses.values()),
        "error_statuses": dict(statuses),
        "errors_with_the_error_page": sum(1 for row in rows if row[3]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--links", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a user reads before the next click"
    )
    args = parser.parse_args()
    plan = prepare(args.links)
    stack = Stack(workers=args.workers)
    stack.start()
    try:
        summary = run_load(plan, args.users, args.seconds, args.think)
    finally:
        stack.stop()
    sent = summary.get("signal sent", {}).get("requests", 0) - summary.get("signal sent", {}).get(
        "errors", 0
    )
    summary["signals_taken"] = sent
    summary["signals_stored"] = signals_now() - plan["signals_before"]
    summary["users"] = args.users
    summary["think_s"] = args.think
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
