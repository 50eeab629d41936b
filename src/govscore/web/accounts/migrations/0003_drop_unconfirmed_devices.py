"""Unconfirmed two-factor devices go: their secrets were shown to whoever logged in with the password
first. Enrolment now keeps the secret in the session and stores a device only once it is confirmed."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def drop_unconfirmed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("otp_totp", "TOTPDevice").objects.filter(confirmed=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_field_names_in_vietnamese"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(drop_unconfirmed, migrations.RunPython.noop)]
