"""Demo grants for the quick start: Turku's open annual call and rolling small
grants, an application waiting for the grant officer, a draft, and published
decisions of 2023 to 2025 for the statistics. Idempotent: a second run adds nothing.

The decisions of past years are written straight to the database: the services
refuse, rightly, to open applications to calls that have closed."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from cooperation.extensions import challenge_choices
from cooperation.lib.references import new_reference
from cooperation.models import Membership, Organisation, PublicBody, Theme, User

from . import services
from .budget import LineInput
from .models import Application, AttachmentKind, Criterion, GrantCall, Network

HELSINKI = ZoneInfo("Europe/Helsinki")
OPEN_CALL = "Järjestöjen yleisavustukset 2027"

GUIDELINES = (
    "Avustusta voivat hakea rekisteröidyt yhdistykset ja rekisteröimättömät ryhmät, "
    "joiden toiminta kohdistuu kunnan asukkaisiin. Hakemukseen liitetään "
    "toimintasuunnitelma ja viimeisin tilinpäätös. Avustus maksetaan päätöksen jälkeen, "
    "ja sen käytöstä tehdään selvitys seuraavan vuoden tammikuun loppuun mennessä.",
    "Bidrag kan sökas av registrerade föreningar och oregistrerade grupper vars "
    "verksamhet riktar sig till kommunens invånare. Till ansökan bifogas "
    "verksamhetsplan och senaste bokslut. Bidraget betalas ut efter beslutet, och "
    "dess användning redovisas före utgången av januari följande år.",
    "Registered associations and unregistered groups whose activity serves the "
    "municipality's residents may apply. Attach the action plan and the latest "
    "financial statements. The grant is paid after the decision, and its use is "
    "reported by the end of the following January.",
)

# (organisation index, theme slug, size, applied, granted or None) for each past year
PAST = [
    (0, "loneliness", Organisation.Size.SMALL, "4000", "3500"),
    (1, "health", Organisation.Size.VOLUNTEERS, "1500", "1500"),
    (2, "culture-leisure", Organisation.Size.MEDIUM, "12000", "8000"),
    (3, "physical-activity", Organisation.Size.VOLUNTEERS, "2500", None),
    (4, "mental-health", Organisation.Size.LARGE, "20000", "15000"),
    (5, "family-support", Organisation.Size.SMALL, "3000", "2000"),
]


def _pdf() -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    data = io.BytesIO()
    writer.write(data)
    return SimpleUploadedFile("toimintasuunnitelma.pdf", data.getvalue(), "application/pdf")


def _call(municipality: PublicBody, title: str, **fields) -> GrantCall:
    call, created = GrantCall.objects.get_or_create(
        municipality=municipality,
        title_fi=title,
        defaults={
            "guidelines_fi": GUIDELINES[0],
            "guidelines_sv": GUIDELINES[1],
            "guidelines_en": GUIDELINES[2],
            "purposes_fi": "Sosiaali- ja terveysalan yleishyödyllinen toiminta.",
            "is_published": True,
            **fields,
        },
    )
    if created:
        for position, (name_fi, name_sv, name_en, weight) in enumerate(
            [
                ("Vaikuttavuus", "Verkningsfullhet", "Impact", 3),
                ("Toteutettavuus", "Genomförbarhet", "Feasibility", 2),
                ("Yhteistyö", "Samarbete", "Cooperation", 1),
            ],
            start=1,
        ):
            Criterion.objects.create(
                call=call,
                name_fi=name_fi,
                name_sv=name_sv,
                name_en=name_en,
                weight=weight,
                position=position,
            )
    return call


def _past_year(year: int, municipality: PublicBody, organisations: list[Organisation]):
    closes = datetime(year, 3, 31, 16, 0, tzinfo=HELSINKI)
    call = _call(
        municipality,
        f"Järjestöjen yleisavustukset {year}",
        title_sv=f"Allmänna understöd till organisationer {year}",
        opens_at=closes - timedelta(days=60),
        closes_at=closes,
        budget=Decimal("60000"),
        decisions_published_at=closes + timedelta(days=45),
    )
    if call.applications.exists():
        return
    themes = {t.slug: t for t in Theme.objects.all()}
    growth = Decimal(1) + Decimal("0.1") * (year - 2023)  # grants grow a little each year
    for index, theme_slug, size, applied, granted in PAST:
        organisation = organisations[index % len(organisations)]
        application = Application.objects.create(
            call=call,
            organisation=organisation,
            reference=new_reference("A"),
            title=f"{organisation.name}: toiminta {year}",
            purpose="Vuoden toiminta kunnan asukkaille.",
            status=Application.Status.PAID if granted else Application.Status.REJECTED,
            requested_amount=(Decimal(applied) * growth).quantize(Decimal("1")),
            granted_amount=(Decimal(granted) * growth).quantize(Decimal("1")) if granted else None,
            organisation_size=size,
            reasoning="Hakemus täyttää avustusohjeiden ehdot."
            if granted
            else "Määräraha ei riitä.",
            submitted_at=closes - timedelta(days=3),
            decided_at=closes + timedelta(days=40),
            paid_at=closes + timedelta(days=50) if granted else None,
        )
        if theme_slug in themes:
            application.themes.set([themes[theme_slug]])


@transaction.atomic
def _elderly_network(turku, now, organisations, admin) -> None:
    """Turku's elderly network endorses the applications of its call; one waits for it."""
    member = User.objects.filter(email="network@turku.example.fi").first()
    if member is None:
        return
    network, _created = Network.objects.get_or_create(
        name="Turun ikäihmisten verkosto", municipality=turku
    )
    network.members.add(member)
    call = _call(
        turku,
        "Ikäihmisten hyvinvointiavustukset 2027",
        title_sv="Understöd för äldres välbefinnande 2027",
        title_en="Grants for older people's wellbeing 2027",
        opens_at=now - timedelta(days=7),
        closes_at=(now + timedelta(days=45)).replace(hour=16, minute=0, second=0, microsecond=0),
        budget=Decimal("40000"),
        requires_endorsement=True,
        network=network,
    )
    applicant = next((o for o in organisations if o.memberships.filter(user=admin).exists()), None)
    if applicant is None or call.applications.exists():
        return
    _sent(
        call,
        applicant,
        admin,
        "Liikuntaryhmä kotona asuville",
        "Viikoittainen tuolijumppa ja kävelyryhmä yksin asuville ikäihmisille.",
        [("Ohjaajan palkkio", "3000"), ("Tilavuokra", "500")],
    )


def _sent(call, organisation, admin, title: str, purpose: str, costs) -> None:
    """An application sent to the call: its purpose and its costs, applied for in full."""
    application = services.application_create(
        call=call, organisation=organisation, by=admin, title=title
    )
    lines = [LineInput("cost", text, Decimal(amount)) for text, amount in costs]
    services.application_save(
        application=application,
        by=admin,
        fields={"purpose": purpose},
        requested_amount=sum((line.amount for line in lines), Decimal(0)),
        lines=lines,
    )
    services.application_submit(application=application, by=admin)


def load() -> list[str]:
    turku = PublicBody.objects.get(code="853")
    officer = User.objects.filter(email="grants@turku.example.fi").first()
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user__email="ngo.admin@example.fi", role=Membership.Role.ADMIN)
        .order_by("organisation__name")
        .first()
    )
    if officer is None or membership is None:
        return []
    organisations = list(Organisation.objects.order_by("name"))
    for year in (2023, 2024, 2025):
        _past_year(year, turku, organisations)
        _past_year(year, PublicBody.objects.get(code="734"), organisations[::-1])

    now = timezone.now()
    call = _call(
        turku,
        OPEN_CALL,
        title_sv="Allmänna understöd till organisationer 2027",
        title_en="General grants for organisations 2027",
        opens_at=now - timedelta(days=14),
        closes_at=(now + timedelta(days=30)).replace(hour=16, minute=0, second=0, microsecond=0),
        budget=Decimal("150000"),
        required_attachments=[AttachmentKind.ACTION_PLAN],
    )
    call.reviewers.add(officer)
    # The open call takes up Turku's published area challenges (the signals app's
    # demo, loaded before this one).
    challenges = challenge_choices(turku.pk)
    if challenges is not None:
        call.challenges.add(*challenges)
    _call(
        turku,
        f"Pienavustukset {now.year}",
        title_sv=f"Små bidrag {now.year}",
        title_en=f"Small grants {now.year}",
        kind=GrantCall.Kind.ROLLING,
        opens_at=datetime(now.year, 1, 1, tzinfo=HELSINKI),
        closes_at=datetime(now.year, 12, 15, 16, 0, tzinfo=HELSINKI),
        budget=Decimal("20000"),
    )
    organisation, admin = membership.organisation, membership.user
    if not call.applications.filter(organisation=organisation).exists():
        application = services.application_create(
            call=call, organisation=organisation, by=admin, title="Olohuonetoiminta ikäihmisille"
        )
        services.application_save(
            application=application,
            by=admin,
            fields={
                "purpose": "Avoin kohtaamispaikka yksinäisille ikäihmisille kolmesti viikossa."
            },
            requested_amount=Decimal("6000"),
            lines=[
                LineInput("cost", "Tilavuokra", Decimal("4000")),
                LineInput("cost", "Ohjaajan palkkio", Decimal("2800")),
                LineInput("income", "Osallistumismaksut", Decimal("800")),
            ],
        )
        services.attachment_add(
            application=application, kind=AttachmentKind.ACTION_PLAN, upload=_pdf(), by=admin
        )
        services.application_submit(application=application, by=admin)
        services.application_create(
            call=call, organisation=organisation, by=admin, title="Vertaisryhmä omaishoitajille"
        )
    _elderly_network(turku, now, organisations, admin)
    _county_call(now, organisation, admin)
    return [
        f"Grants: {call.title_fi} is open; log in as grants@turku.example.fi to handle "
        "the application waiting, or as ngo.admin@example.fi to continue the draft.",
        "Grants: Turun ikäihmisten verkosto endorses its call's applications; log in as "
        "network@turku.example.fi to give the statement on the one waiting.",
        "Grants: the wellbeing services county has a call of its own; log in as "
        "jarjestot@varha.example.fi to screen the application waiting.",
    ]


def _county_call(now, organisation: Organisation, admin: User) -> None:
    """The wellbeing services county's call, with one application sent: the county
    grants to social and health NGOs the same way a municipality does."""
    county = PublicBody.objects.counties().first()
    if county is None:
        return
    call = _call(
        county,
        "Hyvinvointialueen järjestöavustukset 2027",
        title_sv="Välfärdsområdets understöd till organisationer 2027",
        title_en="The wellbeing services county's grants for organisations 2027",
        opens_at=now - timedelta(days=7),
        closes_at=(now + timedelta(days=40)).replace(hour=16, minute=0, second=0, microsecond=0),
        budget=Decimal("80000"),
    )
    if call.applications.filter(organisation=organisation).exists():
        return
    _sent(
        call,
        organisation,
        admin,
        "Omaishoitajien vertaistuki",
        "Kuukausittaiset vertaistapaamiset ja virkistyspäivä omaishoitajille.",
        [("Ohjaajan palkkio", "3000"), ("Virkistyspäivän kulut", "1200")],
    )
