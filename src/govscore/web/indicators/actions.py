"""Writing indicator values and evidence. The core checks each value against its indicator type."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from govscore.imports.changes import canonical
from govscore.scoring.model import Framework, Indicator, Ratio
from govscore.scoring.vietnamese import format_number
from govscore.web.audit.versions import Conflict, VersionConflict, claim
from govscore.web.i18n import current_language
from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.orgs.models import Unit
from govscore.web.periods.freeze import ensure_editable
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.actions import recompute
from govscore.web.scores.mapping import parse_stored, stored_value
from govscore.web.uploads import kind_of, original_name, upload_problems


def check_value(indicator: Indicator, stored: object) -> list[str]:
    """Problems with one value, in Vietnamese: the core's type checks plus data-entry rules."""
    fact, problems = parse_stored(indicator, stored)
    messages = [problem.message(current_language()) for problem in problems]
    if isinstance(fact, Ratio) and fact.numerator is not None and fact.denominator is not None:
        if fact.numerator > fact.denominator:
            messages.append(
                gettext("%(title)s: tử số (%(numerator)s) không được lớn hơn mẫu số (%(denominator)s).")
                % {
                    "title": indicator.title,
                    "numerator": format_number(fact.numerator),
                    "denominator": format_number(fact.denominator),
                }
            )
    if fact is None and not messages:
        messages.append(gettext("%(title)s: giá trị không hợp lệ.") % {"title": indicator.title})
    return messages


def check_values(framework: Framework, values: Mapping[str, object]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for code, stored in values.items():
        try:
            indicator = framework.indicator(code)
        except KeyError:
            problems[code] = [gettext("Không có chỉ tiêu mã %(code)s.") % {"code": code}]
            continue
        found = check_value(indicator, stored)
        if found:
            problems[code] = found
    return problems


def _unchanged(framework: Framework, row: IndicatorValue | None, value: object) -> bool:
    """Whether storing `value` would change nothing: equal in meaning (40, "40" and "40.0" are one number)."""
    if row is None or value is None:
        return row is None and value is None
    try:
        indicator = framework.indicator(row.code)
    except KeyError:
        return False
    return bool(canonical(indicator, row.value) == canonical(indicator, stored_value(value)))


def do_set_values(
    period: EvaluationPeriod,
    unit: Unit,
    values: Mapping[str, object],
    *,
    source: str = IndicatorValue.Source.UNIT,
    by: AbstractBaseUser | None = None,
    rescore: bool = True,
    versions: Mapping[str, int | None] | None = None,
) -> list[IndicatorValue]:
    """Store checked values (None removes one) and rescore the period. Raises ValueError if any is bad.

    Values equal to the stored ones are left alone. `versions` gives, per indicator code, the version
    of the value the caller read (0: there was none; missing or None: not checked); if any changed
    value has moved on since, VersionConflict lists every such value and nothing is written.
    """
    ensure_editable(period)
    framework = period.framework.parsed()
    present = {code: value for code, value in values.items() if value is not None}
    problems = check_values(framework, present)
    if problems:
        raise ValueError(problems)
    stored = {row.code: row for row in IndicatorValue.objects.filter(period=period, unit=unit, code__in=list(values))}
    changes = {code: value for code, value in values.items() if not _unchanged(framework, stored.get(code), value)}
    saved: list[IndicatorValue] = []
    conflicts: list[Conflict] = []
    with transaction.atomic():
        for code, value in changes.items():
            expected = versions.get(code) if versions is not None else None
            rows = IndicatorValue.objects.filter(period=period, unit=unit, code=code)
            lookup = {"unit_id": unit.pk, "period_id": period.pk, "old__code": code}
            if claim(rows, expected) is None:
                if rows.exists() or (expected or 0) > 0:
                    conflicts.append(Conflict(code, IndicatorValue, rows.first(), lookup))
                elif value is not None:
                    try:
                        with transaction.atomic():
                            row = IndicatorValue.objects.create(
                                period=period,
                                unit=unit,
                                code=code,
                                value=stored_value(value),
                                source=source,
                                entered_by=by,
                            )
                    except IntegrityError:
                        if not rows.exists():
                            raise
                        # Someone else stored this value first, between the read and this insert.
                        conflicts.append(Conflict(code, IndicatorValue, rows.first(), lookup))
                    else:
                        saved.append(row)
                continue
            row = rows.get()
            if value is None:
                row.delete()
                continue
            row.value, row.source, row.entered_by = stored_value(value), source, by
            row.save()
            saved.append(row)
        if conflicts:
            raise VersionConflict(conflicts)
        if rescore:
            recompute(period)
    return saved


def check_evidence_date(period: EvaluationPeriod, issued_on: datetime.date | None) -> list[str]:
    if issued_on is not None and not period.contains(issued_on):
        start, end = period.data_from.strftime("%d/%m/%Y"), period.data_to.strftime("%d/%m/%Y")
        return [
            gettext("Ngày ban hành phải nằm trong kỳ đánh giá (từ %(start)s đến %(end)s).")
            % {"start": start, "end": end}
        ]
    return []


def do_add_evidence(
    value: IndicatorValue,
    file: UploadedFile,
    *,
    description: str = "",
    issued_on: datetime.date | None = None,
    by: AbstractBaseUser | None = None,
) -> EvidenceFile:
    problems = check_evidence_date(value.period, issued_on) + upload_problems(file)
    if problems:
        raise ValueError(problems)
    return EvidenceFile.objects.create(
        indicator_value=value,
        file=file,
        original_name=original_name(file),
        content_type=kind_of(file).mime,
        description=description,
        issued_on=issued_on,
        uploaded_by=by,
    )
