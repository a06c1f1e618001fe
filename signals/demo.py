"""Demo signals for the quick start: an organisation link, a few signals in Turku,
and a built digest to open. Idempotent: a second run adds nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from cooperation.models import Membership, PublicBody, TargetGroup, User
from cooperation.services import hash_token

from . import services
from .models import Need, Signal, SignalLink, Topic
from .needs import services as need_services

# A fixed token, so that the demo link is the same after every run (demo only).
DEMO_LINK_TOKEN = "demo-organisation-link"  # noqa: S105

SIGNALS = [
    (
        "silent_signal",
        "Itäharju",
        ["loneliness", "ageing"],
        ["older-people"],
        "Kerhoomme on tullut useita iäkkäitä, jotka kertovat, etteivät ole puhuneet kenenkään kanssa viikkoihin. Moni ei osaa käyttää digipalveluja.",
        "Pidämme kahvikerhoa kahdesti viikossa.",
        "Kaupungin digituen neuvonta voisi jalkautua kerhoihin.",
    ),
    (
        "worry",
        "Varissuo",
        ["food-aid", "livelihood"],
        ["families"],
        "Ruoka-avun jonot ovat kasvaneet syksyn aikana, ja jonossa on aiempaa enemmän lapsiperheitä.",
        "Jaamme ruokakasseja keskiviikkoisin.",
        "",
    ),
    (
        "observation",
        "Keskusta",
        ["mental-health", "families"],
        ["young-people"],
        "Nuoret kertovat, että koulupsykologille pääsee vasta kuukausien päästä. Moni jää ilman apua.",
        "",
        "Matalan kynnyksen keskusteluapua nuorisotiloihin.",
    ),
    (
        "worry",
        "Runosmäki",
        ["housing"],
        [],
        "Vuokrarästien vuoksi häätöuhan alla olevia perheitä on tullut toimintaamme aiempaa enemmän.",
        "Ohjaamme talous- ja velkaneuvontaan.",
        "",
    ),
]


@transaction.atomic
def load() -> list[str]:
    turku = PublicBody.objects.get(code="853")
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user__email="ngo.admin@example.fi")
        .order_by("organisation__name")
        .first()
    )
    if membership is None:
        return []
    organisation = membership.organisation
    link, _created = SignalLink.objects.get_or_create(
        token_hash=hash_token(DEMO_LINK_TOKEN),
        defaults={
            "kind": SignalLink.Kind.ORGANISATION,
            "organisation": organisation,
            "label": "Demo",
            "created_by": membership.user,
        },
    )
    if not Signal.objects.filter(link=link).exists():
        topics = {t.slug: t for t in Topic.objects.all()}
        groups = {g.slug: g for g in TargetGroup.objects.all()}
        for kind, area, topic_slugs, group_slugs, description, action, proposal in SIGNALS:
            services.signal_submit(
                fields={
                    "kind": kind,
                    "description": description,
                    "area": area,
                    "current_action": action,
                    "proposal": proposal,
                    "sender_name": "Demo-vapaaehtoinen",
                    "wants_answer": True,
                },
                municipality=turku,
                channel=Signal.Channel.ORGANISATION_LINK,
                language="fi",
                organisation=organisation,
                link=link,
                topics=[topics[s] for s in topic_slugs if s in topics],
                target_groups=[groups[s] for s in group_slugs if s in groups],
            )
        services.digest_build()
    _need(turku, link)
    url = settings.SITE_URL.rstrip("/") + f"/signals/send/{DEMO_LINK_TOKEN}/"
    return [
        "Needs: Turku's NGO team has gathered the demo signals into a published need; "
        "log in as ngo.team@turku.example.fi to gather more.",
        f"Signal link of {organisation.name} (no account needed): {url}",
        "Build and send the weekly digest now: .venv/bin/python manage.py signals_digest",
    ]


def _need(turku: PublicBody, link: SignalLink) -> None:
    """A published need of Turku, gathered from the demo signals by its NGO team."""
    team = User.objects.filter(email="ngo.team@turku.example.fi").first()
    if team is None or Need.objects.filter(municipality=turku, created_by=team).exists():
        return
    need = need_services.need_create(
        by=team,
        municipality=turku,
        fields={
            "title_fi": "Arjen tuen tarve lähiöissä",
            "title_sv": "Behov av stöd i vardagen i förorterna",
            "summary_fi": "Järjestöt kertovat yksinäisyydestä, talousvaikeuksista ja siitä, "
            "että palveluihin on vaikea päästä. Tarve koskee erityisesti ikäihmisiä ja "
            "lapsiperheitä.",
            "summary_sv": "Organisationerna berättar om ensamhet, ekonomiska svårigheter och "
            "om att det är svårt att nå tjänsterna. Behovet gäller särskilt äldre och "
            "barnfamiljer.",
            "areas": "Varissuo, Lauste",
        },
        signals=Signal.objects.filter(link=link),
    )
    need_services.need_move(need=need, by=team, to=Need.Status.PUBLISHED)
