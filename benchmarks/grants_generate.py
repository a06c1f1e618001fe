"""Add five years of grants to a benchmark database (after benchmarks/generate.py).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/grants_generate.py --applications 20000

Every municipality runs an annual call and a rolling call each year, budgets by
size (Turku the largest). Applications come from the organisations working in
the call's municipality; those of past years are decided (granted, paid or
rejected) with their decisions published, those of this year are submitted or
in review. Each has two to four budget lines, one or two themes and target
groups, and three events. Turku's grant officer is `bench.grants@example.fi`.
Existing grants are removed first.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

HELSINKI = ZoneInfo("Europe/Helsinki")
OFFICER = "bench.grants@example.fi"
YEARS = 5
ACTIVITIES = [
    "Olohuonetoiminta",
    "Vertaisryhmät",
    "Ruoka-apu",
    "Nuorten iltatoiminta",
    "Omaishoitajien virkistys",
    "Digituki ikäihmisille",
    "Kotoutumista tukeva kerho",
    "Liikuntaryhmät",
    "Kriisipuhelin",
    "Perhekahvila",
]


def generate(count: int, seed: int = 2026) -> None:
    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.db import connection, transaction

    from cooperation.lib.references import new_reference
    from cooperation.models import (
        Official,
        OfficialRole,
        Organisation,
        PublicBody,
        TargetGroup,
        Theme,
        User,
    )
    from grants.models import Application, ApplicationEvent, BudgetLine, Criterion, GrantCall

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    started = time.monotonic()
    S = Application.Status
    with transaction.atomic():
        with connection.cursor() as cursor:  # every grants table refers to the calls
            cursor.execute(f"TRUNCATE {GrantCall._meta.db_table} CASCADE")
        municipalities = list(PublicBody.objects.order_by("code"))
        turku = next(m for m in municipalities if m.code == "853")
        weights = [
            30 if m == turku else 3 if m.code in ("734", "202", "680") else 1
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
        groups = list(TargetGroup.objects.values_list("pk", flat=True))
        this_year = datetime.now(HELSINKI).year
        first_year = this_year - YEARS + 1

        calls = []
        for year in range(first_year, this_year + 1):
            for municipality, weight in zip(municipalities, weights, strict=True):
                closes = datetime(year, 3, 31, 16, 0, tzinfo=HELSINKI)
                published = closes + timedelta(days=45) if year < this_year else None
                calls.append(
                    GrantCall(
                        municipality=municipality,
                        title_fi=f"Yleisavustukset {year}",
                        kind=GrantCall.Kind.ANNUAL,
                        budget=Decimal(20000 * weight),
                        opens_at=closes - timedelta(days=60),
                        closes_at=closes,
                        guidelines_fi="Avustusohjeet.",
                        is_published=True,
                        decisions_published_at=published,
                    )
                )
                calls.append(
                    GrantCall(
                        municipality=municipality,
                        title_fi=f"Pienavustukset {year}",
                        kind=GrantCall.Kind.ROLLING,
                        budget=Decimal(5000 * weight),
                        opens_at=datetime(year, 1, 1, tzinfo=HELSINKI),
                        closes_at=datetime(year, 12, 15, 16, 0, tzinfo=HELSINKI),
                        guidelines_fi="Avustusohjeet.",
                        is_published=True,
                        decisions_published_at=published,
                    )
                )
        GrantCall.objects.bulk_create(calls)
        Criterion.objects.bulk_create(
            Criterion(call=call, name_fi=name, weight=weight, position=position)
            for call in calls
            for position, (name, weight) in enumerate(
                [("Vaikuttavuus", 3), ("Toteutettavuus", 2), ("Yhteistyö", 1)], start=1
            )
        )

        # Applications per call in proportion to the municipality's weight.
        call_weights = [weights[municipalities.index(c.municipality)] for c in calls]
        chosen = rng.choices(calls, weights=call_weights, k=count)
        applications = []
        for call in chosen:
            pool = organisations.get(call.municipality_id) or everyone
            requested = Decimal(rng.randrange(500, 30000, 100))
            year = call.closes_at.astimezone(HELSINKI).year
            if year < this_year:
                status = rng.choices([S.PAID, S.GRANTED, S.REJECTED], weights=[6, 1, 3])[0]
            else:
                status = rng.choice([S.SUBMITTED, S.IN_REVIEW, S.INFO_REQUESTED])
            granted = None
            if status in (S.PAID, S.GRANTED):
                granted = (requested * Decimal(rng.choice(["1", "0.8", "0.6", "0.5"]))).quantize(
                    Decimal("1")
                )
            submitted = call.opens_at + timedelta(minutes=rng.randrange(60, 60 * 24 * 50))
            applications.append(
                Application(
                    call=call,
                    organisation_id=rng.choice(pool),
                    reference=new_reference("A"),
                    title=rng.choice(ACTIVITIES),
                    purpose="Toiminta kunnan asukkaille.",
                    status=status,
                    requested_amount=requested,
                    granted_amount=granted,
                    organisation_size=rng.choice(
                        ["", "volunteers", "small", "small", "medium", "large"]
                    ),
                    submitted_at=submitted,
                    decided_at=submitted + timedelta(days=60) if year < this_year else None,
                )
            )
        Application.objects.bulk_create(applications, batch_size=2000)

        lines, events, theme_links, group_links = [], [], [], []
        ThemeLink = Application.themes.through
        GroupLink = Application.target_groups.through
        for application in applications:
            costs = application.requested_amount + Decimal(rng.randrange(0, 2000, 100))
            lines.append(
                BudgetLine(
                    application=application, kind="cost", description="Tilavuokra", amount=costs
                )
            )
            if costs > application.requested_amount:
                lines.append(
                    BudgetLine(
                        application=application,
                        kind="income",
                        description="Osallistumismaksut",
                        amount=costs - application.requested_amount,
                    )
                )
            for action in ("created", "status", "decided"):
                events.append(ApplicationEvent(application=application, action=action))
            for theme in rng.sample(themes, rng.randint(1, 2)):
                theme_links.append(ThemeLink(application_id=application.pk, theme_id=theme))
            for group in rng.sample(groups, rng.randint(1, 2)):
                group_links.append(GroupLink(application_id=application.pk, targetgroup_id=group))
        BudgetLine.objects.bulk_create(lines, batch_size=5000)
        ApplicationEvent.objects.bulk_create(events, batch_size=5000)
        ThemeLink.objects.bulk_create(theme_links, batch_size=5000)
        GroupLink.objects.bulk_create(group_links, batch_size=5000)

        officer, _created = User.objects.get_or_create(
            email=OFFICER, defaults={"full_name": "Bench Grants", "password": "!"}
        )
        official, _created = Official.objects.get_or_create(
            user=officer, defaults={"municipality": turku}
        )
        OfficialRole.objects.get_or_create(official=official, role=OfficialRole.Role.GRANT_OFFICER)
        if not Authenticator.objects.filter(user=officer).exists():  # officials need two factors
            TOTP.activate(officer, generate_totp_secret())

    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give
        cursor.execute("ANALYZE")
    turku_count = Application.objects.filter(call__municipality=turku).count()
    print(
        f"{len(calls)} calls, {count:,} applications ({turku_count:,} in Turku) over "
        f"{first_year}–{this_year}, {len(lines):,} budget lines, {len(events):,} events, "
        f"built in {time.monotonic() - started:.1f} s; grant officer {OFFICER}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=20_000)
    args = parser.parse_args()
    generate(args.applications)


if __name__ == "__main__":
    main()
