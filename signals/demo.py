"""Demo signals for the quick start: an organisation link, a few signals in Turku,
and a built digest to open. Idempotent: a second run adds nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cooperation.models import Membership, PublicBody, TargetGroup, User
from cooperation.services import hash_token

from . import services
from .challenges import services as challenge_services
from .models import ChallengeEdition, Need, Signal, SignalLink, Topic
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
    _challenges(turku)
    url = settings.SITE_URL.rstrip("/") + f"/signals/send/{DEMO_LINK_TOKEN}/"
    return [
        "Needs: Turku's NGO team has gathered the demo signals into a published need; "
        "log in as ngo.team@turku.example.fi to gather more.",
        "Area challenges: Turku has published this year's, resting on that need, with the "
        "spring NGO forum as its workshop.",
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


def _challenges(turku: PublicBody) -> None:
    """Turku's published area challenges of the year, resting on the demo need, with
    its coming NGO forum as the workshop."""
    team = User.objects.filter(email="ngo.team@turku.example.fi").first()
    year = timezone.localdate().year
    if team is None or ChallengeEdition.objects.filter(municipality=turku, year=year).exists():
        return
    forums = ChallengeEdition._meta.get_field("workshop").related_model
    workshop = (
        forums.objects.filter(municipality=turku, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    edition = challenge_services.edition_create(
        by=team,
        municipality=turku,
        year=year,
        fields={
            "introduction_fi": "Kaupungin asiantuntijoiden näkemys alueiden haasteista "
            "järjestöjen signaalien pohjalta. Hankkeita suunnitellaan yhdessä työpajassa.",
            "introduction_sv": "Stadens experters syn på områdenas utmaningar utifrån "
            "organisationernas signaler. Projekt planeras tillsammans i en workshop.",
            "workshop": workshop,
        },
    )
    need = Need.objects.filter(municipality=turku, status__in=Need.PUBLIC).first()
    challenge_services.challenge_save(
        edition=edition,
        by=team,
        fields={
            "area": "Varissuo",
            "title_fi": "Arjen tuki ei tavoita ikäihmisiä ja lapsiperheitä",
            "title_sv": "Stödet i vardagen når inte äldre och barnfamiljer",
            "description_fi": "Yksinäisyys ja talousvaikeudet näkyvät järjestöjen "
            "signaaleissa; palveluihin hakeutuminen on vaikeaa.",
            "description_sv": "Ensamhet och ekonomiska svårigheter syns i organisationernas "
            "signaler; det är svårt att söka sig till tjänsterna.",
        },
        needs=[need] if need else [],
    )
    challenge_services.edition_publish(edition=edition, by=team)
