"""Build a realistic data set for the benchmarks.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench \
        .venv/bin/python benchmarks/generate.py --size region

Sizes:
- region:   Varsinais-Suomi's 27 municipalities, 1,000 organisations, 3,000 users;
- national: the same municipalities, 100,000 organisations, 3,000 users.

The database is migrated first; existing organisations and users of a previous
run are removed, so the script can be run again. Writes go in bulk.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

SIZES = {"region": (1_000, 3_000), "national": (100_000, 3_000)}
WORDS = [
    "vertaistuki",
    "kohtaamispaikka",
    "kerho",
    "ryhmä",
    "neuvonta",
    "liikunta",
    "kulttuuri",
    "nuoret",
    "ikäihmiset",
    "omaishoitajat",
    "mielenterveys",
    "päihteet",
    "kotoutuminen",
    "perheet",
    "vapaaehtoiset",
    "ruoka-apu",
    "leiri",
    "retki",
    "harrastus",
    "yhteisö",
    "asukastoiminta",
    "vammaiset",
    "kuntoutus",
    "tapahtuma",
]
KINDS = ("ry", "yhdistys ry", "seura ry", "kerho", "ryhmä")


def generate(size: str, seed: int = 2026) -> None:
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from cooperation.models import (
        Membership,
        Official,
        OfficialRole,
        Organisation,
        PublicBody,
        TargetGroup,
        Theme,
        User,
    )

    rng = random.Random(seed)
    organisations_total, users_total = SIZES[size]
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    with transaction.atomic():
        Organisation.objects.all().delete()
        User.objects.all().delete()
        municipalities = list(PublicBody.objects.all())
        # Turku is by far the largest: about a third of the organisations work there.
        weights = [12 if m.code == "853" else 1 for m in municipalities]
        themes = list(Theme.objects.all())
        groups = list(TargetGroup.objects.all())
        now = timezone.now()
        batch = []
        for number in range(organisations_total):
            place = rng.choices(municipalities, weights)[0]
            name = f"{place.name_fi}n {rng.choice(WORDS).capitalize()} {number} {rng.choice(KINDS)}"
            batch.append(
                Organisation(
                    name=name,
                    description_fi=" ".join(rng.choices(WORDS, k=25)).capitalize() + ".",
                    description_sv="Verksamhet för invånarna." if place.bilingual else "",
                    email=f"info{number}@example.fi",
                    is_public=rng.random() > 0.05,
                    confirmed_at=now - timezone.timedelta(days=rng.randint(0, 900)),
                )
            )
        Organisation.objects.bulk_create(batch, batch_size=2000)
        organisation_ids = list(Organisation.objects.values_list("id", flat=True))
        municipality_links, theme_links, group_links = [], [], []
        through_m = Organisation.municipalities.through
        through_t = Organisation.themes.through
        through_g = Organisation.target_groups.through
        for organisation_id in organisation_ids:
            for municipality in set(rng.choices(municipalities, weights, k=rng.randint(1, 3))):
                municipality_links.append(
                    through_m(organisation_id=organisation_id, publicbody_id=municipality.id)
                )
            for theme in rng.sample(themes, rng.randint(1, 3)):
                theme_links.append(through_t(organisation_id=organisation_id, theme_id=theme.id))
            for group in rng.sample(groups, rng.randint(1, 2)):
                group_links.append(
                    through_g(organisation_id=organisation_id, targetgroup_id=group.id)
                )
        through_m.objects.bulk_create(municipality_links, batch_size=5000)
        through_t.objects.bulk_create(theme_links, batch_size=5000)
        through_g.objects.bulk_create(group_links, batch_size=5000)

        users = [
            User(email=f"user{n}@example.fi", full_name=f"Käyttäjä {n}", password="!")
            for n in range(users_total)
        ]
        User.objects.bulk_create(users, batch_size=2000)
        user_ids = list(User.objects.values_list("id", flat=True))
        memberships, seen = [], set()
        for index, user_id in enumerate(user_ids[: users_total - 100]):
            organisation_id = organisation_ids[index % len(organisation_ids)]
            seen.add((user_id, organisation_id))
            role = (
                Membership.Role.ADMIN if index < len(organisation_ids) else Membership.Role.MEMBER
            )
            memberships.append(
                Membership(user_id=user_id, organisation_id=organisation_id, role=role)
            )
        Membership.objects.bulk_create(memberships, batch_size=5000)
        # The last hundred users are officials, spread over the municipalities.
        for n, user_id in enumerate(user_ids[users_total - 100 :]):
            official = Official.objects.create(user_id=user_id, municipality=municipalities[n % 27])
            OfficialRole.objects.create(official=official, role=OfficialRole.Role.NGO_TEAM)
        coordinator = User.objects.create_user(
            email="bench.coordinator@example.fi", password="bench-password", is_coordinator=True
        )
        # Coordinators must have a second factor before they see any page.
        TOTP.activate(coordinator, generate_totp_secret())
    print(
        f"{size}: {Organisation.objects.count()} organisations, {User.objects.count()} users, "
        f"coordinator {coordinator.email}, built in {time.monotonic() - started:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="region")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.size, args.seed)


if __name__ == "__main__":
    main()
