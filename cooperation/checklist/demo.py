"""Demo records of the checklist: three years of Turku's published assessments
with the NGOs' view, Salo and Kaarina for the comparison, this year's drafts
(Salo's for its liaison person, Turku's waiting for the demo NGO's view), forums,
councils, guiding documents and a development target. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cooperation.models import Membership, PublicBody, User

from . import services
from .models import (
    Assessment,
    ForumEvent,
    GuidingDocument,
    Level,
    StatutoryCouncil,
)

# (municipality, year, share of criteria in place, share partly): the rest are not.
PUBLISHED = [
    ("853", -3, 0.4, 0.3),
    ("853", -2, 0.5, 0.3),
    ("853", -1, 0.65, 0.25),
    ("734", -2, 0.3, 0.4),
    ("734", -1, 0.45, 0.3),
    ("202", -1, 0.55, 0.2),
]


def _levels(count: int, in_place: float, partly: float) -> list[str]:
    yes = round(count * in_place)
    some = round(count * partly)
    return (
        [Level.IN_PLACE] * yes + [Level.PARTLY] * some + [Level.NOT_IN_PLACE] * (count - yes - some)
    )


def _assess(municipality, year, coordinator, in_place, partly, publish=True):
    assessment = Assessment.objects.filter(municipality=municipality, year=year).first()
    if assessment is not None:
        return assessment
    assessment = services.assessment_start(by=coordinator, year=year, municipality=municipality)
    criteria = list(services.assessed_criteria(assessment))
    levels = _levels(len(criteria), in_place, partly)
    services.answers_save(
        assessment=assessment,
        by=coordinator,
        answers={
            c.pk: (level, "Todettu hyte-työryhmässä.")
            for c, level in zip(criteria, levels, strict=True)
        },
    )
    member = (
        Membership.objects.filter(organisation__municipalities=municipality)
        .select_related("user", "organisation")
        .order_by("organisation__name", "id")
        .first()
    )
    if publish and member is not None:
        ngo = member.organisation
        views = _levels(len(criteria), max(in_place - 0.2, 0), partly)
        services.ngo_view_submit(
            assessment=assessment,
            organisation=ngo,
            by=member.user,
            ratings={c.pk: (v, "") for c, v in zip(criteria, views, strict=True)},
        )
    if publish:
        services.assessment_publish(assessment=assessment, by=coordinator)
    return assessment


@transaction.atomic
def load() -> list[str]:
    coordinator = User.objects.filter(is_coordinator=True).first()
    if coordinator is None:
        return []
    municipalities = {m.code: m for m in PublicBody.objects.filter(code__in=["853", "734", "202"])}
    this_year = timezone.localdate().year
    for code, offset, in_place, partly in PUBLISHED:
        _assess(municipalities[code], this_year + offset, coordinator, in_place, partly)
    turku, salo = municipalities["853"], municipalities["734"]
    last = Assessment.objects.get(municipality=turku, year=this_year - 1)
    weakest = last.answers.filter(level=Level.NOT_IN_PLACE).select_related("criterion").first()
    if weakest is not None and not last.targets.exists():
        services.target_add(
            assessment=last,
            criterion_id=weakest.criterion_id,
            by=coordinator,
            description="Pelisäännöt laaditaan yhdessä järjestöjen kanssa kevään työpajoissa.",
            owner="Hyvinvoinnin toimiala, hyte-koordinaattori",
            due_date=date(this_year, 6, 30),
        )
    _assess(turku, this_year, coordinator, 0.7, 0.2, publish=False)
    _assess(salo, this_year, coordinator, 0.5, 0.2, publish=False)
    now = timezone.now()
    forums = [
        (turku, "Turun kevään järjestöfoorumi", now + timedelta(days=45), ""),
        (
            turku,
            "Turun syksyn järjestöfoorumi",
            now - timedelta(days=60),
            "Keskusteltiin hyvinvointisuunnitelmasta ja avustusten uudistamisesta.",
        ),
        (None, "Varsinais-Suomen alueellinen järjestöfoorumi", now + timedelta(days=90), ""),
    ]
    for municipality, title, starts_at, minutes in forums:
        ForumEvent.objects.get_or_create(
            title=title,
            defaults={
                "municipality": municipality,
                "starts_at": starts_at.replace(hour=15, minute=0, second=0, microsecond=0),
                "place": "Turun kaupungintalo, Aurakatu 2",
                "organisers": "Kaupunki ja alueen järjestöt",
                "agenda": "Ajankohtaiset asiat\nHyvinvointisuunnitelma\nAvustukset",
                "agenda_planned_with_ngos": True,
                "minutes": minutes,
                "capacity": 120,
            },
        )
    for kind, name in (
        (StatutoryCouncil.Kind.ELDERLY, "Turun vanhusneuvosto"),
        (StatutoryCouncil.Kind.DISABILITY, "Turun vammaisneuvosto"),
        (StatutoryCouncil.Kind.YOUTH, "Turun nuorisovaltuusto"),
    ):
        StatutoryCouncil.objects.get_or_create(
            municipality=turku, kind=kind, defaults={"name": name}
        )
    for kind, title, year in (
        (GuidingDocument.Kind.STRATEGY, "Turku-strategia", this_year - 4),
        (GuidingDocument.Kind.WELLBEING_REPORT, "Laaja hyvinvointikertomus", this_year - 1),
    ):
        GuidingDocument.objects.get_or_create(
            municipality=turku,
            kind=kind,
            title=title,
            defaults={"year": year, "ngos_consulted": True},
        )
    return [
        "Checklist: Turku's, Salo's and Kaarina's published assessments, this year's drafts "
        "of Turku (waiting for the demo NGO's view) and Salo (liaison@salo.example.fi); "
        "the comparison for coordinator@example.fi"
    ]
