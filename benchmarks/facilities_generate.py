"""Add facilities and bookings to a benchmark database (after benchmarks/generate.py).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/facilities_generate.py --spaces 500 --bookings 200000

Spaces in the region's municipalities (Turku the most), one in twelve a hall
with two halves, each with opening hours and a few holidays; bookings over
eighteen months around today in two-hour slots, never overlapping (a whole's
booking holds both halves), most confirmed, some requested or cancelled.
Existing spaces and bookings are removed first.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

HELSINKI = ZoneInfo("Europe/Helsinki")
SLOTS = (8, 10, 12, 14, 16, 18)  # two-hour slots from 8 to 20
NAMES = ["Kokoustila", "Kerhohuone", "Sali", "Keittiö", "Liikuntasali", "Nuorisotila", "Aula"]


def generate(spaces: int, bookings: int, seed: int = 2026) -> None:
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from cooperation.models import Organisation, PublicBody
    from partnerships.models import (
        Booking,
        BookingSeries,
        Occupancy,
        OpeningException,
        OpeningHours,
        Space,
        SpacePhoto,
    )

    rng = random.Random(seed)
    started = time.perf_counter()
    Occupancy.objects.all().delete()
    Booking.objects.all().delete()
    BookingSeries.objects.all().delete()
    SpacePhoto.objects.all().delete()
    OpeningHours.objects.all().delete()
    OpeningException.objects.all().delete()
    Space.objects.filter(parent__isnull=False).delete()
    Space.objects.all().delete()

    municipalities = list(PublicBody.objects.order_by("code"))
    turku = next(m for m in municipalities if m.code == "853")
    weights = [30 if m is turku else 3 for m in municipalities]
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    kinds = [choice for choice, _label in Space.Kind.choices]
    prices = ["free", "free", "reduced", "normal"]

    # Families: a top-level space, and for one in twelve two halves.
    families: list[list[Space]] = []
    made = 0
    while made < spaces:
        municipality = rng.choices(municipalities, weights)[0]
        whole = Space(
            municipality=municipality,
            name=f"{rng.choice(NAMES)} {made + 1}",
            address=f"Katu {made + 1}, {municipality.name_fi}",
            kind=rng.choice(kinds),
            capacity=rng.choice([8, 12, 20, 30, 60, 120]),
            size_m2=rng.randint(15, 400),
            step_free_access=rng.random() < 0.7,
            accessible_toilet=rng.random() < 0.5,
            induction_loop=rng.random() < 0.25,
            lift=rng.random() < 0.4,
            accessible_parking=rng.random() < 0.3,
            guidance_for_visually_impaired=rng.random() < 0.1,
            ngo_price=rng.choice(prices),
            hourly_price=30,
            reduced_hourly_price=12,
            horizon_days=400,
        )
        family = [whole]
        made += 1
        if made + 2 <= spaces and rng.random() < 1 / 12:
            family += [
                Space(
                    municipality=municipality,
                    name=f"Puolikas {half}",
                    kind=whole.kind,
                    capacity=whole.capacity // 2,
                    ngo_price=whole.ngo_price,
                )
                for half in "AB"
            ]
            made += 2
        families.append(family)
    with transaction.atomic():
        Space.objects.bulk_create([family[0] for family in families])
        parts = []
        for family in families:
            for part in family[1:]:
                part.parent = family[0]
                parts.append(part)
        Space.objects.bulk_create(parts)
        hours, exceptions = [], []
        today = timezone.localdate()
        for family in families:
            whole = family[0]
            hours += [
                OpeningHours(space=whole, weekday=d, opens="08:00", closes="21:00")
                for d in range(5)
            ]
            hours.append(OpeningHours(space=whole, weekday=5, opens="10:00", closes="16:00"))
            for offset in rng.sample(range(-200, 200), 4):
                exceptions.append(
                    OpeningException(
                        space=whole, date=today + timedelta(days=offset), reason="Pyhä"
                    )
                )
        OpeningHours.objects.bulk_create(hours, batch_size=5000)
        OpeningException.objects.bulk_create(exceptions, batch_size=5000, ignore_conflicts=True)
    print(f"{made} spaces in {len(families)} families ({time.perf_counter() - started:.1f} s)")

    # Bookings: per family, free slots picked at random; a whole holds its halves.
    first_day = timezone.localdate() - timedelta(days=270)
    days = 540
    per_space = bookings / made
    rows: list[Booking] = []
    holds: list[tuple[Booking, list[Space]]] = []
    for family in families:
        whole, halves = family[0], family[1:]
        taken: dict[Space, set] = {space: set() for space in family}
        wanted = round(per_space * len(family))
        tries = 0
        placed = 0
        while placed < wanted and tries < wanted * 4:
            tries += 1
            day = first_day + timedelta(days=rng.randrange(days))
            if day.weekday() == 6:
                continue
            slot = rng.choice(SLOTS if day.weekday() < 5 else (10, 12, 14))
            key = (day, slot)
            space = rng.choice(family)
            # A whole with halves holds the halves; a half (or a plain space) itself.
            held = halves if (space is whole and halves) else [space]
            if any(key in taken[s] for s in held):
                continue
            for s in held:
                taken[s].add(key)
            starts_at = datetime(day.year, day.month, day.day, slot, tzinfo=HELSINKI)
            status = rng.choices(["approved", "requested", "cancelled"], [85, 10, 5])[0]
            booking = Booking(
                space=space,
                organisation_id=rng.choice(organisation_ids),
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                status=status,
                purpose="Vertaisryhmä",
                participants=rng.randint(3, 20),
                is_free=space.ngo_price == "free",
            )
            rows.append(booking)
            if status == "approved":
                holds.append((booking, held))
            placed += 1
    with transaction.atomic():
        Booking.objects.bulk_create(rows, batch_size=5000)
        Occupancy.objects.bulk_create(
            (
                Occupancy(booking=b, space=s, starts_at=b.starts_at, ends_at=b.ends_at)
                for b, held in holds
                for s in held
            ),
            batch_size=5000,
        )
    # Fresh statistics, as autovacuum would soon have them on a live database.
    with connection.cursor() as cursor:
        for table in (
            "partnerships_space",
            "partnerships_booking",
            "partnerships_occupancy",
            "partnerships_openinghours",
            "partnerships_openingexception",
        ):
            cursor.execute(f"ANALYZE {table}")
    print(
        f"{len(rows):,} bookings, {len(holds):,} confirmed "
        f"({time.perf_counter() - started:.1f} s in all)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spaces", type=int, default=500)
    parser.add_argument("--bookings", type=int, default=200_000)
    args = parser.parse_args()
    generate(args.spaces, args.bookings)


if __name__ == "__main__":
    main()
