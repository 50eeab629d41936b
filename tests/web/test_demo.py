"""`govscore demo`: the Đồng Nai 2012 example as a working database."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.test import TestCase
from django.utils import timezone

from govscore.web.demo import example_evaluation, published_statuses, setup_demo
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import calendar
from govscore.web.scores.models import Result

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.period, cls.logins = setup_demo()

    def test_it_loads_twenty_units(self) -> None:
        self.assertEqual(Unit.objects.count(), 20)
        self.assertEqual(Result.objects.filter(period=self.period).count(), 20)

    def test_it_derives_exactly_the_published_late_and_missing_months(self) -> None:
        reports = list(MonthlyReport.objects.filter(period=self.period))
        for unit_data in example_evaluation().units:
            unit = Unit.objects.get(code=unit_data.code)
            months = [m for m in calendar(self.period, unit, reports) if m.month in self.period.reporting_months()]
            late, missing = published_statuses(unit_data)
            with self.subTest(unit=unit.name):
                self.assertEqual({m.month for m in months if m.status == "late"}, late)
                self.assertEqual({m.month for m in months if m.status == "missing"}, missing)

    def test_it_reproduces_the_published_totals(self) -> None:
        published = {unit.code: unit.published.total for unit in example_evaluation().units if unit.published}
        for result in Result.objects.filter(period=self.period).select_related("unit"):
            self.assertEqual(result.total, published[result.unit.code], result.unit.name)

    def test_it_creates_one_user_per_role_and_one_reporter_per_unit(self) -> None:
        roles = [login.role.value for login in self.logins]
        self.assertEqual(roles.count("reporter"), 20)
        self.assertEqual({"administrator", "evaluator", "leader"} - set(roles), set())

    def test_it_has_a_live_period_for_this_year_under_the_same_framework(self) -> None:
        live = EvaluationPeriod.objects.exclude(pk=self.period.pk).get()
        self.assertEqual(live.year, timezone.localdate().year)
        self.assertEqual(live.framework.code, self.period.framework.code)
        self.assertIsNotNone(live.closes_on)
        self.assertEqual(Result.objects.filter(period=live).count(), 20)

    def test_it_reuses_the_data_when_run_again(self) -> None:
        count = MonthlyReport.objects.count()
        setup_demo()
        self.assertEqual(MonthlyReport.objects.count(), count)
        self.assertEqual(Unit.objects.count(), 20)


class DemoCommandTests(TestCase):
    def test_it_sets_up_an_empty_data_folder_from_the_command_line(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "demo"
            env = {**os.environ, "GOVSCORE_DATA_DIR": str(data)}
            env.pop("DATABASE_URL", None)
            done = subprocess.run(
                [sys.executable, "-m", "govscore", "demo", "--no-serve"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("evaluator", done.stdout)
            self.assertTrue((data / "govscore.sqlite3").is_file())
