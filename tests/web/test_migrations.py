"""Data migrations do to existing rows what they say."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase


class UnconfirmedDevicesMigrationTests(TransactionTestCase):
    """Devices stored unconfirmed by the old enrolment held a secret shown to whoever logged in first with
    the password; the migration that stores devices only once confirmed drops them."""

    BEFORE = ("accounts", "0002_field_names_in_vietnamese")
    AFTER = ("accounts", "0003_drop_unconfirmed_devices")

    def test_unconfirmed_devices_are_dropped_and_confirmed_ones_kept(self) -> None:
        executor = MigrationExecutor(connection)
        latest = executor.loader.graph.leaf_nodes()
        executor.migrate([self.BEFORE])
        try:
            loader = MigrationExecutor(connection).loader
            apps = loader.project_state(list(loader.applied_migrations)).apps
            users, devices = apps.get_model("auth", "User"), apps.get_model("otp_totp", "TOTPDevice")
            looked_first = users.objects.create(username="nhin-truoc")
            enrolled = users.objects.create(username="da-dang-ky")
            devices.objects.create(user=looked_first, name="govscore", key="00" * 20, confirmed=False)
            devices.objects.create(user=enrolled, name="govscore", key="11" * 20, confirmed=True)
            MigrationExecutor(connection).migrate([self.AFTER])
            kept = devices.objects.values_list("user__username", "confirmed")
            self.assertEqual(list(kept), [("da-dang-ky", True)])
        finally:
            MigrationExecutor(connection).migrate(latest)
