"""No double bookings, in the database: on PostgreSQL two held times of one space
never overlap (an exclusion constraint over a half-open time range, so 10-12 and
12-14 do not collide). SQLite has no such constraint: there the services check
inside a write transaction, which SQLite runs one at a time."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE partnerships_occupancy ADD CONSTRAINT occupancy_no_overlap
    EXCLUDE USING gist (space_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&);
"""
DROP = "ALTER TABLE partnerships_occupancy DROP CONSTRAINT IF EXISTS occupancy_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_spaces_and_bookings")]

    operations = [migrations.RunPython(create, drop)]
