"""The small cast the browser tests act on, built with the apps' own actions.

The same shape as the web tests' cast: Sở Y tế (SYT) and Sở Tư pháp (STP) in one group under the
bundled Đồng Nai framework in an open 2012 period, each with a January report received on time,
indicator data, one evidence file and a manual score of 100 on criterion 5. The live server reads
committed rows, so this is built per test in a transactional database rather than in a TestCase.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import time_machine
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from govscore.examples import EXAMPLES_DIR
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.demo import EXAMPLE
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.actions import do_submit_report
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.actions import do_set_manual_score

PASSWORD = "test-password"
# Criterion 5 ("Các tiêu chí khác") is the framework's only manual criterion, 0 to 155 points.
MANUAL_CRITERION = "5"
MANUAL_POINTS = Decimal(100)


def pdf(marker: str) -> bytes:
    """A minimal PDF (uploads are checked by content); the comment tells one unit's file from another's."""
    return (
        b"%PDF-1.4\n%" + marker.encode() + b"\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


@dataclass(frozen=True)
class Cast:
    period: EvaluationPeriod
    syt: Unit
    stp: Unit
    admin: User
    evaluator: User
    leader: User
    reporter: User
    stp_reporter: User
    syt_report: MonthlyReport
    stp_report: MonthlyReport
    syt_evidence: EvidenceFile
    stp_evidence: EvidenceFile


def build_cast() -> Cast:
    framework = (EXAMPLES_DIR / EXAMPLE / "framework.yaml").read_text(encoding="utf-8")
    version = do_store_framework(framework)
    period = do_ensure_period(2012, version, title="Đánh giá năm 2012", report_due_day=5)
    group = do_ensure_group("so-nganh", "Sở, ban, ngành")
    syt = do_ensure_unit("SYT", "Sở Y tế", group)
    stp = do_ensure_unit("STP", "Sở Tư pháp", group)
    syt_report, syt_evidence = _unit_data(period, syt)
    stp_report, stp_evidence = _unit_data(period, stp)
    return Cast(
        period=period,
        syt=syt,
        stp=stp,
        admin=do_ensure_user("admin", PASSWORD, Role.ADMINISTRATOR),
        evaluator=do_ensure_user("evaluator", PASSWORD, Role.EVALUATOR),
        leader=do_ensure_user("leader", PASSWORD, Role.LEADER),
        reporter=do_ensure_user("reporter", PASSWORD, Role.REPORTER, syt),
        stp_reporter=do_ensure_user("stp_reporter", PASSWORD, Role.REPORTER, stp),
        syt_report=syt_report,
        stp_report=stp_report,
        syt_evidence=syt_evidence,
        stp_evidence=stp_evidence,
    )


def _unit_data(period: EvaluationPeriod, unit: Unit) -> tuple[MonthlyReport, EvidenceFile]:
    # A historical receipt time: 03/02/2012 is before January's due day (05/02/2012), so on time.
    with time_machine.travel(datetime.datetime(2012, 2, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
        attachment = SimpleUploadedFile("bao-cao.pdf", pdf(f"bao-cao-{unit.code}"))
        report = do_submit_report(period, unit, 1, content=f"Báo cáo tháng 1 của {unit.name}", attachment=attachment)
    values = {"email_accounts": {"numerator": 40, "denominator": 50}, "network_connected": True}
    do_set_values(period, unit, values)
    upload = SimpleUploadedFile(f"minh-chung-{unit.code}.pdf", pdf(f"minh-chung-{unit.code}"))
    evidence = do_add_evidence(period, unit, "email_accounts", upload, description="Danh sách hộp thư")
    do_set_manual_score(period, unit, MANUAL_CRITERION, MANUAL_POINTS, "Các tiêu chí khác", None)
    return report, evidence
