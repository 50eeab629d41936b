"""Writing indicator values and evidence. The core checks each value against its indicator type."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from govscore.scoring.model import Framework, Indicator, Ratio
from govscore.scoring.vietnamese import format_number
from govscore.web.i18n import current_language
from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.orgs.models import Unit
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


def do_set_values(
    period: EvaluationPeriod,
    unit: Unit,
    values: Mapping[str, object],
    *,
    source: str = IndicatorValue.Source.UNIT,
    by: AbstractBaseUser | None = None,
    rescore: bool = True,
) -> list[IndicatorValue]:
    """Store checked values (None removes one) and rescore the period. Raises ValueError if any is bad."""
    present = {code: value for code, value in values.items() if value is not None}
    problems = check_values(period.framework.parsed(), present)
    if problems:
        raise ValueError(problems)
    saved = []
    with transaction.atomic():
        for code, value in values.items():
            if value is None:
                IndicatorValue.objects.filter(period=period, unit=unit, code=code).delete()
                continue
            row, _created = IndicatorValue.objects.update_or_create(
                period=period,
                unit=unit,
                code=code,
                defaults={"value": stored_value(value), "source": source, "entered_by": by},
            )
            saved.append(row)
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
