"""Demo data for the quick start: a handful of NGOs and one user per role.

Idempotent: running it again updates the same records instead of adding more.
Officials and coordinators get a TOTP authenticator with a fixed, printed secret
so that the demo can be tried without a phone (`manage.py demo_totp EMAIL`).
"""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from .models import (
    Membership,
    Official,
    OfficialRole,
    Organisation,
    PublicBody,
    TargetGroup,
    Theme,
    Unit,
    User,
)

DEMO_PASSWORD = "kumppani-demo"  # noqa: S105 - printed for the local demo only
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

ORGANISATIONS = [
    # name, business ID, municipality codes, themes, target groups, public, description (fi, sv)
    (
        "Turun Seudun Mielenterveysyhdistys ry",
        "0204819-8",
        ["853", "202", "680"],
        ["mental-health", "loneliness"],
        ["working-age", "young-people"],
        True,
        "Vertaistukiryhmiä ja kohtaamispaikka mielenterveyskuntoutujille.",
        "Kamratstödsgrupper och mötesplats för personer med psykisk ohälsa.",
    ),
    (
        "Salon Omaishoitajat ry",
        "2077474-0",
        ["734"],
        ["family-support"],
        ["family-carers", "older-people"],
        True,
        "Omaishoitajien virkistystä ja vertaistukea Salon seudulla.",
        "Rekreation och kamratstöd för närståendevårdare i Saloregionen.",
    ),
    (
        "Paraisten Nuorisotalo ry",
        "2388924-4",
        ["445"],
        ["culture-leisure", "physical-activity"],
        ["young-people", "children"],
        True,
        "Nuorisotoimintaa suomeksi ja ruotsiksi.",
        "Ungdomsverksamhet på finska och svenska.",
    ),
    (
        "Kaarinan Kotoutumisapu ry",
        "0145626-1",
        ["202", "853"],
        ["integration"],
        ["immigrants", "families"],
        True,
        "Suomen kielen kerhoja ja arjen neuvontaa maahanmuuttajille.",
        "Språkcaféer och vardagsrådgivning för invandrare.",
    ),
    (
        "Uudenkaupungin Kävelykerho",
        None,
        ["895"],
        ["physical-activity", "loneliness"],
        ["older-people"],
        True,
        "Rekisteröimätön ryhmä, joka kävelee yhdessä joka tiistai.",
        "Oregistrerad grupp som promenerar tillsammans varje tisdag.",
    ),
    (
        "Loimaan Ruoka-apu",
        None,
        ["430"],
        ["livelihood"],
        ["all-residents"],
        False,
        "Ruoka-apua ja yhteisöllinen lounas. Profiili on vielä piilotettu.",
        "Mathjälp och gemensam lunch. Profilen är ännu dold.",
    ),
]

# e-mail, name, kind, details
USERS = [
    ("ngo.admin@example.fi", "Aino Admin", "ngo_admin", {}),
    ("ngo.member@example.fi", "Mikko Jäsen", "ngo_member", {}),
    (
        "ngo.team@turku.example.fi",
        "Noora Järjestötiimi",
        "official",
        {"municipality": "853", "roles": [OfficialRole.Role.NGO_TEAM]},
    ),
    (
        "grants@turku.example.fi",
        "Veikko Avustus",
        "official",
        {"municipality": "853", "roles": [OfficialRole.Role.GRANT_OFFICER]},
    ),
    (
        "facilities@turku.example.fi",
        "Tiina Tila",
        "official",
        {"municipality": "853", "roles": [OfficialRole.Role.FACILITY_MANAGER]},
    ),
    (
        "liaison@salo.example.fi",
        "Lauri Yhdyshenkilö",
        "official",
        {"municipality": "734", "roles": [OfficialRole.Role.LIAISON]},
    ),
    # A member of Turku's elderly network (grants.demo), who endorses applications.
    (
        "network@turku.example.fi",
        "Ville Verkosto",
        "official",
        {"municipality": "853", "roles": [OfficialRole.Role.LIAISON]},
    ),
    # The wellbeing services county: its own NGO team and grants (grants.demo).
    (
        "jarjestot@varha.example.fi",
        "Helmi Hyvinvointialue",
        "official",
        {
            "municipality": "05",
            "roles": [OfficialRole.Role.NGO_TEAM, OfficialRole.Role.GRANT_OFFICER],
        },
    ),
    ("coordinator@example.fi", "Kaisa Koordinaattori", "coordinator", {}),
    ("admin@example.fi", "Tekninen Ylläpitäjä", "superuser", {}),
]


def _user(email: str, name: str, **extra) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _give_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


# Feature apps add their demo records here (from their AppConfig.ready): each
# callable runs after the core's records and returns lines to print.
DEMO_EXTENSIONS: list[Callable[[], list[str]]] = []


def register_demo(loader: Callable[[], list[str]]) -> None:
    if loader not in DEMO_EXTENSIONS:
        DEMO_EXTENSIONS.append(loader)


@transaction.atomic
def load_demo_data() -> list[tuple[str, str]]:
    """Create or refresh the demo records. Returns (e-mail, description) of each demo user."""
    municipalities = {m.code: m for m in PublicBody.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    organisations = []
    for (
        name,
        business_id,
        codes,
        theme_slugs,
        group_slugs,
        public,
        desc_fi,
        desc_sv,
    ) in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "business_id": business_id,
                "is_public": public,
                "description_fi": desc_fi,
                "description_sv": desc_sv,
                "email": f"info@{name.split()[0].lower()}.example.fi",
                "confirmed_at": timezone.now(),
            },
        )
        organisation.municipalities.set([municipalities[c] for c in codes])
        organisation.themes.set([themes[s] for s in theme_slugs])
        organisation.target_groups.set([groups[s] for s in group_slugs])
        organisations.append(organisation)

    welfare, _ = Unit.objects.get_or_create(
        municipality=municipalities["853"],
        name_fi="Hyvinvoinnin toimiala",
        defaults={"name_sv": "Välfärdssektorn", "name_en": "Welfare division"},
    )
    logins = []
    for email, name, kind, details in USERS:
        if kind == "superuser":
            user = _user(email, name, is_staff=True, is_superuser=True)
            _give_totp(user)
            logins.append((email, "technical administrator (two-factor)"))
        elif kind == "coordinator":
            user = _user(email, name, is_coordinator=True)
            _give_totp(user)
            logins.append((email, "regional coordinator (two-factor)"))
        elif kind == "official":
            user = _user(email, name)
            municipality = municipalities[details["municipality"]]
            official, _ = Official.objects.update_or_create(
                user=user,
                defaults={
                    "municipality": municipality,
                    "unit": welfare if municipality.code == "853" else None,
                },
            )
            for role in details["roles"]:
                OfficialRole.objects.get_or_create(official=official, role=role)
            _give_totp(user)
            roles = ", ".join(str(OfficialRole.Role(r).label) for r in details["roles"])
            logins.append((email, f"{roles}, {municipality.name_fi} (two-factor)"))
        else:
            user = _user(email, name)
            role = Membership.Role.ADMIN if kind == "ngo_admin" else Membership.Role.MEMBER
            for organisation in organisations[:2]:
                Membership.objects.update_or_create(
                    user=user, organisation=organisation, defaults={"role": role}
                )
            logins.append(
                (email, f"NGO {role} of {organisations[0].name} and {organisations[1].name}")
            )
    return logins
