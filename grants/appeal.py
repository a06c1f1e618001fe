"""The appeal instructions a grant decision carries (oikaisuvaatimusohje).

A municipal grant decision can be challenged by a request for review within
14 days (Kuntalaki 410/2015, 134 §). Each municipality keeps its own wording in
the admin (`AppealInstructions`); until it does, the letter carries the
default below, which says what the law says and where the registry is."""

from __future__ import annotations

from .models import AppealInstructions

DEFAULT_FI = """Tähän päätökseen tyytymätön voi tehdä kirjallisen oikaisuvaatimuksen. Päätöksestä ei voi valittaa tuomioistuimeen ennen oikaisuvaatimusta.

Oikaisuvaatimuksen voi tehdä se, johon päätös on kohdistettu tai jonka oikeuteen, velvollisuuteen tai etuun päätös välittömästi vaikuttaa (asianosainen), sekä kunnan jäsen.

Oikaisuvaatimus on tehtävä 14 päivän kuluessa päätöksen tiedoksisaannista. Tiedoksisaantipäivää ei lasketa määräaikaan. Asianosaisen katsotaan saaneen päätöksestä tiedon, jollei muuta näytetä, seitsemäntenä päivänä kirjeen lähettämisestä tai sähköisesti lähetettynä kolmantena päivänä viestin lähettämisestä. Kunnan jäsenen katsotaan saaneen päätöksestä tiedon seitsemäntenä päivänä siitä, kun pöytäkirja on asetettu nähtäväksi yleisessä tietoverkossa. Jos määräajan viimeinen päivä on pyhäpäivä, itsenäisyyspäivä, vapunpäivä, joulu- tai juhannusaatto tai arkilauantai, oikaisuvaatimuksen saa tehdä ensimmäisenä arkipäivänä sen jälkeen.

Oikaisuvaatimus osoitetaan päätöksen tehneelle toimielimelle tai, jos päätöksen on tehnyt viranhaltija, sille toimielimelle, jonka alainen viranhaltija on. Oikaisuvaatimuksesta on käytävä ilmi päätös, johon haetaan oikaisua, miten päätöstä halutaan oikaistavaksi ja millä perusteella, sekä tekijän nimi ja yhteystiedot. Oikaisuvaatimus on toimitettava määräajan viimeisenä päivänä ennen kirjaamon aukioloajan päättymistä."""

DEFAULT_SV = """Den som är missnöjd med detta beslut kan begära omprövning skriftligt. Beslutet får inte överklagas hos domstol innan omprövning har begärts.

Omprövning får begäras av den som beslutet avser eller vars rätt, skyldighet eller fördel direkt påverkas av beslutet (part) samt av kommunmedlemmar.

Omprövning ska begäras inom 14 dagar från delfåendet av beslutet. Delfåendedagen räknas inte in i tiden. En part anses, om inte något annat visas, ha fått del av beslutet den sjunde dagen efter att brevet sändes, eller den tredje dagen efter att ett elektroniskt meddelande sändes. En kommunmedlem anses ha fått del av beslutet den sjunde dagen efter att protokollet har lagts fram i det allmänna datanätet. Om den sista dagen är en helgdag, självständighetsdagen, första maj, julafton, midsommarafton eller en helgfri lördag, får omprövning begäras den första vardagen därefter.

Begäran om omprövning riktas till det organ som fattat beslutet eller, om beslutet fattats av en tjänsteinnehavare, till det organ som tjänsteinnehavaren lyder under. Av begäran ska framgå vilket beslut den gäller, hur beslutet ska ändras och på vilka grunder samt namn och kontaktuppgifter för den som begär omprövning. Begäran ska lämnas in senast den sista dagen innan registratorskontoret stänger."""

DEFAULT_EN = """Anyone dissatisfied with this decision may request a review in writing. The decision cannot be appealed to a court before a review has been requested.

A review may be requested by anyone to whom the decision is addressed or whose right, obligation or interest it directly affects (a party), and by a member of the municipality.

The request must be made within 14 days of being notified of the decision; the day of notification is not counted. Unless shown otherwise, a party is deemed notified on the seventh day after the letter was sent, or on the third day after an electronic message was sent. A member of the municipality is deemed notified on the seventh day after the minutes were made public online. If the last day is a public holiday, Independence Day, May Day, Christmas Eve, Midsummer Eve or a Saturday, the request may be made on the next working day.

The request is addressed to the body that made the decision or, if an official made it, to the body the official answers to. It must say which decision it concerns, how the decision should be changed and why, and the name and contact details of the person requesting. It must reach the registry before the registry closes on the last day."""


# The county's decisions follow the Act on Wellbeing Services Counties (611/2021,
# 141 §), where the members of the county, not of a municipality, may request a
# review: the same text with them.
_COUNTY_WORDS = {
    "fi": (
        ("kunnan jäsen", "hyvinvointialueen jäsen"),
        ("Kunnan jäsen", "Hyvinvointialueen jäsen"),
    ),
    "sv": (
        ("kommunmedlemmar", "medlemmar av välfärdsområdet"),
        ("En kommunmedlem", "En medlem av välfärdsområdet"),
    ),
    "en": (("member of the municipality", "member of the wellbeing services county"),),
}


def default_texts(body) -> dict[str, str]:
    """The default instructions of a municipality or, reworded, of the county."""
    texts = {"fi": DEFAULT_FI, "sv": DEFAULT_SV, "en": DEFAULT_EN}
    if getattr(body, "kind", "municipality") == "county":
        for language, pairs in _COUNTY_WORDS.items():
            for old, new in pairs:
                texts[language] = texts[language].replace(old, new)
    return {f"text_{language}": text for language, text in texts.items()}


def default_address(municipality) -> str:
    return f"{municipality.name_fi} – kirjaamo / registratorskontoret"


def instructions_for(municipality) -> AppealInstructions:
    """The municipality's instructions; the default (kept, so the admin shows it
    to edit) when it has none yet."""
    instructions, _ = AppealInstructions.objects.get_or_create(
        municipality=municipality,
        defaults={**default_texts(municipality), "address": default_address(municipality)},
    )
    return instructions


def seed(apps, schema_editor) -> None:
    """Data migration: every municipality starts with the default (the tests' seeding
    calls it with today's models)."""
    try:
        municipalities = apps.get_model("cooperation", "PublicBody")
    except LookupError:  # the grants migration runs before cooperation's 0013 renamed it
        municipalities = apps.get_model("cooperation", "Municipality")
    model = apps.get_model("grants", "AppealInstructions")
    model.objects.bulk_create(
        [
            model(
                municipality=municipality,
                address=default_address(municipality),
                **default_texts(municipality),
            )
            for municipality in municipalities.objects.all()
        ],
        ignore_conflicts=True,
    )
