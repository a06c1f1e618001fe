"""The region: Varsinais-Suomi's 27 municipalities and its wellbeing services county,
and the first entries of the editable lists (themes, target groups)."""

from django.db import migrations

COUNTY = ("05", "Varsinais-Suomen hyvinvointialue", "Egentliga Finlands välfärdsområde",
          "Southwest Finland Wellbeing Services County")

# Statistics Finland code, Finnish name, Swedish name, bilingual.
MUNICIPALITIES = [
    ("019", "Aura", "Aura", False),
    ("202", "Kaarina", "S:t Karins", False),
    ("284", "Koski Tl", "Koskis", False),
    ("304", "Kustavi", "Gustavs", False),
    ("322", "Kemiönsaari", "Kimitoön", True),
    ("400", "Laitila", "Letala", False),
    ("423", "Lieto", "Lundo", False),
    ("430", "Loimaa", "Loimaa", False),
    ("445", "Parainen", "Pargas", True),
    ("480", "Marttila", "S:t Mårtens", False),
    ("481", "Masku", "Masku", False),
    ("503", "Mynämäki", "Virmo", False),
    ("529", "Naantali", "Nådendal", False),
    ("538", "Nousiainen", "Nousis", False),
    ("561", "Oripää", "Oripää", False),
    ("577", "Paimio", "Pemar", False),
    ("631", "Pyhäranta", "Pyhäranta", False),
    ("636", "Pöytyä", "Pöytyä", False),
    ("680", "Raisio", "Reso", False),
    ("704", "Rusko", "Rusko", False),
    ("734", "Salo", "Salo", False),
    ("738", "Sauvo", "Sagu", False),
    ("761", "Somero", "Somero", False),
    ("833", "Taivassalo", "Tövsala", False),
    ("853", "Turku", "Åbo", True),
    ("895", "Uusikaupunki", "Nystad", False),
    ("918", "Vehmaa", "Vemo", False),
]

THEMES = [
    ("health", "Terveys", "Hälsa", "Health"),
    ("mental-health", "Mielenterveys", "Psykisk hälsa", "Mental health"),
    ("substance-use", "Päihteet ja riippuvuudet", "Missbruk och beroenden", "Substance use and addiction"),
    ("disability", "Vammaisuus", "Funktionsnedsättning", "Disability"),
    ("loneliness", "Yksinäisyys ja osallisuus", "Ensamhet och delaktighet", "Loneliness and inclusion"),
    ("family-support", "Perheiden tuki", "Stöd för familjer", "Family support"),
    ("culture-leisure", "Kulttuuri ja vapaa-aika", "Kultur och fritid", "Culture and leisure"),
    ("physical-activity", "Liikunta", "Motion", "Physical activity"),
    ("integration", "Kotoutuminen", "Integration", "Integration"),
    ("livelihood", "Toimeentulo", "Utkomst", "Livelihood"),
    ("housing", "Asuminen", "Boende", "Housing"),
    ("safety", "Turvallisuus", "Trygghet", "Safety"),
]

TARGET_GROUPS = [
    ("children", "Lapset", "Barn", "Children"),
    ("young-people", "Nuoret", "Unga", "Young people"),
    ("families", "Lapsiperheet", "Barnfamiljer", "Families with children"),
    ("working-age", "Työikäiset", "Personer i arbetsför ålder", "Working-age adults"),
    ("older-people", "Ikääntyneet", "Äldre", "Older people"),
    ("people-with-disabilities", "Vammaiset henkilöt", "Personer med funktionsnedsättning",
     "People with disabilities"),
    ("immigrants", "Maahanmuuttajat", "Invandrare", "Immigrants"),
    ("family-carers", "Omaishoitajat", "Närståendevårdare", "Family carers"),
    ("unemployed", "Työttömät", "Arbetslösa", "Unemployed people"),
    ("all-residents", "Kaikki asukkaat", "Alla invånare", "All residents"),
]


def load(apps, schema_editor):
    County = apps.get_model("cooperation", "WellbeingServicesCounty")
    Municipality = apps.get_model("cooperation", "Municipality")
    Theme = apps.get_model("cooperation", "Theme")
    TargetGroup = apps.get_model("cooperation", "TargetGroup")
    code, name_fi, name_sv, name_en = COUNTY
    county, _ = County.objects.update_or_create(
        code=code, defaults={"name_fi": name_fi, "name_sv": name_sv, "name_en": name_en}
    )
    for code, name_fi, name_sv, bilingual in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            code=code,
            defaults={"name_fi": name_fi, "name_sv": name_sv, "bilingual": bilingual,
                      "wellbeing_county": county},
        )
    for model, rows in ((Theme, THEMES), (TargetGroup, TARGET_GROUPS)):
        for position, (slug, fi, sv, en) in enumerate(rows):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "position": position},
            )


def unload(apps, schema_editor):
    apps.get_model("cooperation", "Municipality").objects.filter(
        code__in=[row[0] for row in MUNICIPALITIES]
    ).delete()
    apps.get_model("cooperation", "WellbeingServicesCounty").objects.filter(code=COUNTY[0]).delete()


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
