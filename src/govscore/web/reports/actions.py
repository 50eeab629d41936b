"""Submitting monthly reports. The server stamps `received_at` once; edits never move it."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from govscore.web.audit.record import record_created
from govscore.web.audit.versions import Conflict, VersionConflict, claim
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
    expected_version: int | None = None,
) -> MonthlyReport:
    """Create or amend a month's report.

    `received_at` is only for importing historical records (the demo); views never pass it,
    so the server's clock at first submission is what counts. `expected_version` is the version of
    the report the caller read (0: there was none; None: not checked); VersionConflict when the
    stored report is no longer at it.
    """
    rows = MonthlyReport.objects.filter(period=period, unit=unit, month=month)
    with transaction.atomic():
        if claim(rows, expected_version) is not None:
            report = rows.get()
        elif rows.exists() or (expected_version or 0) > 0:
            raise VersionConflict([_conflict(rows, period, unit, month)])
        else:
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
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:
            if not rows.exists():
                raise
            # Another first report of the month was stored between the check and this insert.
            raise VersionConflict([_conflict(rows, period, unit, month)]) from None
        recompute(period)
    return report


def _conflict(rows: QuerySet[MonthlyReport], period: EvaluationPeriod, unit: Unit, month: int) -> Conflict:
    lookup = {"unit_id": unit.pk, "period_id": period.pk, "old__month": month}
    return Conflict("", MonthlyReport, rows.first(), lookup)


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
        record_created(rows)
        recompute(period)
    return rows
