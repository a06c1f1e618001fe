"""A demo request for a partnership statement (seed 002): the demo NGO asks Turku
to be its partner in a STEA application, answering Turku's published need, and
Turku's NGO team has given a letter of intent that waits for STEA's decision.
Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cooperation.extensions import need_choices
from cooperation.models import Membership, PublicBody, User

from . import services
from .models import StatementRequest

TITLE = "Arjen olohuone Varissuolle"


@transaction.atomic
def load() -> list[str]:
    if StatementRequest.objects.filter(project_title=TITLE).exists():
        return []
    official = User.objects.filter(email="ngo.team@turku.example.fi").first()
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user__email="ngo.admin@example.fi", role=Membership.Role.ADMIN)
        .order_by("organisation__name")
        .first()
    )
    if official is None or membership is None:
        return []
    turku = PublicBody.objects.get(code="853")
    needs = need_choices(turku.pk)
    year = timezone.localdate().year + 1
    request = services.request_create(
        by=membership.user,
        organisation=membership.organisation,
        municipality=turku,
        fields={
            "language": "fi",
            "project_title": TITLE,
            "project_summary": "Kolmivuotinen hanke: avoin olohuone, vertaisryhmät ja "
            "arjen neuvonta Varissuon asukkaille yhdessä kaupungin kanssa.",
            "funder": StatementRequest.Funder.STEA,
            "funding_round": f"STEA:n avustushaku {year}",
            "starts_on": date(year, 1, 1),
            "ends_on": date(year + 2, 12, 31),
            "asked_commitment": "Tilat Varissuon asukastuvalta kahtena iltana viikossa\n"
            "Sosiaaliohjaaja mukaan kerran kuussa",
            "budget_total": Decimal("285000.00"),
            "applied_from_funder": Decimal("240000.00"),
        },
        needs=list(needs[:1]) if needs is not None else (),
    )
    request = services.request_submit(request=request, by=membership.user)
    if request.status == StatementRequest.Status.IN_PROCESSING:
        services.statement_give(
            request=request,
            by=official,
            kind=StatementRequest.Kind.LETTER_OF_INTENT,
            statement="Turun kaupunki pitää hanketta tarpeellisena: se vastaa lähiöiden "
            "arjen tuen tarpeeseen, jonka järjestöjen signaalit ovat tuoneet esiin. "
            "Kaupunki on hankkeen kumppani, jos STEA myöntää sille avustuksen.",
            commitments=request.asked_commitment,
            signer_title="Järjestökoordinaattori",
        )
    return [
        "Partnership statements: Turku has given a letter of intent for a STEA "
        "application; log in as ngo.admin@example.fi to record STEA's decision."
    ]
