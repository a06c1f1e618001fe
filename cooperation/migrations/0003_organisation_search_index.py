"""A trigram index for the directory's text search, on PostgreSQL only.

The search is `icontains` over the name and the three descriptions, which
PostgreSQL runs as UPPER(column) LIKE '%word%': without this index that is a
scan of every organisation. SQLite (the embedded default) has no such index
type and gets nothing.
"""

from django.db import migrations

COLUMNS = ("name", "description_fi", "description_sv", "description_en")
INDEX = "org_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    expressions = ", ".join(f"(UPPER({column}::text)) gin_trgm_ops" for column in COLUMNS)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON cooperation_organisation USING gin ({expressions})"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0002_region_data")]

    operations = [migrations.RunPython(create, drop)]
