"""Each wellbeing services county becomes a public body beside the municipalities: its
municipalities point at it, and its checklist assessments become its own."""

from django.db import migrations


def forwards(apps, schema_editor):
    County = apps.get_model("cooperation", "WellbeingServicesCounty")
    PublicBody = apps.get_model("cooperation", "PublicBody")
    Assessment = apps.get_model("cooperation", "Assessment")
    for county in County.objects.all():
        members = PublicBody.objects.filter(wellbeing_county=county)
        body, _ = PublicBody.objects.update_or_create(
            code=county.code,
            defaults={
                "kind": "county",
                "name_fi": county.name_fi[:100],
                "name_sv": county.name_sv[:100],
                "name_en": county.name_en[:100],
                "bilingual": members.filter(bilingual=True).exists(),
            },
        )
        members.update(county=body)
        Assessment.objects.filter(county=county).update(municipality=body, county=None)


def backwards(apps, schema_editor):
    County = apps.get_model("cooperation", "WellbeingServicesCounty")
    PublicBody = apps.get_model("cooperation", "PublicBody")
    Assessment = apps.get_model("cooperation", "Assessment")
    for body in PublicBody.objects.filter(kind="county"):
        county, _ = County.objects.update_or_create(
            code=body.code,
            defaults={"name_fi": body.name_fi, "name_sv": body.name_sv, "name_en": body.name_en},
        )
        PublicBody.objects.filter(county=body).update(wellbeing_county=county)
        Assessment.objects.filter(municipality=body).update(municipality=None, county=county)
        PublicBody.objects.filter(county=body).update(county=None)
        body.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0014_public_body_kind"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
