"""Add ten years of needs and what is directed at them to a benchmark database
(after benchmarks/generate.py, signals_generate.py, grants_generate.py and
agreements_generate.py).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/needs_generate.py --per-year 20

Every public body gets `--per-year` needs a year for ten years (Turku three times
as many), seven in ten of them public, with one or two topics, their areas, and a
few of the body's signals behind each. One need of Turku, "Nuorten illat
kauppakeskuksessa", has 5,000 signals behind it (the need-page benchmark). Of the
needs, a third are answered by one to three of the body's grant applications, a
fifth by an agreement, a tenth named by a grant call; 1,500 requests for
partnership statements name needs too, and each year's area challenges rest on
them. Existing needs, challenges and statements are removed first.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

BIG_NEED = "Nuorten illat kauppakeskuksessa"
BIG_SIGNALS = 5_000
TITLES = [
    "Nuorten illat",
    "Ikäihmisten yksinäisyys",
    "Lapsiperheiden arjen tuki",
    "Omaishoitajien jaksaminen",
    "Asunnottomuuden uhka",
    "Maahan muuttaneiden naisten kielitaito",
    "Työttömien miesten syrjäytyminen",
    "Mielenterveyspalveluihin pääsy",
    "Ruoka-apu ja talousvaikeudet",
    "Liikkumisen esteet kylillä",
]
AREAS = ["Varissuo", "Lauste", "Runosmäki", "Keskusta", "Hirvensalo", "Kylät", "Asema-alue"]


def generate(per_year: int, seed: int = 2026) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from cooperation.lib.references import new_reference
    from cooperation.models import Organisation, PublicBody, User
    from grants.models import Application, GrantCall
    from partnerships.models import Agreement, StatementRequest
    from signals.models import (
        AreaChallenge,
        ChallengeEdition,
        Need,
        NeedEvent,
        NeedFollower,
        NeedSignal,
        Signal,
        Topic,
    )

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    started = time.monotonic()
    S = Need.Status
    with transaction.atomic():
        with connection.cursor() as cursor:
            for model in (Need, ChallengeEdition, StatementRequest):
                cursor.execute(f"TRUNCATE {model._meta.db_table} CASCADE")
        bodies = list(PublicBody.objects.order_by("code"))
        turku = next(body for body in bodies if body.code == "853")
        creator = User.objects.get(email="bench.coordinator@example.fi")
        topics = list(Topic.objects.values_list("pk", flat=True))
        this_year = timezone.localdate().year
        years = list(range(this_year - 9, this_year + 1))
        needs, stamps = [], []
        for body in bodies:
            for year in years:
                for _number in range(per_year * (3 if body.pk == turku.pk else 1)):
                    status = rng.choices(
                        [S.PUBLISHED, S.ANSWERING, S.ANSWERED, S.GATHERING, S.CLOSED],
                        weights=[3, 2, 2, 2, 1],
                    )[0]
                    title = rng.choice(TITLES)
                    needs.append(
                        Need(
                            municipality=body,
                            title_fi=title,
                            title_sv=f"{title} (sv)",
                            summary_fi="Järjestöjen signaalit kertovat tästä toistuvasti.",
                            summary_sv="Organisationernas signaler berättar om detta.",
                            areas=", ".join(rng.sample(AREAS, rng.randint(1, 2))),
                            status=status,
                            created_by=creator,
                        )
                    )
                    created = timezone.make_aware(
                        timezone.datetime(year, 1, 1) + timedelta(days=rng.randrange(0, 360))
                    )
                    stamps.append(
                        (created, created + timedelta(days=20) if status in Need.PUBLIC else None)
                    )
        needs[0].municipality, needs[0].title_fi, needs[0].status = turku, BIG_NEED, S.PUBLISHED
        Need.objects.bulk_create(needs, batch_size=2000)
        # auto_now_add stamps them now: the ten years are written afterwards.
        for need, (created, published) in zip(needs, stamps, strict=True):
            need.created_at, need.published_at = created, published
        Need.objects.bulk_update(needs, ["created_at", "published_at"], batch_size=2000)
        TopicLink = Need.topics.through
        TopicLink.objects.bulk_create(
            [
                TopicLink(need_id=need.pk, topic_id=topic)
                for need in needs
                for topic in rng.sample(topics, rng.randint(1, 2))
            ],
            batch_size=5000,
        )

        signals_of: dict[int, list[int]] = {}
        for signal_id, body_id in Signal.objects.values_list("pk", "municipality_id")[:200_000]:
            signals_of.setdefault(body_id, []).append(signal_id)
        links = [
            NeedSignal(need_id=needs[0].pk, signal_id=signal_id)
            for signal_id in signals_of.get(turku.pk, [])[:BIG_SIGNALS]
        ]
        for need in needs[1:]:
            pool = signals_of.get(need.municipality_id) or []
            for signal_id in rng.sample(pool, min(len(pool), 5)):
                links.append(NeedSignal(need_id=need.pk, signal_id=signal_id))
        NeedSignal.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
        with connection.cursor() as cursor:  # the signal's date on its link, as _add keeps it
            cursor.execute(
                "UPDATE signals_needsignal n SET signal_created_at = s.created_at "
                "FROM signals_signal s WHERE s.id = n.signal_id"
            )

        # The big need's trail as its team kept it: created, gathered in batches of
        # 25 signals over the years, edited and published; and 40 followers.
        team = list(User.objects.filter(email__startswith="bench.team").order_by("pk")[:5])
        Action = NeedEvent.Action
        trail = [NeedEvent(need=needs[0], actor=creator, action=Action.CREATED)]
        for number in range(BIG_SIGNALS // 25):
            trail.append(
                NeedEvent(
                    need=needs[0],
                    actor=team[number % len(team)] if team else creator,
                    action=Action.EDITED if number % 20 == 19 else Action.SIGNALS_ADDED,
                    note="25 signaalia" if number % 20 != 19 else "",
                )
            )
        trail.append(
            NeedEvent(
                need=needs[0],
                actor=creator,
                action=Action.STATUS,
                from_status=S.GATHERING,
                to_status=S.PUBLISHED,
            )
        )
        NeedEvent.objects.bulk_create(trail)
        NeedFollower.objects.bulk_create(
            [
                NeedFollower(need=needs[0], user_id=user_id)
                for user_id in User.objects.filter(memberships__isnull=False)
                .order_by("pk")
                .values_list("pk", flat=True)
                .distinct()[:40]
            ]
        )

        public = [need for need in needs if need.status in Need.PUBLIC]
        applications_of: dict[int, list[int]] = {}
        for application_id, body_id in Application.objects.exclude(status="draft").values_list(
            "pk", "call__municipality_id"
        ):
            applications_of.setdefault(body_id, []).append(application_id)
        ApplicationNeed = Application.needs.through
        answered = []
        for need in rng.sample(public, len(public) // 3):
            pool = applications_of.get(need.municipality_id) or []
            for application_id in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
                answered.append(ApplicationNeed(application_id=application_id, need_id=need.pk))
        ApplicationNeed.objects.bulk_create(answered, batch_size=5000, ignore_conflicts=True)

        calls_of: dict[int, list[int]] = {}
        for call_id, body_id in GrantCall.objects.values_list("pk", "municipality_id"):
            calls_of.setdefault(body_id, []).append(call_id)
        CallNeed = GrantCall.needs.through
        CallNeed.objects.bulk_create(
            [
                CallNeed(grantcall_id=rng.choice(calls_of[need.municipality_id]), need_id=need.pk)
                for need in rng.sample(public, len(public) // 10)
                if calls_of.get(need.municipality_id)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )

        agreements_of: dict[int, list[int]] = {}
        for agreement_id, body_id in Agreement.objects.exclude(status="draft").values_list(
            "pk", "municipality_id"
        ):
            agreements_of.setdefault(body_id, []).append(agreement_id)
        AgreementNeed = Agreement.needs.through
        AgreementNeed.objects.bulk_create(
            [
                AgreementNeed(
                    agreement_id=rng.choice(agreements_of[need.municipality_id]), need_id=need.pk
                )
                for need in rng.sample(public, len(public) // 5)
                if agreements_of.get(need.municipality_id)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )

        organisations = list(Organisation.objects.values_list("pk", flat=True)[:2000])
        R = StatementRequest.Status
        requests, named = [], []
        for need in rng.sample(public, min(len(public), 1_500)):
            status = rng.choice([R.IN_PROCESSING, R.GIVEN, R.AGREED, R.CLOSED, R.DECLINED])
            requests.append(
                StatementRequest(
                    reference=new_reference("L"),
                    organisation_id=rng.choice(organisations),
                    municipality_id=need.municipality_id,
                    project_title=f"Hanke: {need.title_fi}",
                    project_summary="Kolmivuotinen hanke.",
                    funder="stea",
                    funding_round="STEA:n avustushaku",
                    starts_on=date(need.created_at.year + 1, 1, 1),
                    asked_commitment="Tilat",
                    budget_total=Decimal("200000"),
                    applied_from_funder=Decimal(rng.randrange(50, 180) * 1000),
                    kind="intent",
                    statement="Tuemme hanketta.",
                    commitments="Tilat",
                    status=status,
                    submitted_at=need.published_at,
                    answered_at=need.published_at,
                    created_by=creator,
                )
            )
            named.append(need.pk)
        StatementRequest.objects.bulk_create(requests, batch_size=2000)
        RequestNeed = StatementRequest.needs.through
        RequestNeed.objects.bulk_create(
            [
                RequestNeed(statementrequest_id=request.pk, need_id=need_id)
                for request, need_id in zip(requests, named, strict=True)
            ],
            batch_size=5000,
        )

        editions = [
            ChallengeEdition(
                municipality=body,
                year=year,
                status="published",
                published_at=timezone.make_aware(timezone.datetime(year, 3, 1)),
                created_by=creator,
            )
            for body in bodies
            for year in years
        ]
        ChallengeEdition.objects.bulk_create(editions, batch_size=2000)
        public_of: dict[tuple[int, int], list[int]] = {}
        for need in public:
            public_of.setdefault((need.municipality_id, need.created_at.year), []).append(need.pk)
        challenges, rests = [], []
        for edition in editions:
            for position, area in enumerate(rng.sample(AREAS, 3), start=1):
                challenges.append(
                    AreaChallenge(
                        edition=edition,
                        area=area,
                        title_fi=f"{area}: {rng.choice(TITLES)}",
                        description_fi="Asiantuntijoiden näkemys alueen haasteesta.",
                        position=position,
                    )
                )
                pool = public_of.get((edition.municipality_id, edition.year), [])
                rests.append(rng.sample(pool, min(len(pool), 2)))
        AreaChallenge.objects.bulk_create(challenges, batch_size=2000)
        ChallengeNeed = AreaChallenge.needs.through
        ChallengeNeed.objects.bulk_create(
            [
                ChallengeNeed(areachallenge_id=challenge.pk, need_id=need_id)
                for challenge, need_ids in zip(challenges, rests, strict=True)
                for need_id in need_ids
            ],
            batch_size=5000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{Need.objects.count():,} needs over ten years ({len(public):,} public), "
        f"{NeedSignal.objects.count():,} signal links ({BIG_SIGNALS:,} behind “{BIG_NEED}”), "
        f"{len(answered):,} application links, {len(requests):,} statement requests, "
        f"{len(challenges):,} area challenges, in {time.monotonic() - started:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-year", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.per_year, args.seed)


if __name__ == "__main__":
    main()
