import hashlib

from django.db import migrations, models


def hash_the_secrets(apps, schema_editor):
    """Feeds made before: their addresses keep working, found by the hash."""
    CalendarFeed = apps.get_model("partnerships", "CalendarFeed")
    for feed in CalendarFeed.objects.filter(token_hash__isnull=True):
        feed.token_hash = hashlib.sha256(feed.token.encode()).hexdigest()
        feed.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(
                max_length=64, null=True, unique=True, verbose_name="hash of the secret"
            ),
        ),
        migrations.RunPython(hash_the_secrets, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="hash of the secret"),
        ),
    ]
