"""Demo agreements for the quick start (Turku's model, seed 001): development
partnerships with their commitments and a follow-up under way, a facility
partnership, and a project agreement waiting for STEA's decision. Idempotent:
a second run adds nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cooperation.models import Membership, Organisation, PublicBody, User

from . import services
from .models import Agreement
from .services import CommitmentInput

FIRST = "Olohuonetoiminnan kehittämiskumppanuus"


@transaction.atomic
def load() -> list[str]:
    if Agreement.objects.filter(title=FIRST).exists():
        return []
    official = User.objects.filter(email="ngo.team@turku.example.fi").first()
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user__email="ngo.admin@example.fi", role=Membership.Role.ADMIN)
        .order_by("organisation__name")
        .first()
    )
    if official is None or membership is None:
        return []
    turku = PublicBody.objects.get(code="853")
    ngo = membership.organisation
    others = list(Organisation.objects.exclude(pk=ngo.pk).order_by("name")[:2])
    today = timezone.localdate()

    def agreement(kind, title, parties, commitments, **fields):
        return services.agreement_create(
            by=official,
            municipality=turku,
            fields={
                "kind": kind,
                "title": title,
                "purpose": fields.pop("purpose", "Asukkaiden hyvinvoinnin tukeminen yhdessä."),
                "responsible": official,
                **fields,
            },
            organisations=parties,
            commitments=commitments,
        )

    development = agreement(
        Agreement.Kind.DEVELOPMENT,
        FIRST,
        [ngo],
        [
            CommitmentInput(
                "Kerhohuone maksutta käyttöön kolmena päivänä viikossa.",
                None,
                "Tila käytössä 3 päivää viikossa",
            ),
            CommitmentInput(
                "Avoin olohuone yksinäisille ikäihmisille.",
                ngo,
                "120 kokoontumista vuodessa",
                "volume",
                120,
            ),
            CommitmentInput(
                "Vapaaehtoisten perehdytys ja tuki.", ngo, "Kaksi koulutusta vuodessa", "quality", 2
            ),
        ],
        starts_on=date(today.year - 1, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
        summary_fi="Järjestö pitää avointa olohuonetta ikäihmisille, kaupunki antaa tilat.",
        summary_sv="Organisationen håller ett öppet vardagsrum för äldre, staden ger lokalerna.",
        summary_en="The organisation runs an open living room for older people; the city gives the premises.",
    )
    services.agreement_bring_into_force(agreement=development, by=official)
    round_ = services.follow_up_open(agreement=development, by=official)
    city = development.commitments.order_by("position").first()
    services.follow_up_report(round=round_, commitment=city, by=official, fulfilment="done")
    services.follow_up_comment(
        round=round_,
        by=official,
        text="Kiitos hyvästä yhteistyöstä, järjestön osuus odottaa vielä.",
    )
    services.annual_reports_open_due(today=today)

    facility = agreement(
        Agreement.Kind.FACILITY,
        "Palvelukeskuksen tilakumppanuus",
        [ngo, *others[:1]],
        [CommitmentInput("Liikuntasali vertaisryhmien käyttöön.", None, "Tiistai-illat")],
        starts_on=date(today.year, 1, 1),
        ends_on=today + timedelta(days=60),  # ends soon: the warning is sent
        premises="Runosmäen palvelukeskus, liikuntasali",
        free_of_charge=True,
        free_of_charge_reason="Toiminta tukee vahvasti ikäihmisten sosiaali- ja terveyspalveluja.",
        summary_fi="Vertaisryhmät kokoontuvat palvelukeskuksen salissa maksutta.",
    )
    services.agreement_bring_into_force(agreement=facility, by=official)

    project = agreement(
        Agreement.Kind.PROJECT,
        "Nuorten mielenterveyshanke",
        others or [ngo],
        [CommitmentInput("Ohjaajien työtila nuorisotalolla.", None, "Hankkeen ajan")],
        starts_on=date(today.year + 1, 1, 1),
        ends_on=date(today.year + 3, 12, 31),
        funder="STEA",
        funder_statement="Kaupunki on antanut hankkeesta puoltavan lausunnon.",
    )
    services.agreement_send_to_funder(agreement=project, by=official)
    return [
        "Agreements: three in Turku, one waiting for STEA; log in as ngo.team@turku.example.fi "
        "(My agreements) or ngo.admin@example.fi to report in the follow-up."
    ]
