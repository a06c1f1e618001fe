"""Measure the facilities catalogue's availability search and concurrent booking.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/facilities_measure.py

Build the data first (benchmarks/generate.py, then benchmarks/facilities_generate.py).
1. Under gunicorn (2 sync workers), anonymous GETs of the catalogue with one
   client and keep-alive, with and without "free on a day and time"; queries
   counted in-process.
2. Fifty threads, each with its own database connection, request the same slot
   of a self-service space at once: exactly one booking may result. Then fifty
   requests for fifty different slots: all must succeed; the throughput is
   reported. The space made for this is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from grants_measure import _anonymous_queries, _serve  # noqa: E402
from signals_measure import timed_gets  # noqa: E402


def _pages(day: str) -> list[tuple[str, str]]:
    return [
        ("catalogue", "/facilities/"),
        ("free on a day, 14-16", f"/facilities/?day={day}&start=14:00&end=16:00"),
        ("free on a day, Turku", f"/facilities/?day={day}&start=10:00&end=12:00&municipality=853"),
        (
            "free + step-free + free of charge",
            f"/facilities/?day={day}&start=18:00&end=20:00&accessibility=step_free_access&free=on",
        ),
        ("free on a day, page 5", f"/facilities/?day={day}&start=12:00&end=14:00&page=5"),
        ("capacity 30 + kind", "/facilities/?capacity=30&kind=gym"),
    ]


def _race(space, organisation, user, slots) -> tuple[list[str], float]:
    """Request each slot from its own thread at the same moment."""
    from django.db import connection

    from partnerships.facilities import services as facility_services

    gate = threading.Barrier(len(slots))
    outcomes: list[str] = []
    lock = threading.Lock()

    def ask(starts_at):
        try:
            gate.wait(timeout=30)
            facility_services.booking_request(
                space=space,
                organisation=organisation,
                by=user,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                purpose="Kuormitustesti",
                participants=5,
            )
            result = "confirmed"
        except facility_services.BookingConflict:
            result = "refused"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=ask, args=(slot,)) for slot in slots]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


def concurrency(requests: int) -> None:
    from django.utils import timezone

    from cooperation.models import Membership, PublicBody
    from partnerships.facilities.services import local
    from partnerships.models import Booking, Space

    membership = Membership.objects.select_related("organisation", "user").first()
    space = Space.objects.create(
        municipality=PublicBody.objects.get(code="853"),
        name="Kuormitustestin tila",
        kind=Space.Kind.MEETING_ROOM,
        capacity=50,
        needs_approval=False,
        notice_hours=0,
        max_minutes=24 * 60,
    )
    try:
        day = timezone.localdate() + timedelta(days=7)
        same = [local(day, clock(10))] * requests
        outcomes, seconds = _race(space, membership.organisation, membership.user, same)
        confirmed = Booking.objects.filter(space=space).count()
        print(
            f"\n{requests} concurrent requests for one slot: {outcomes.count('confirmed')} "
            f"confirmed, {outcomes.count('refused')} refused, {confirmed} booking stored "
            f"({seconds:.2f} s)"
        )
        assert confirmed == 1, confirmed
        slots = [
            local(day + timedelta(days=1 + n // 10), clock(8 + n % 10)) for n in range(requests)
        ]
        outcomes, seconds = _race(space, membership.organisation, membership.user, slots)
        print(
            f"{requests} concurrent requests for different slots: "
            f"{outcomes.count('confirmed')} confirmed in {seconds:.2f} s "
            f"({requests / seconds:.0f} requests/s)"
        )
        assert outcomes.count("confirmed") == requests
    finally:
        Booking.objects.filter(space=space).delete()
        space.delete()


def measure(requests: int, concurrent: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from partnerships.models import Booking, Occupancy, Space

    spaces = Space.objects.count()
    bookings = Booking.objects.count()
    held = Occupancy.objects.count()
    day = timezone.localdate() + timedelta(days=(2 - timezone.localdate().weekday()) % 7 + 7)
    pages = _pages(day.isoformat())
    busiest = (
        Space.objects.filter(parent__isnull=True)
        .annotate(count=Count("bookings"))
        .order_by("-count")
        .first()
    )
    pages.append(("a busy space's page and week", f"/facilities/spaces/{busiest.pk}/?week={day}"))
    queries = {path: _anonymous_queries(path) for _name, path in pages}
    concurrency(concurrent)
    connection.close()

    server = _serve()
    try:
        rows = [("bare Django view", "-", timed_gets("/bench/bare/", "", requests))]
        for name, path in pages:
            timed_gets(path, "", 10)
            rows.append((name, queries[path], timed_gets(path, "", requests)))
    finally:
        server.terminate()
        server.wait()
    print(
        f"\n### Premises: {spaces} spaces, {bookings:,} bookings ({held:,} held times), "
        f"{requests} requests a page\n"
    )
    print("| page | queries | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name, count, result in rows:
        print(f"| {name} | {count} | {result['p50']} | {result['p95']} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrent", type=int, default=50)
    args = parser.parse_args()
    measure(args.requests, args.concurrent)


if __name__ == "__main__":
    main()
