"""Results keep the numbers pages query (and each criterion's points), no longer per-language texts.

The rows are a cache of the core's results: they are emptied here and written anew for every period
by the app's `post_migrate` handler (`scores.apps`), since sentences and explanations are now computed
when shown.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def empty_results(apps: Any, schema_editor: Any) -> None:
    apps.get_model("scores", "Result").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("scores", "0007_field_names_in_vietnamese")]

    operations = [
        migrations.RunPython(empty_results, migrations.RunPython.noop),
        migrations.RemoveField(model_name="result", name="detail"),
        migrations.RemoveField(model_name="result", name="summary"),
        migrations.RemoveField(model_name="result", name="digest"),
        migrations.RemoveField(model_name="result", name="grade_label"),
        migrations.RemoveField(model_name="result", name="grade_cell"),
        migrations.RemoveField(model_name="result", name="position"),
        migrations.AddField(
            model_name="result",
            name="rank_value",
            field=models.DecimalField(decimal_places=6, default=0, max_digits=18),
            preserve_default=False,
        ),
        migrations.AddField(model_name="result", name="criteria", field=models.JSONField(default=dict)),
        migrations.AlterModelOptions(
            name="result",
            options={
                "ordering": ["period", "group_code", "rank", "name_order"],
                "verbose_name": "kết quả",
                "verbose_name_plural": "kết quả",
            },
        ),
    ]
