import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The county lives on as a public body; its own table and the checklist's second
    subject go."""

    dependencies = [
        ("cooperation", "0015_counties_as_public_bodies"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="assessment", name="assessment_one_subject"),
        migrations.RemoveConstraint(model_name="assessment", name="assessment_municipality_year"),
        migrations.RemoveConstraint(model_name="assessment", name="assessment_county_year"),
        migrations.RemoveField(model_name="assessment", name="county"),
        migrations.AlterField(
            model_name="assessment",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assessments",
                to="cooperation.publicbody",
                verbose_name="municipality or wellbeing services county",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.UniqueConstraint(
                fields=("municipality", "year"), name="assessment_subject_year"
            ),
        ),
        migrations.RemoveField(model_name="publicbody", name="wellbeing_county"),
        migrations.DeleteModel(name="WellbeingServicesCounty"),
        migrations.AddConstraint(
            model_name="publicbody",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "municipality"), ("county__isnull", True), _connector="OR"),
                name="public_body_county_is_a_municipality_s",
            ),
        ),
    ]
