"""Add silent signals to a benchmark database (after benchmarks/generate.py).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \
        .venv/bin/python benchmarks/signals_generate.py --signals 1000000

Signals are spread over three years and the region's municipalities (Turku
the largest), with one or two topics and target groups each, written with
PostgreSQL's COPY. They are all filed in one archive digest per municipality,
so the weekly digest benchmark (benchmarks/signals_measure.py) starts from an
empty week. The NGO team of Turku gets three members and the coordinator of
generate.py is reused. Existing signals are removed first.
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

SUBJECTS = [
    "Iäkkäät asukkaat",
    "Nuoret",
    "Lapsiperheet",
    "Omaishoitajat",
    "Maahan muuttaneet naiset",
    "Työttömät miehet",
    "Opiskelijat",
    "Yksin asuvat",
    "Vammaiset henkilöt",
    "Mielenterveyskuntoutujat",
]
PROBLEMS = [
    "kertovat yksinäisyydestä ja siitä, ettei iltaisin ole paikkaa, jossa olla",
    "eivät pääse digipalveluihin ilman apua",
    "jonottavat ruoka-apua aiempaa useammin",
    "odottavat mielenterveyspalveluihin pääsyä kuukausia",
    "joutuvat maksamaan vuokrarästejä ja pelkäävät häätöä",
    "eivät löydä harrastuksia, joihin olisi varaa",
    "kokevat asuinalueensa turvattomaksi pimeällä",
    "eivät saa tietoa palveluista omalla kielellään",
    "kärsivät päihteiden käytön lisääntymisestä lähipiirissä",
    "eivät jaksa hoitaa läheistään ilman lomaa",
    "ovat jääneet kuljetuspalvelun ulkopuolelle",
    "kaipaavat matalan kynnyksen keskusteluapua",
]
CONTEXTS = [
    "Asia nousi esiin viikoittaisessa kerhossamme.",
    "Vapaaehtoisemme ovat huomanneet tämän syksyn aikana.",
    "Tilanne on pahentunut kevään jälkeen.",
    "Useampi järjestö alueella on havainnut saman.",
    "Kävijämäärät ovat kasvaneet selvästi.",
    "Moni ei tiedä, mistä apua voisi hakea.",
]
AREAS = [
    "Keskusta",
    "Varissuo",
    "Runosmäki",
    "Hirvensalo",
    "Nummi",
    "Itäharju",
    "Lauste",
    "Pansio",
    "",
]
TEAM = ("bench.team1@example.fi", "bench.team2@example.fi", "bench.team3@example.fi")


PUBLIC_SUMMARY = "Kunta lisäsi iltapäivätoimintaa ja kertoi siitä järjestöille."


def description(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}. {rng.choice(CONTEXTS)} "
        f"{rng.choice(CONTEXTS)}"
    )


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def generate(count: int, seed: int = 2026) -> None:
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import connection, transaction
    from django.utils import timezone

    from cooperation.models import (
        Official,
        OfficialRole,
        Organisation,
        PublicBody,
        TargetGroup,
        User,
    )
    from signals.models import Digest, Topic

    rng = random.Random(seed)
    started = time.perf_counter()
    municipalities = list(PublicBody.objects.order_by("code").values_list("pk", "code"))
    turku = next(pk for pk, code in municipalities if code == "853")
    # Turku gets about a third of the signals, the rest spread evenly.
    weights = [12 if pk == turku else 1 for pk, _code in municipalities]
    organisations = list(Organisation.objects.values_list("pk", "name")[:1000])
    topics = list(Topic.objects.values_list("pk", flat=True))
    groups = list(TargetGroup.objects.values_list("pk", flat=True))

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE signals_signal, signals_signal_topics, signals_signal_target_groups, "
                "signals_signal_related, signals_signal_responsible_units, signals_signalevent, "
                "signals_forward, signals_digestdelivery, signals_digest RESTART IDENTITY CASCADE"
            )
        archive = {
            pk: Digest.objects.create(
                municipality_id=pk, week_start=timezone.localdate() - timedelta(days=7)
            ).pk
            for pk, _code in municipalities
        }
        for index, email in enumerate(TEAM):
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": f"Tiimiläinen {index + 1}"}
            )
            if created:
                TOTP.activate(user, generate_totp_secret())
            official, _ = Official.objects.get_or_create(
                user=user, defaults={"municipality_id": turku}
            )
            OfficialRole.objects.get_or_create(official=official, role=OfficialRole.Role.NGO_TEAM)

    now = timezone.now()
    span = 3 * 365 * 24 * 3600
    batch = 100_000
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        next_id = 1
        for start in range(0, count, batch):
            size = min(batch, count - start)
            signal_rows, topic_rows, group_rows = [], [], []
            for offset in range(size):
                pk = next_id + offset
                municipality = rng.choices(municipalities, weights)[0][0]
                organisation, name = rng.choice(organisations)
                created = now - timedelta(seconds=rng.randrange(span) + 8 * 24 * 3600)
                # One in ten has a published outcome, as on the public topic pages.
                summary = PUBLIC_SUMMARY if rng.random() < 0.1 else ""
                signal_rows.append(
                    (
                        pk,
                        f"{pk:08X}"[:4] + "-" + f"{pk:08X}"[4:],
                        rng.choice(["worry", "observation", "silent_signal", "proposal"]),
                        description(rng),
                        municipality,
                        rng.choice(AREAS),
                        "",
                        "",
                        organisation,
                        name,
                        "Vapaaehtoinen",
                        "",
                        "",
                        True,
                        "fi",
                        "organisation_link",
                        f"{pk:064d}",
                        True,
                        rng.choice(["received", "in_review", "forwarded", "answered", "closed"]),
                        archive[municipality],
                        created,
                        created,
                        "",
                        "",
                        "",
                        "",
                        summary,
                        bool(summary),
                        False,
                    )
                )
                for topic in rng.sample(topics, rng.choice([1, 1, 2])):
                    topic_rows.append((pk, topic))
                group_rows.append((pk, rng.choice(groups)))
            next_id += size
            _copy(
                raw,
                "signals_signal",
                [
                    "id",
                    "reference",
                    "kind",
                    "description",
                    "municipality_id",
                    "area",
                    "current_action",
                    "proposal",
                    "organisation_id",
                    "organisation_name",
                    "sender_name",
                    "sender_email",
                    "sender_phone",
                    "wants_answer",
                    "language",
                    "channel",
                    "receipt_hash",
                    "is_accepted",
                    "status",
                    "digest_id",
                    "created_at",
                    "updated_at",
                    "being_done",
                    "could_be_done",
                    "responsible",
                    "answer",
                    "public_summary",
                    "is_published",
                    "publish_description",
                ],
                signal_rows,
            )
            _copy(raw, "signals_signal_topics", ["signal_id", "topic_id"], topic_rows)
            _copy(raw, "signals_signal_target_groups", ["signal_id", "targetgroup_id"], group_rows)
            print(f"  {next_id - 1} signals ({time.perf_counter() - started:.0f} s)", flush=True)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('signals_signal', 'id'), %s)", [next_id]
        )
        cursor.execute(
            "UPDATE signals_digest d SET signal_count = "
            "(SELECT count(*) FROM signals_signal s WHERE s.digest_id = d.id)"
        )
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE signals_signal")
        cursor.execute("VACUUM ANALYZE signals_signal_topics")
    print(f"{count} signals in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--signals", type=int, default=1_000_000)
    args = parser.parse_args()
    generate(args.signals)


if __name__ == "__main__":
    main()
