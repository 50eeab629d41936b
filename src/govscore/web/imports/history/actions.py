"""Importing a past published table as a read-only period, reading it back, and a unit's trend.

The import is one transaction: the period (open while its rows are written), its marker, every row,
then the period moved to `published`, so the freeze refuses any change from then on. A file with a
single problem writes nothing; a year that already has a period under the framework is refused.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext

from govscore.imports.historical import HistoryTable, read_history
from govscore.imports.history_check import history_evaluation, history_findings
from govscore.imports.history_layout import HistoryRow
from govscore.imports.history_template import build_history_template
from govscore.imports.layout import UnitRow
from govscore.imports.problems import ImportProblem
from govscore.scoring.findings import Finding
from govscore.scoring.model import Evaluation, Framework
from govscore.scoring.rules.reporting import reporting_rule
from govscore.scoring.values import plain
from govscore.scoring.vietnamese import nfc
from govscore.web.actions import Refused, writing
from govscore.web.audit.record import record_created
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.imports.history.models import HistoricalPeriod, HistoricalResult
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod

Status = EvaluationPeriod.Status
FIRST_YEAR, LAST_YEAR = 1990, 2200
DEFAULT_DUE_DAY = 5


class HistoryRefused(Refused):
    """The import cannot start (a taken or impossible year); the message is for the user."""


@dataclass(frozen=True)
class HistoryOutcome:
    problems: tuple[ImportProblem, ...] = ()
    notes: tuple[ImportProblem, ...] = ()
    rows: tuple[HistoryRow, ...] = ()
    findings: tuple[Finding, ...] = ()
    period: EvaluationPeriod | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def written(self) -> bool:
        return self.period is not None


def register_rows() -> list[UnitRow]:
    """The unit register as the reader knows it: code, name and group code."""
    units = Unit.objects.select_related("group").order_by("group__order", "code")
    return [UnitRow(unit.code, unit.name, unit.group.code) for unit in units]


def template_bytes(version: FrameworkVersion) -> bytes:
    return build_history_template(version.parsed(), register_rows())


def export_bytes(period: EvaluationPeriod) -> bytes:
    """A historical period's table in the template's shape (it imports back to the same results)."""
    return build_history_template(period.framework.parsed(), register_rows(), stored_rows(period))


def check_year(year: int, version: FrameworkVersion) -> None:
    """Raise HistoryRefused when `year` cannot get a historical period under the version's framework."""
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        message = gettext("Năm phải từ %(first)s đến %(last)s (đang là %(year)s).")
        raise HistoryRefused(message % {"first": FIRST_YEAR, "last": this_year, "year": year})
    taken = EvaluationPeriod.objects.filter(year=year, framework__code=version.code).first()
    if taken is not None:
        message = gettext(
            "Bộ tiêu chí %(framework)s đã có kỳ đánh giá năm %(year)s (“%(period)s”, mã kỳ %(id)s): "
            "không tạo thêm được."
        )
        raise HistoryRefused(message % {"framework": version.code, "year": year, "period": taken, "id": taken.pk})


def read_upload(version: FrameworkVersion, data: bytes) -> HistoryTable:
    return read_history(data, version.parsed(), register_rows())


def findings_for(framework: Framework, year: int, rows: Sequence[HistoryRow], title: str = "") -> list[Finding]:
    return history_findings(history_evaluation(framework, year, rows, title=title))


def do_import_history(
    year: int,
    version: FrameworkVersion,
    data: bytes,
    *,
    title: str = "",
    by: AbstractBaseUser | None = None,
    source_name: str = "",
    dry_run: bool = False,
) -> HistoryOutcome:
    """Validate the file and, unless `dry_run`, create the period with its results in one transaction.
    Raises HistoryRefused when the year is impossible or already has a period under the framework, or
    the title is too long."""
    check_year(year, version)
    title = nfc(title)
    limit = EvaluationPeriod._meta.get_field("title").max_length
    if limit is not None and len(title) > limit:
        raise HistoryRefused(gettext("Tên kỳ đánh giá dài quá %(limit)s ký tự.") % {"limit": limit})
    table = read_upload(version, data)
    if not table.ok:
        return HistoryOutcome(problems=table.problems, notes=table.notes)
    findings = tuple(findings_for(version.parsed(), year, table.rows, title))
    outcome = HistoryOutcome(notes=table.notes, rows=table.rows, findings=findings)
    if dry_run:
        return outcome
    with writing(by=by):
        # Two imports of one year at once: the framework's row is the lock both must take.
        list(FrameworkVersion.objects.select_for_update().filter(code=version.code))
        check_year(year, version)
        period = _create(year, version, table.rows, title=title, by=by, data=data, source_name=source_name)
    return HistoryOutcome(notes=table.notes, rows=table.rows, findings=findings, period=period)


def _create(
    year: int,
    version: FrameworkVersion,
    rows: Sequence[HistoryRow],
    *,
    title: str,
    by: AbstractBaseUser | None,
    data: bytes,
    source_name: str,
) -> EvaluationPeriod:
    rule = reporting_rule(version.parsed())
    period = EvaluationPeriod.objects.create(
        year=year,
        title=title,
        framework=version,
        report_due_day=rule.due_day if rule else DEFAULT_DUE_DAY,
        data_from=datetime.date(year, 1, 1),
        data_to=datetime.date(year, 12, 31),
        status=Status.OPEN,
    )
    HistoricalPeriod.objects.create(
        period=period,
        source_name=nfc(source_name)[:255],
        source_sha256=hashlib.sha256(data).hexdigest(),
        imported_at=timezone.now(),
        imported_by=by,
    )
    units = dict(Unit.objects.filter(code__in=[row.code for row in rows]).values_list("code", "pk"))
    results = HistoricalResult.objects.bulk_create(
        [
            HistoricalResult(
                period=period,
                unit_id=units.get(row.code),
                unit_code=row.code,
                unit_name=row.name,
                group_code=row.group,
                source_row=row.row,
                position=row.published.position,
                rank=row.published.rank,
                total=row.published.total,
                grade=row.published.grade or "",
                good=list(row.published.good),
                not_good=list(row.published.not_good),
                criteria={code: format(plain(points), "f") for code, points in row.published.criteria.items()},
            )
            for row in rows
        ]
    )
    record_created(results)  # bulk_create sends no signals
    # From here on the freeze refuses every change of the period's data.
    period.status = Status.PUBLISHED
    period.save(update_fields=["status"])
    return period


# --- reading a historical period back ---


def historical_periods() -> list[HistoricalPeriod]:
    return list(HistoricalPeriod.objects.select_related("period__framework", "imported_by"))


def history_of(period: EvaluationPeriod) -> HistoricalPeriod | None:
    return HistoricalPeriod.objects.filter(period=period).select_related("imported_by").first()


def stored_rows(period: EvaluationPeriod) -> list[HistoryRow]:
    """The period's rows in the order of the printed table, as the reader returned them."""
    return [
        HistoryRow(
            result.unit_code,
            result.unit_name,
            result.group_code,
            result.as_published(),
            result.source_row,
            result.unit_id is not None,
        )
        for result in HistoricalResult.objects.filter(period=period).order_by("source_row", "pk")
    ]


def evaluation_of(period: EvaluationPeriod) -> Evaluation:
    return history_evaluation(period.framework.parsed(), period.year, stored_rows(period), title=period.title)


def period_findings(period: EvaluationPeriod) -> list[Finding]:
    return history_findings(evaluation_of(period))


def grouped(framework: Framework, rows: Sequence[HistoryRow]) -> list[tuple[str, list[HistoryRow]]]:
    """Rows by group in the framework's group order, each group in the printed order."""
    order = {group.code: index for index, group in enumerate(framework.groups)}
    groups: dict[str, list[HistoryRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    codes = sorted(groups, key=lambda code: (order.get(code, len(order)), code))
    return [
        (framework.group_name(code), sorted(groups[code], key=lambda row: (row.published.position or 0, row.row)))
        for code in codes
    ]
