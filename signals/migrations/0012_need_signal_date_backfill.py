"""The links made before 0011 get their signal's date (standard SQL: SQLite and
PostgreSQL alike). A migration of its own: on PostgreSQL the rows are written in a
transaction apart from the change of the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0011_need_signal_date"),
    ]

    operations = [
        migrations.RunSQL(
            "UPDATE signals_needsignal SET signal_created_at = ("
            "SELECT created_at FROM signals_signal "
            "WHERE signals_signal.id = signals_needsignal.signal_id)",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
