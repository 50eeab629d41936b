"""The grade a unit reaches by its bands and conditions, kept apart from the grade a quota leaves it.
No framework had a quota before, so every stored grade is the grade its unit reached."""

from django.db import migrations, models
from django.db.models import F


def reached_is_grade(apps, schema_editor):
    apps.get_model("scores", "Result").objects.update(reached_grade=F("grade"))


class Migration(migrations.Migration):
    dependencies = [
        ("scores", "0009_peer_summary"),
    ]

    operations = [
        migrations.AddField(
            model_name="result",
            name="reached_grade",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.RunPython(reached_is_grade, migrations.RunPython.noop),
    ]
