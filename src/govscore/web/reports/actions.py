"""Submitting monthly reports. The server stamps `received_at` once; edits never move it."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from govscore.web.actions import Refused, User, versioned_save, writing
from govscore.web.audit.record import record_created
from govscore.web.limits import INTEGER_MAX, in_integer_range
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.rescoring import rescoring
from govscore.web.text import REPORT_MAX, nfc_text, too_long
from govscore.web.uploads import kind_of, original_name, upload_problems


def report_month_problems(period: EvaluationPeriod, unit: Unit, month: int) -> list[str]:
    """Problems with reporting on `month`, in the user's language; empty when a report may be sent."""
    if not 1 <= month <= 12:
        return [gettext("Tháng báo cáo phải từ 1 đến 12.")]
    problems = []
    first_day = datetime.date(period.year, month, 1)
    last_day = (first_day + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
    if first_day > period.data_to or last_day < period.data_from:
        problems.append(gettext("Tháng báo cáo nằm ngoài kỳ đánh giá."))
    if month not in period.reporting_months():
        problems.append(gettext("Bộ tiêu chí không yêu cầu báo cáo tháng này."))
    if month not in unit.active_months(period.year):
        problems.append(gettext("Đơn vị chưa hoạt động hoặc đã giải thể trong tháng này."))
    return problems


def do_submit_report(
    period: EvaluationPeriod,
    unit: Unit,
    month: int,
    *,
    content: str,
    documents_sent: int | None = None,
    documents_sent_electronic: int | None = None,
    attachment: UploadedFile | None = None,
    by: User | None = None,
    expected_version: int | None = None,
) -> MonthlyReport:
    """Create or amend a month's report; the server's clock at the first submission is its receipt time,
    never changed afterwards. `expected_version` is the version of the report the caller read (0: there
    was none; None: not checked); VersionConflict when the stored report is no longer at it."""
    with writing(period, by), rescoring(period, [unit], _report_indicators(period)):
        problems = report_month_problems(period, unit, month)
        if not in_integer_range(documents_sent, documents_sent_electronic):
            problems.append(gettext("Số văn bản phải từ 0 đến %(max)s.") % {"max": INTEGER_MAX})
        problems += too_long(gettext("Nội dung báo cáo"), nfc_text(content), REPORT_MAX)
        if attachment is not None:
            problems += upload_problems(attachment)
        if problems:
            raise Refused(*problems)
        submitter = by if by is not None and by.is_authenticated else None

        def new() -> MonthlyReport:
            return MonthlyReport(
                period=period, unit=unit, month=month, received_at=timezone.now(), submitted_by=submitter
            )

        def change(report: MonthlyReport) -> None:
            report.content = nfc_text(content)
            report.documents_sent = documents_sent
            report.documents_sent_electronic = documents_sent_electronic
            if attachment is not None:
                kind = kind_of(attachment)
                report.attachment_type = kind.mime
                report.attachment_name = original_name(attachment, kind)
                report.attachment = attachment

        report = versioned_save(
            MonthlyReport.objects.filter(period=period, unit=unit, month=month),
            expected_version,
            key="",
            lookup={"unit_id": unit.pk, "period_id": period.pk, "old__month": month},
            new=new,
            change=change,
        )
    return report


def _report_indicators(period: EvaluationPeriod) -> set[str]:
    return {indicator.code for indicator in period.framework.parsed().indicators if indicator.type == "reports"}


def do_import_reports(
    period: EvaluationPeriod, records: list[tuple[Unit, int, datetime.datetime, str]], by: User | None = None
) -> list[MonthlyReport]:
    """Historical reports with their recorded receipt times, rescored once (imports, the demo).

    Months already on file keep their first `received_at`.
    """
    units = list({unit.pk: unit for unit, *_rest in records}.values())
    with writing(period, by), rescoring(period, units, _report_indicators(period)):
        existing = set(MonthlyReport.objects.filter(period=period).values_list("unit_id", "month"))
        rows = [
            MonthlyReport(period=period, unit=unit, month=month, received_at=received_at, content=nfc_text(content))
            for unit, month, received_at, content in records
            if (unit.pk, month) not in existing
        ]
        MonthlyReport.objects.bulk_create(rows)
        record_created(rows)
    return rows
