"""Agreements for tests, made through the services."""

from datetime import date

from partnerships.agreements import services
from partnerships.agreements.services import CommitmentInput
from partnerships.models import Agreement
from tests.factories import municipality


def make_agreement(
    world, *, kind=Agreement.Kind.DEVELOPMENT, parties=None, body=None, by=None, **fields
) -> Agreement:
    """A draft of Turku (or of `body`) with org_a as the party, one commitment each side."""
    parties = parties or [world.org_a]
    spaces = fields.pop("spaces", ())
    values = {
        "kind": kind,
        "title": "Olohuonetoiminnan kumppanuus",
        "purpose": "Ikäihmisten yksinäisyyden vähentäminen.",
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2027, 12, 31),
        "summary_fi": "Järjestö pitää olohuonetta, kaupunki antaa tilat.",
    }
    if kind == Agreement.Kind.FACILITY:
        values["premises"] = "Palvelukeskus, kerhohuone 2"
    values.update(fields)
    return services.agreement_create(
        by=by or world.official_same,
        municipality=body or municipality("853"),
        fields=values,
        organisations=parties,
        spaces=spaces,
        commitments=[
            CommitmentInput("Kerhohuone maksutta käyttöön.", None, "Tila käytössä viikoittain"),
            CommitmentInput(
                "Viikoittainen olohuoneryhmä.", parties[0], "40 kokoontumista vuodessa", "volume"
            ),
        ],
    )


def in_force(world, **fields) -> Agreement:
    agreement = make_agreement(world, **fields)
    return services.agreement_bring_into_force(agreement=agreement, by=world.official_same)
