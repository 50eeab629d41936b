"""Submitting monthly reports. The server stamps `received_at` once; edits never move it."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from govscore.web.orgs.models import Unit
from govscore.web.periods.freeze import locked_message
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.actions import recompute
from govscore.web.text import nfc_text
from govscore.web.uploads import kind_of, original_name


def check_report_month(period: EvaluationPeriod, unit: Unit, month: int) -> list[str]:
    """Problems with reporting on `month`, in Vietnamese; empty when a report may be sent."""
    problems = []
    if not 1 <= month <= 12:
        return [gettext("Tháng báo cáo phải từ 1 đến 12.")]
    first_day = datetime.date(period.year, month, 1)
    last_day = (first_day + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
    if first_day > period.data_to or last_day < period.data_from:
        problems.append(gettext("Tháng báo cáo nằm ngoài kỳ đánh giá."))
    if month not in unit.active_months(period.year):
        problems.append(gettext("Đơn vị chưa hoạt động hoặc đã giải thể trong tháng này."))
    if not period.is_open:
        problems.append(locked_message(period))
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
    by: AbstractBaseUser | None = None,
    received_at: datetime.datetime | None = None,
) -> MonthlyReport:
    """Create or amend a month's report.

    `received_at` is only for importing historical records (the demo); views never pass it,
    so the server's clock at first submission is what counts.
    """
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().filter(period=period, unit=unit, month=month).first()
        if report is None:
            report = MonthlyReport(
                period=period, unit=unit, month=month, received_at=received_at or timezone.now(), submitted_by=by
            )
        report.content = nfc_text(content)
        report.documents_sent = documents_sent
        report.documents_sent_electronic = documents_sent_electronic
        if attachment is not None:
            report.attachment_type = kind_of(attachment).mime
            report.attachment_name = original_name(attachment)
            report.attachment = attachment
        report.save()
        recompute(period)
    return report


def do_import_reports(
    period: EvaluationPeriod, records: list[tuple[Unit, int, datetime.datetime, str]]
) -> list[MonthlyReport]:
    """Historical reports with their recorded receipt times, rescored once (imports, the demo).

    Months already on file keep their first `received_at`.
    """
    with transaction.atomic():
        existing = set(MonthlyReport.objects.filter(period=period).values_list("unit_id", "month"))
        rows = [
            MonthlyReport(period=period, unit=unit, month=month, received_at=received_at, content=nfc_text(content))
            for unit, month, received_at, content in records
            if (unit.pk, month) not in existing
        ]
        MonthlyReport.objects.bulk_create(rows)
        recompute(period)
    return rows
