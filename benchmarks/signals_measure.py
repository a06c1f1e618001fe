"""Measure the signal admin against a stock ModelAdmin, and the weekly digest.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/signals_measure.py admin
    DATABASE_URL=... .venv/bin/python benchmarks/signals_measure.py digest --count 5000

Build the data first (benchmarks/generate.py, then benchmarks/signals_generate.py).

`admin`: under gunicorn (2 sync workers), GETs of the NGO team's signal list in
our admin (a Turku team member) and of a stock ModelAdmin over the same table
(benchmarks/urls.py, as a superuser), in the same run, with the bare view as
the floor. Reports p50/p95 at one client and the SQL query count.

`digest`: adds `--count` new signals for Turku, runs the weekly job (build,
PDF, mail to the three team members through Django's in-memory mail backend)
in this process, and reports the time and the process's peak memory. Run it
with different counts to see whether memory grows. Everything it adds is
rolled back at the end.
"""

from __future__ import annotations

import argparse
import http.client
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
PORT = 8766
TEAM_MEMBER = "bench.team1@example.fi"
SUPERUSER = "bench.superuser@example.fi"

OUR_PAGES = [
    ("team list", "/admin/signals/signal/"),
    ("team list, status filter", "/admin/signals/signal/?status__exact=received"),
    ("team list, topic filter", "/admin/signals/signal/?topic={topic}"),
    ("team list, search (frequent word)", "/admin/signals/signal/?q=yksinäisyydestä"),
    ("team list, search (two words)", "/admin/signals/signal/?q=ruoka-apua+jonottavat"),
    ("team list, search (rare)", "/admin/signals/signal/?q=kuljetuspalvelun+pimeällä"),
    ("team list, page 10", "/admin/signals/signal/?p=10"),
]
STOCK_PAGES = [
    ("stock list", "/bench/stock-admin/signals/signal/"),
    ("stock list, search", "/bench/stock-admin/signals/signal/?q=yksinäisyydestä"),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed_gets(path: str, cookie: str, count: int) -> dict:
    path = quote(path, safe="/?=&+")
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "fi"})
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, (path, response.status)
    connection.close()
    return {
        "p50": round(statistics.median(latencies), 1),
        "p95": round(percentile(latencies, 0.95), 1),
    }


def session_cookie(email: str) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    from cooperation.models import User

    client.force_login(User.objects.get(email=email))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def query_count(path: str, email: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cooperation.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def measure_admin(requests: int, stock_requests: int) -> None:
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import connection

    from cooperation.models import User
    from signals.models import Signal, Topic

    superuser, created = User.objects.get_or_create(
        email=SUPERUSER, defaults={"is_superuser": True, "is_staff": True}
    )
    if created:
        TOTP.activate(superuser, generate_totp_secret())
    topic = Topic.objects.get(slug="housing").pk
    ours = [(name, path.format(topic=topic)) for name, path in OUR_PAGES]
    total = Signal.objects.count()
    queries = {path: query_count(path, TEAM_MEMBER) for _name, path in ours}
    cookies = {"ours": session_cookie(TEAM_MEMBER), "stock": session_cookie(SUPERUSER)}
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
            "--timeout",
            "300",
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
        rows = [("bare Django view", "-", timed_gets("/bench/bare/", "", requests))]
        for name, path in ours:
            timed_gets(path, cookies["ours"], 10)  # warm-up
            rows.append((name, queries[path], timed_gets(path, cookies["ours"], requests)))
        for name, path in STOCK_PAGES:
            timed_gets(path, cookies["stock"], 1)
            rows.append((name, "-", timed_gets(path, cookies["stock"], stock_requests)))
    finally:
        server.terminate()
        server.wait()
    print(
        f"\n### Signal admin, {total:,} signals ({requests} requests a page, stock: {stock_requests})\n"
    )
    print("| page | queries | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name, count, result in rows:
        print(f"| {name} | {count} | {result['p50']} | {result['p95']} |")


def measure_digest(count: int) -> None:
    import django

    django.setup()
    from django.db import transaction
    from django.test import override_settings

    from cooperation.models import Organisation, PublicBody
    from signals import services
    from signals.models import Signal

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import random

    from signals_generate import description

    rng = random.Random(count)
    turku = PublicBody.objects.get(code="853")
    organisation = Organisation.objects.order_by("pk").first()
    # Mail is built in full (MIME, PDF attached, base64) and measured, then dropped:
    # the in-memory backend would keep every copy and so measure itself.
    sent = []

    def count_sent(messages):
        sent.extend((len(m.attachments), len(m.message().as_bytes())) for m in messages)
        return len(messages)

    dummy = "django.core.mail.backends.dummy.EmailBackend"
    with (
        override_settings(MAILERS={"default": {"BACKEND": dummy}}),
        mock.patch(f"{dummy}.send_messages", side_effect=count_sent),
        transaction.atomic(),
    ):
        for start in range(0, count, 500):  # in slices, so setup stays small
            Signal.objects.bulk_create(
                Signal(
                    reference=f"Z{n:03d}-{rng.randrange(16**4):04X}"[:9],
                    kind="silent_signal",
                    description=description(rng),
                    municipality=turku,
                    area="Varissuo",
                    current_action="Pidämme kerhoa kahdesti viikossa.",
                    organisation=organisation,
                    organisation_name=organisation.name,
                    channel=Signal.Channel.ORGANISATION_LINK,
                    receipt_hash=f"digest-bench-{n:051d}",
                )
                for n in range(start, min(count, start + 500))
            )
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        built, failing = services.digest_run()
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        bundle = next(d for d in built if d.signal_count == count)
        with_pdf = [size for attachments, size in sent if attachments]
        print(
            f"digest of {bundle.signal_count} signals: built, PDF and mail ({with_pdf[0] / 1e6:.1f} MB each) "
            f"and mailed to {len(with_pdf)} team members in {elapsed:.1f} s; peak memory "
            f"{peak / 1024:.0f} MiB (before: {baseline / 1024:.0f} MiB); failing: {failing}"
        )
        transaction.set_rollback(True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="what", required=True)
    admin = sub.add_parser("admin")
    admin.add_argument("--requests", type=int, default=200)
    admin.add_argument("--stock-requests", type=int, default=10)
    digest = sub.add_parser("digest")
    digest.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    if args.what == "admin":
        measure_admin(args.requests, args.stock_requests)
    else:
        measure_digest(args.count)


if __name__ == "__main__":
    main()
