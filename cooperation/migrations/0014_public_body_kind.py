import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0013_public_body"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="publicbody",
            options={
                "ordering": ["name_fi"],
                "verbose_name": "municipality or wellbeing services county",
                "verbose_name_plural": "municipalities and wellbeing services counties",
            },
        ),
        migrations.AddField(
            model_name="publicbody",
            name="kind",
            field=models.CharField(
                choices=[
                    ("municipality", "municipality"),
                    ("county", "wellbeing services county"),
                ],
                default="municipality",
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="publicbody",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="name in English"),
        ),
        migrations.AlterField(
            model_name="publicbody",
            name="code",
            field=models.CharField(max_length=4, unique=True, verbose_name="statistics code"),
        ),
        migrations.AddField(
            model_name="publicbody",
            name="county",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"kind": "county"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="municipalities",
                to="cooperation.publicbody",
                verbose_name="wellbeing services county",
            ),
        ),
    ]
