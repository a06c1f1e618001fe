"""Measure My tasks (the desk) for a person with few and with 1,000 items waiting.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \\
        .venv/bin/python benchmarks/desk_measure.py

Build the region first (benchmarks/generate.py). The script makes a Turku
official who holds every role (NGO team, grant officer, facility manager,
liaison person), gives them 10 items to start with (signals to check,
applications to screen, booking requests), measures, then tops them up to
1,000 items and measures again. Under gunicorn (2 sync workers), GETs with one
client and keep-alive, beside a bare Django view in the same run; queries
counted in-process. Running it again starts from the same state.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from grants_measure import _serve  # noqa: E402
from signals_measure import query_count, session_cookie, timed_gets  # noqa: E402

EMAIL = "bench.desk@example.fi"
MARK = "BENCH-DESK"  # in every row the script makes, so that a rerun removes them


def _person():
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from cooperation.models import Official, OfficialRole, PublicBody, User

    user, _created = User.objects.get_or_create(email=EMAIL, defaults={"full_name": "Desk Bench"})
    if not Authenticator.objects.filter(user=user).exists():  # officials must use 2FA
        TOTP.activate(user, generate_totp_secret())
    official, _created = Official.objects.get_or_create(
        user=user, defaults={"municipality": PublicBody.objects.get(code="853")}
    )
    for role in OfficialRole.Role.values:
        OfficialRole.objects.get_or_create(official=official, role=role)
    return user


def _clear():
    from grants.models import Application, GrantCall
    from partnerships.models import Booking, Space
    from signals.models import Signal

    Signal.objects.filter(area=MARK).delete()
    Application.objects.filter(title=MARK).delete()
    Booking.objects.filter(purpose=MARK).delete()
    GrantCall.objects.filter(title_fi=MARK).delete()
    Space.objects.filter(name=MARK).delete()


def _fill(count: int, start: int) -> None:
    """`count` more items, a third of each kind (made directly: this measures reading)."""
    from django.utils import timezone

    from cooperation.models import Organisation, PublicBody
    from grants.models import Application, GrantCall
    from partnerships.models import Booking, Space
    from signals.models import Signal

    turku = PublicBody.objects.get(code="853")
    now = timezone.now()
    organisations = list(Organisation.objects.order_by("pk")[:50])
    call, _created = GrantCall.objects.get_or_create(
        municipality=turku,
        title_fi=MARK,
        defaults={
            "guidelines_fi": "Benchmark.",
            "budget": 100000,
            "opens_at": now - timedelta(days=30),
            "closes_at": now + timedelta(days=30),
        },
    )
    space, _created = Space.objects.get_or_create(
        municipality=turku, name=MARK, defaults={"address": "Benchmark", "capacity": 20}
    )
    thirds = [count // 3, count // 3, count - 2 * (count // 3)]
    Signal.objects.bulk_create(
        Signal(
            reference=f"BD{start + n:07d}",
            receipt_hash=f"{MARK}-{start + n}",
            kind=Signal.Kind.SILENT_SIGNAL,
            description="Benchmark",
            municipality=turku,
            area=MARK,
            organisation_name="Benchmark ry",
            channel=Signal.Channel.OPEN_LINK,
            is_accepted=False,
        )
        for n in range(thirds[0])
    )
    Application.objects.bulk_create(
        Application(
            reference=f"BA{start + n:07d}",
            call=call,
            organisation=organisations[n % len(organisations)],
            title=MARK,
            status=Application.Status.SUBMITTED,
            submitted_at=now - timedelta(minutes=n),
        )
        for n in range(thirds[1])
    )
    Booking.objects.bulk_create(
        Booking(
            space=space,
            organisation=organisations[n % len(organisations)],
            starts_at=now + timedelta(days=2, hours=start + n),
            ends_at=now + timedelta(days=2, hours=start + n, minutes=45),
            purpose=MARK,
            participants=10,
        )
        for n in range(thirds[2])
    )


def _items(user) -> int:
    from django.utils import translation

    from cooperation.selectors import desk

    with translation.override("fi"):
        return sum(group.count for group in desk(user))


def measure(requests: int) -> None:
    import django

    django.setup()
    from django.db import connection

    _clear()
    user = _person()
    rows = []
    for target in (10, 1000):
        waiting = _items(user)
        if waiting < target:
            _fill(target - waiting, start=waiting)
        items = _items(user)
        queries = query_count("/my/tasks/", EMAIL)
        cookie = session_cookie(EMAIL)
        connection.close()
        server = _serve()
        try:
            bare = timed_gets("/bench/bare/", "", requests)
            timed_gets("/my/tasks/", cookie, 10)  # warm-up
            result = timed_gets("/my/tasks/", cookie, requests)
        finally:
            server.terminate()
            server.wait()
        rows.append((items, queries, bare, result))
    print(f"\n### My tasks, a Turku official with every role ({requests} requests a page)\n")
    print("| items waiting | queries | bare view p50 / p95 ms | desk p50 ms | desk p95 ms |")
    print("|---|---|---|---|---|")
    for items, queries, bare, result in rows:
        print(
            f"| {items:,} | {queries} | {bare['p50']} / {bare['p95']} "
            f"| {result['p50']} | {result['p95']} |"
        )
    _clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    measure(args.requests)


if __name__ == "__main__":
    main()
