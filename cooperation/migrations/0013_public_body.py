from django.db import migrations


class Migration(migrations.Migration):
    """A municipality becomes a public body (the next migration lets the wellbeing
    services county be one too); the rename keeps every row and reference."""

    dependencies = [
        ("cooperation", "0012_brand"),
        # After every feature's last migration, so that the rename carries their
        # references to the model along.
        ("grants", "0008_officers_review_and_endorsements"),
        ("partnerships", "0006_calendar_feed_token_hash"),
        ("signals", "0005_published_signals_index"),
    ]

    operations = [
        migrations.RenameModel("Municipality", "PublicBody"),
    ]
