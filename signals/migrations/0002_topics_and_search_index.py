"""The first signal topics (an editable list), and on PostgreSQL the search column.

`search_document` is a stored, generated tsvector of the description with a
GIN index (see signals.search): PostgreSQL keeps it current on every write,
and its statistics let the planner tell frequent words from rare ones. The
Finnish configuration is used when the server has it, else "simple". SQLite
gets neither.
"""

from django.db import migrations

TOPICS = [
    ("loneliness", "Yksinäisyys ja osallisuus", "Ensamhet och delaktighet", "Loneliness and inclusion"),
    ("mental-health", "Mielenterveys", "Psykisk hälsa", "Mental health"),
    ("substance-use", "Päihteet ja riippuvuudet", "Missbruk och beroenden", "Substance use and addiction"),
    ("livelihood", "Toimeentulo ja velat", "Försörjning och skulder", "Livelihood and debt"),
    ("food-aid", "Ruoka-apu", "Mathjälp", "Food aid"),
    ("housing", "Asuminen", "Boende", "Housing"),
    ("access-to-services", "Palveluihin pääsy ja digituki", "Tillgång till tjänster och digitalt stöd", "Access to services and digital support"),
    ("safety", "Turvallisuus ja väkivalta", "Trygghet och våld", "Safety and violence"),
    ("families", "Lapset, nuoret ja perheet", "Barn, unga och familjer", "Children, young people and families"),
    ("ageing", "Ikääntyminen ja muistisairaudet", "Åldrande och minnessjukdomar", "Ageing and memory disorders"),
    ("work-and-study", "Työ ja opiskelu", "Arbete och studier", "Work and study"),
    ("integration", "Kotoutuminen ja kieli", "Integration och språk", "Integration and language"),
    ("mobility", "Liikkuminen ja saavutettavuus", "Rörlighet och tillgänglighet", "Mobility and accessibility"),
]


def load_topics(apps, schema_editor):
    Topic = apps.get_model("signals", "Topic")
    for position, (slug, fi, sv, en) in enumerate(TOPICS):
        Topic.objects.get_or_create(
            slug=slug, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "position": position}
        )


def add_search_column(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'finnish'")
        config = "finnish" if cursor.fetchone() else "simple"
    schema_editor.execute(
        "ALTER TABLE signals_signal ADD COLUMN search_document tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{config}'::regconfig, COALESCE(description, ''))) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX signal_search_document ON signals_signal USING gin (search_document)"
    )


def drop_search_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE signals_signal DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("signals", "0001_initial")]

    operations = [
        migrations.RunPython(load_topics, migrations.RunPython.noop),
        migrations.RunPython(add_search_column, drop_search_column),
    ]
