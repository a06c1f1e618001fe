"""Demo facilities for the quick start: Turku's service-centre hall with two
halves, a self-service meeting room and a teaching kitchen, a room in Salo, a
weekly group waiting for the facility manager and a confirmed booking. The hall
is covered by the demo's facility partnership, so its group uses it free.
Idempotent: a second run adds nothing."""

from __future__ import annotations

import io
from datetime import time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from cooperation.models import Membership, PublicBody, User
from partnerships.agreements.models import Agreement

from . import services
from .models import OpeningException, OpeningHours, Space, SpacePhoto

HALL = "Runosmäen palvelukeskus, liikuntasali"


def _hours(space: Space, weekdays=range(5), opens=time(8), closes=time(21), saturday=True):
    rows = [OpeningHours(space=space, weekday=d, opens=opens, closes=closes) for d in weekdays]
    if saturday:
        rows.append(OpeningHours(space=space, weekday=5, opens=time(10), closes=time(16)))
    OpeningHours.objects.bulk_create(rows)


def _photo(space: Space, colour: tuple[int, int, int], alt_fi: str, alt_sv: str, alt_en: str):
    image = Image.new("RGB", (640, 400), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 260, 600, 360), fill=(240, 240, 235))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    SpacePhoto.objects.create(
        space=space,
        image=ContentFile(buffer.getvalue(), name="photo.jpg"),
        alt_fi=alt_fi,
        alt_sv=alt_sv,
        alt_en=alt_en,
    )


@transaction.atomic
def load() -> list[str]:
    if Space.objects.filter(name=HALL).exists():
        return []
    manager = User.objects.filter(email="facilities@turku.example.fi").first()
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user__email="ngo.admin@example.fi", role=Membership.Role.ADMIN)
        .order_by("organisation__name")
        .first()
    )
    if manager is None or membership is None:
        return []
    turku = PublicBody.objects.get(code="853")
    salo = PublicBody.objects.get(code="734")
    terms_fi = "Tila jätetään siistiksi. Avaimet noudetaan palvelukeskuksen infosta."
    terms_sv = "Lokalen lämnas städad. Nycklarna hämtas i servicecentrets info."
    terms_en = "Leave the space tidy. Keys are picked up at the service centre's desk."
    hall = Space.objects.create(
        municipality=turku,
        name=HALL,
        address="Runosmäentie 10, 20360 Turku",
        kind=Space.Kind.GYM,
        capacity=60,
        size_m2=220,
        equipment="Äänentoisto, 60 tuolia, patjat",
        description_fi="Valoisa sali, jonka voi jakaa kahteen puolikkaaseen väliverholla.",
        description_sv="En ljus sal som kan delas i två halvor med en mellanridå.",
        description_en="A bright hall that a curtain divides into two halves.",
        step_free_access=True,
        accessible_toilet=True,
        lift=True,
        induction_loop=True,
        terms_fi=terms_fi,
        terms_sv=terms_sv,
        terms_en=terms_en,
        ngo_price=Space.Price.REDUCED,
        hourly_price=40,
        reduced_hourly_price=20,
        free_rule_fi="Maksuton tilakumppanuussopimuksen tehneille järjestöille.",
        free_rule_sv="Avgiftsfri för organisationer med lokalpartnerskapsavtal.",
        free_rule_en="Free for organisations with a facility partnership agreement.",
        approver=manager,
        min_minutes=60,
        max_minutes=4 * 60,
    )
    for half in ("A", "B"):
        Space.objects.create(
            municipality=turku,
            parent=hall,
            name=f"Puolikas {half}",
            address=hall.address,
            kind=Space.Kind.GYM,
            capacity=30,
            size_m2=110,
            step_free_access=True,
            accessible_toilet=True,
            lift=True,
            ngo_price=Space.Price.REDUCED,
            hourly_price=25,
            reduced_hourly_price=12,
            approver=manager,
        )
    _hours(hall)
    today = timezone.localdate()
    independence = today.replace(month=12, day=6)
    if independence < today:
        independence = independence.replace(year=today.year + 1)
    OpeningException.objects.create(space=hall, date=independence, reason="Itsenäisyyspäivä")
    _photo(
        hall,
        (70, 120, 160),
        "Liikuntasali, jossa on puulattia ja korkeat ikkunat",
        "Gymnastiksal med trägolv och höga fönster",
        "A gym with a wooden floor and tall windows",
    )
    room = Space.objects.create(
        municipality=turku,
        name="Kokoustila Aura",
        address="Yliopistonkatu 27, 20100 Turku",
        kind=Space.Kind.MEETING_ROOM,
        capacity=12,
        size_m2=30,
        equipment="Näyttö, fläppitaulu, kahvinkeitin",
        step_free_access=True,
        induction_loop=True,
        terms_fi=terms_fi,
        terms_sv=terms_sv,
        terms_en=terms_en,
        ngo_price=Space.Price.FREE,
        needs_approval=False,
        notice_hours=2,
    )
    _hours(room, opens=time(8), closes=time(20), saturday=False)
    _photo(
        room,
        (150, 110, 70),
        "Kokoushuone, jossa on pyöreä pöytä",
        "Mötesrum med ett runt bord",
        "A meeting room with a round table",
    )
    kitchen = Space.objects.create(
        municipality=turku,
        name="Opetuskeittiö",
        address="Runosmäentie 10, 20360 Turku",
        kind=Space.Kind.KITCHEN,
        capacity=10,
        size_m2=45,
        equipment="Neljä liesitasoa, astianpesukone",
        ngo_price=Space.Price.NORMAL,
        hourly_price=25,
        approver=manager,
    )
    _hours(kitchen, saturday=False)
    salo_room = Space.objects.create(
        municipality=salo,
        name="Kaupungintalon kerhohuone",
        address="Tehdaskatu 2, 24100 Salo",
        kind=Space.Kind.MEETING_ROOM,
        capacity=20,
        step_free_access=True,
        accessible_toilet=True,
        ngo_price=Space.Price.FREE,
    )
    _hours(salo_room, saturday=False)

    # The demo's facility partnership covers the hall: its party books it free.
    facility = Agreement.objects.filter(
        kind=Agreement.Kind.FACILITY, organisations=membership.organisation
    ).first()
    if facility is not None:
        facility.spaces.add(hall)
    first_tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    services.series_request(
        space=hall,
        organisation=membership.organisation,
        by=membership.user,
        weekdays=[1],
        first_date=first_tuesday,
        last_date=first_tuesday + timedelta(weeks=7),
        starts=time(17),
        ends=time(19),
        purpose="Omaishoitajien vertaisryhmä",
        participants=25,
    )
    monday = today + timedelta(days=(7 - today.weekday()))
    services.booking_request(
        space=room,
        organisation=membership.organisation,
        by=membership.user,
        starts_at=services.local(monday, time(10)),
        ends_at=services.local(monday, time(12)),
        purpose="Hallituksen kokous",
        participants=7,
    )
    return [
        "Premises: four spaces in the catalogue; log in as facilities@turku.example.fi "
        "(Managing bookings) to decide on a weekly group, or as ngo.admin@example.fi to book."
    ]
