"""A small cast for web tests.

Units: Sở Y tế (SYT) and Sở Tư pháp (STP), in one group, scored under the bundled Đồng Nai
framework in an open 2012 period.
Users:
  admin        administrator: everything
  evaluator    reads every unit, enters data and manual scores
  leader       reads every unit, changes nothing
  reporter     Reporter of Sở Y tế: must never see Sở Tư pháp's objects (404)
  stp_reporter Reporter of Sở Tư pháp
  unit_head    Head of Sở Y tế: reads its unit only, submits its self-assessment
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

import time_machine
from django.contrib.auth.models import User
from django.test import TestCase

from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.demo import EXAMPLE
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.imports.history.actions import do_import_history
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_close, do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_publish, do_save_draft
from govscore.web.publications.models import Publication
from govscore.web.reports.actions import do_submit_report
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.actions import do_set_manual_score
from govscore.web.scores.models import ManualScore

from .history_samples import seed_file
from .samples import pdf_upload

PASSWORD = "test-password"


def framework_text() -> str:
    from govscore.examples import EXAMPLES_DIR

    return (EXAMPLES_DIR / EXAMPLE / "framework.yaml").read_text(encoding="utf-8")


class BaseTestCase(TestCase):
    period: ClassVar[EvaluationPeriod]
    syt: ClassVar[Unit]
    stp: ClassVar[Unit]
    admin: ClassVar[User]
    evaluator: ClassVar[User]
    leader: ClassVar[User]
    reporter: ClassVar[User]
    stp_reporter: ClassVar[User]
    unit_head: ClassVar[User]
    syt_report: ClassVar[MonthlyReport]
    stp_report: ClassVar[MonthlyReport]
    syt_evidence: ClassVar[EvidenceFile]
    stp_evidence: ClassVar[EvidenceFile]
    syt_score: ClassVar[ManualScore]
    stp_score: ClassVar[ManualScore]

    @classmethod
    def setUpTestData(cls) -> None:
        version = do_store_framework(framework_text())
        cls.period = do_ensure_period(2012, version, title="Đánh giá năm 2012")
        group = do_ensure_group("so-nganh", "Sở, ban, ngành")
        cls.syt = do_ensure_unit("SYT", "Sở Y tế", group)
        cls.stp = do_ensure_unit("STP", "Sở Tư pháp", group)
        cls.admin = do_ensure_user("admin", PASSWORD, Role.ADMINISTRATOR)
        cls.evaluator = do_ensure_user("evaluator", PASSWORD, Role.EVALUATOR)
        cls.leader = do_ensure_user("leader", PASSWORD, Role.LEADER)
        cls.reporter = do_ensure_user("reporter", PASSWORD, Role.REPORTER, cls.syt)
        cls.stp_reporter = do_ensure_user("stp_reporter", PASSWORD, Role.REPORTER, cls.stp)
        cls.unit_head = do_ensure_user("unit_head", PASSWORD, Role.UNIT_HEAD, cls.syt)
        cls.syt_report, cls.syt_evidence, cls.syt_score = cls._unit_data(cls.syt, cls.reporter)
        cls.stp_report, cls.stp_evidence, cls.stp_score = cls._unit_data(cls.stp, cls.stp_reporter)

    @classmethod
    def _unit_data(cls, unit: Unit, reporter: User) -> tuple[MonthlyReport, EvidenceFile, ManualScore]:
        # The server stamps a report when it arrives: the clock is set to the day the report came.
        with time_machine.travel(datetime.datetime(2012, 2, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
            report = do_submit_report(
                cls.period,
                unit,
                1,
                content=f"Báo cáo tháng 1 của {unit.name}",
                attachment=pdf_upload("bao-cao.pdf"),
                by=reporter,
            )
        values = {"email_accounts": {"numerator": 40, "denominator": 50}, "network_connected": True}
        do_set_values(cls.period, unit, values, by=reporter)
        evidence = do_add_evidence(
            cls.period, unit, "email_accounts", pdf_upload(), description="Danh sách hộp thư", by=reporter
        )
        score = do_set_manual_score(cls.period, unit, "5", Decimal(100), "Các tiêu chí khác", None)
        return report, evidence, score

    def login(self, user: User | None) -> None:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)


def fill_draft(period: EvaluationPeriod) -> None:
    """The covering letter's details, as an administrator enters them before publishing."""
    letter = {
        "place": "Đồng Nai",
        "issued_on": datetime.date(2012, 12, 7),
        "letter_number": "1186/STTT",
        "letter_date": datetime.date(2012, 12, 7),
        "issuer": "Sở TTTT",
        "title": "Đánh giá mức độ ứng dụng CNTT năm 2012",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Minh Hùng",
    }
    do_save_draft(period, letter, None)


class PublishedCastTestCase(BaseTestCase):
    """The cast with its 2012 period published (the public pages have an edition to show) and 2011
    imported from its published table (two rows of the 2012 seed)."""

    publication: ClassVar[Publication]
    historical: ClassVar[EvaluationPeriod]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        fill_draft(cls.period)
        do_close(cls.period)
        cls.publication = do_publish(cls.period, cls.admin)
        historical = do_import_history(2011, cls.period.framework, seed_file(cls.period.framework, 2)).period
        assert historical is not None
        cls.historical = historical
