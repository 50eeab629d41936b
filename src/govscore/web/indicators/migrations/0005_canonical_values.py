"""Stored values in the core's one canonical JSON shape (`facts.to_json`).

Before, the data form stored whole numbers as JSON numbers (`40`) and the import as text (`"40"`), with
trailing zeros as typed; equal values are now equal JSON. A value its framework no longer accepts is
left as it is (the pages show it as stored, and saving the form again puts it right).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from govscore.scoring.facts import from_json, to_json
from govscore.scoring.loading.framework_file import framework_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text


def canonical_values(apps: Any, schema_editor: Any) -> None:
    period_model = apps.get_model("periods", "EvaluationPeriod")
    value_model = apps.get_model("indicators", "IndicatorValue")
    for period in period_model.objects.select_related("framework"):
        text = period.framework.yaml_text
        data, source = parse_yaml_text(text, f"{period.framework.code}.yaml")
        framework = framework_from_data(data, source)
        indicators = {indicator.code: indicator for indicator in framework.indicators}
        for row in value_model.objects.filter(period=period).iterator(chunk_size=2000):
            indicator = indicators.get(row.code)
            if indicator is None:
                continue
            fact, _problems = from_json(indicator, row.value)
            if fact is not None and to_json(fact) != row.value:
                value_model.objects.filter(pk=row.pk).update(value=to_json(fact))


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_field_names_in_vietnamese"),
        ("periods", "0002_period_amending_status"),
    ]

    operations = [migrations.RunPython(canonical_values, migrations.RunPython.noop)]
