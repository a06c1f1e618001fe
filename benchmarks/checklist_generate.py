"""Add checklist assessments to a benchmark database (after benchmarks/generate.py).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/checklist_generate.py --years 10

Every municipality of the region (27) assessed and published every year for
`--years` years, each criterion answered with a justification, the NGOs' view of
`--views` organisations working there, two development targets a year, and two
NGO forums a year. Written through the services (answers, views, publication),
so the stored scores are the real ones. Existing assessments are removed first.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

LEVELS = ["yes", "partly", "no", "na"]


def generate(years: int, views: int, seed: int = 2026) -> None:
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone as django_timezone

    from cooperation.checklist import services
    from cooperation.checklist.models import Assessment, ForumEvent
    from cooperation.models import Membership, Organisation, PublicBody, User

    rng = random.Random(seed)
    started = time.perf_counter()
    Assessment.objects.all().delete()
    ForumEvent.objects.filter(title__startswith="Bench ").delete()
    coordinator = User.objects.get(email="bench.coordinator@example.fi")
    last_year = django_timezone.localdate().year - 1
    municipalities = list(PublicBody.objects.all())
    for municipality in municipalities:
        organisations = list(
            Organisation.objects.filter(municipalities=municipality).order_by("id")[:views]
        )
        members = {
            m.organisation_id: m.user
            for m in Membership.objects.filter(organisation__in=organisations).select_related(
                "user"
            )
        }
        base = rng.uniform(0.2, 0.6)
        for year in range(last_year - years + 1, last_year + 1):
            with transaction.atomic():
                assessment = services.assessment_start(
                    by=coordinator, year=year, municipality=municipality
                )
                criteria = list(services.assessed_criteria(assessment))
                progress = base + (year - last_year + years) * 0.03

                def level(progress=progress):
                    roll = rng.random()
                    if roll < 0.05:
                        return "na"
                    return (
                        "yes" if roll < progress else ("partly" if roll < progress + 0.3 else "no")
                    )

                services.answers_save(
                    assessment=assessment,
                    by=coordinator,
                    answers={c.pk: (level(), "Todettu hyte-työryhmässä.") for c in criteria},
                )
                for organisation in organisations:
                    if organisation.pk in members:
                        services.ngo_view_submit(
                            assessment=assessment,
                            organisation=organisation,
                            by=members[organisation.pk],
                            ratings={c.pk: (level(), "") for c in criteria},
                        )
                services.assessment_publish(assessment=assessment, by=coordinator)
                for criterion in rng.sample(criteria, 2):
                    services.target_add(
                        assessment=assessment,
                        criterion_id=criterion.pk,
                        by=coordinator,
                        description="Kehitetään yhdessä järjestöjen kanssa.",
                        owner="Hyte",
                        due_date=date(year + 1, 6, 30),
                    )
                for month in (3, 10):
                    ForumEvent.objects.create(
                        municipality=municipality,
                        title=f"Bench forum {year}/{month}",
                        starts_at=datetime(year, month, 15, 13, tzinfo=UTC),
                        ends_at=datetime(year, month, 15, 16, tzinfo=UTC),
                        place="Kaupungintalo",
                        organisers="Kunta ja järjestöt",
                    )
        print(f"{municipality.name_fi}: {years} years", flush=True)
    print(f"{Assessment.objects.count():,} assessments in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--views", type=int, default=5)
    args = parser.parse_args()
    generate(args.years, args.views)


if __name__ == "__main__":
    main()
