"""Add partnership agreements to a benchmark database (after benchmarks/generate.py).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/agreements_generate.py --agreements 5000

Agreements of the three kinds over ten years in the region's municipalities
(Turku the largest), one to three parties each from the organisations working
there, two to four commitments, a theme or two; most in force or ended, some
drafts. Those in force have their past follow-ups with an entry per commitment.
Existing agreements are removed first.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

TITLES = [
    "Olohuonetoiminnan kumppanuus",
    "Perhekahvilat",
    "Nuorten iltatoiminta",
    "Omaishoitajien vertaistuki",
    "Kriisityön kumppanuus",
    "Muistiyhdistyksen tilakumppanuus",
    "Ruoka-avun yhteistyö",
    "Liikuntaryhmien tilat",
    "Kotoutumisen tuki",
    "Lähimmäispalvelu",
]


def generate(count: int, seed: int = 2026) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from cooperation.lib.references import new_reference
    from cooperation.models import Organisation, PublicBody, Theme, User
    from partnerships.models import Agreement, Commitment, FollowUpEntry, FollowUpRound

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    started = time.monotonic()
    with transaction.atomic():
        with connection.cursor() as cursor:  # every agreements table refers to these
            cursor.execute(f"TRUNCATE {Agreement._meta.db_table} CASCADE")
        municipalities = list(PublicBody.objects.order_by("code"))
        weights = [
            30 if m.code == "853" else 3 if m.code in ("734", "202", "680") else 1
            for m in municipalities
        ]
        organisations: dict[int, list[int]] = {}
        for (
            organisation_id,
            municipality_id,
        ) in Organisation.municipalities.through.objects.values_list(
            "organisation_id", "publicbody_id"
        ):
            organisations.setdefault(municipality_id, []).append(organisation_id)
        everyone = list(Organisation.objects.values_list("pk", flat=True))
        themes = list(Theme.objects.values_list("pk", flat=True))
        creator = User.objects.filter(email="bench.coordinator@example.fi").first()
        today = timezone.localdate()
        S = Agreement.Status
        agreements, parties = [], []
        for municipality in rng.choices(municipalities, weights=weights, k=count):
            kind = rng.choice(["development", "development", "facility", "project"])
            starts = today - timedelta(days=rng.randrange(0, 3650))
            ends = (
                starts + timedelta(days=rng.choice([365, 730, 1095, 1825]))
                if rng.random() < 0.8
                else None
            )
            if ends and ends < today:
                status = rng.choice([S.ENDED, S.ENDED, S.TERMINATED])
            else:
                status = rng.choices([S.IN_FORCE, S.DRAFT], weights=[9, 1])[0]
            agreement = Agreement(
                reference=new_reference("K"),
                kind=kind,
                municipality=municipality,
                title=rng.choice(TITLES),
                purpose="Yhteinen tavoite asukkaiden hyvinvoinnin tukemiseksi.",
                summary_fi="Järjestö järjestää toimintaa, kaupunki tukee tiloilla ja avustuksella.",
                starts_on=starts,
                ends_on=ends,
                status=status,
                premises="Palvelukeskus" if kind == "facility" else "",
                created_by=creator,
            )
            agreements.append(agreement)
            pool = organisations.get(municipality.pk) or everyone
            parties.append(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
        Agreement.objects.bulk_create(agreements, batch_size=2000)
        Party = Agreement.organisations.through
        ThemeLink = Agreement.themes.through
        Party.objects.bulk_create(
            [
                Party(agreement_id=a.pk, organisation_id=o)
                for a, orgs in zip(agreements, parties, strict=True)
                for o in orgs
            ],
            batch_size=5000,
        )
        ThemeLink.objects.bulk_create(
            [
                ThemeLink(agreement_id=a.pk, theme_id=t)
                for a in agreements
                for t in rng.sample(themes, rng.randint(1, 2))
            ],
            batch_size=5000,
        )
        commitments = []
        for agreement, orgs in zip(agreements, parties, strict=True):
            commitments.append(
                Commitment(agreement=agreement, description="Tilat maksutta käyttöön.", position=1)
            )
            for position, organisation_id in enumerate(orgs, start=2):
                commitments.append(
                    Commitment(
                        agreement=agreement,
                        organisation_id=organisation_id,
                        description="Viikoittainen ryhmä.",
                        measure="40 kokoontumista vuodessa",
                        indicator="volume",
                        position=position,
                    )
                )
        Commitment.objects.bulk_create(commitments, batch_size=5000)
        by_agreement: dict[int, list[Commitment]] = {}
        for commitment in commitments:
            by_agreement.setdefault(commitment.agreement_id, []).append(commitment)
        rounds = []
        for agreement in agreements:
            if agreement.status == S.DRAFT:
                continue
            start = agreement.starts_on
            while start + timedelta(days=365) <= min(today, agreement.ends_on or today):
                end = start + timedelta(days=364)
                open_ = end + timedelta(days=60) > today
                rounds.append(
                    FollowUpRound(
                        agreement=agreement,
                        period_start=start,
                        period_end=end,
                        due_on=end + timedelta(days=30),
                        status="open" if open_ else "closed",
                    )
                )
                start = end + timedelta(days=1)
        FollowUpRound.objects.bulk_create(rounds, batch_size=5000)
        entries = [
            FollowUpEntry(
                round=round_,
                commitment=c,
                fulfilment=rng.choice(["done", "done", "partly", "not_done"]),
            )
            for round_ in rounds
            if round_.status == "closed"
            for c in by_agreement[round_.agreement_id]
        ]
        FollowUpEntry.objects.bulk_create(entries, batch_size=5000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    turku = Agreement.objects.filter(municipality__code="853").count()
    print(
        f"{count:,} agreements ({turku:,} in Turku), {len(commitments):,} commitments, "
        f"{len(rounds):,} follow-up rounds, {len(entries):,} entries, built in "
        f"{time.monotonic() - started:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=5_000)
    args = parser.parse_args()
    generate(args.agreements)


if __name__ == "__main__":
    main()
