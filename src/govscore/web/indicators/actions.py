"""Writing indicator values and their evidence. The core's `read_value` checks every value, whichever way
it came (the data form, the XLSX import, the demo), and the database keeps its canonical JSON."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from govscore.scoring.facts import JsonValue, ValueProblem, read_value, to_json
from govscore.scoring.model import Framework
from govscore.web import access
from govscore.web.actions import Refused, User, versioned_delete, versioned_save, writing
from govscore.web.audit.versions import Conflict, VersionConflict
from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.rescoring import rescoring
from govscore.web.text import DESCRIPTION_MAX, too_long
from govscore.web.uploads import kind_of, original_name, upload_problems


class InvalidValues(Refused):
    """Values the core refused, by indicator code; nothing was written."""

    def __init__(self, problems: Mapping[str, list[ValueProblem]]) -> None:
        super().__init__(*(problem.message() for items in problems.values() for problem in items))
        self.problems = dict(problems)


def stored_values(framework: Framework, values: Mapping[str, object]) -> dict[str, JsonValue | None]:
    """Each value (plain shape; None removes one) as the database keeps it; InvalidValues for any bad one."""
    stored: dict[str, JsonValue | None] = {}
    problems: dict[str, list[ValueProblem]] = {}
    for code, value in values.items():
        try:
            indicator = framework.indicator(code)
        except KeyError:
            problems[code] = [ValueProblem("value.unknown", {"indicator": code})]
            continue
        if value is None:
            stored[code] = None
            continue
        fact, found = read_value(indicator, value)
        if fact is None:
            problems[code] = found
        else:
            stored[code] = to_json(fact)
    if problems:
        raise InvalidValues(problems)
    return stored


def do_set_values(
    period: EvaluationPeriod,
    unit: Unit,
    values: Mapping[str, object],
    *,
    by: User | None = None,
    source: str | None = None,
    versions: Mapping[str, int | None] | None = None,
) -> list[IndicatorValue]:
    """Store the unit's values (None removes one) and rescore what they change.

    Values equal to the stored ones are left alone. `versions` gives, per indicator code, the version
    of the value the caller read (0: there was none; missing or None: not checked); if any changed
    value has moved on since, VersionConflict lists every such value and nothing is written. The source
    is the unit itself when its reporter writes (or no user is named), the evaluating department when
    one of its staff does, unless given.
    """
    source = source or _source(by, unit)
    with writing(period, by):
        wanted = stored_values(period.framework.parsed(), values)
        stored = dict(
            IndicatorValue.objects.filter(period=period, unit=unit, code__in=list(wanted)).values_list("code", "value")
        )
        changes = {code: value for code, value in wanted.items() if stored.get(code) != value}
        with rescoring(period, [unit], set(changes)):
            saved = _save(period, unit, changes, versions or {}, source, by)
    return saved


def _save(
    period: EvaluationPeriod,
    unit: Unit,
    changes: Mapping[str, JsonValue | None],
    versions: Mapping[str, int | None],
    source: str,
    by: User | None,
) -> list[IndicatorValue]:
    """Each changed value stored at the version its caller read, or every conflict and nothing written."""
    saved: list[IndicatorValue] = []
    conflicts: list[Conflict] = []
    for code, value in changes.items():
        expected = versions.get(code)
        rows = IndicatorValue.objects.filter(period=period, unit=unit, code=code)
        named = {"key": code, "lookup": {"unit_id": unit.pk, "period_id": period.pk, "old__code": code}}
        try:
            if value is None:
                versioned_delete(rows, expected, **named)
                continue
            row = versioned_save(
                rows,
                expected,
                **named,
                new=lambda code=code: IndicatorValue(period=period, unit=unit, code=code),  # type: ignore[misc]
                change=lambda row, value=value: _fill(row, value, source, by),  # type: ignore[misc]
            )
            saved.append(row)
        except VersionConflict as refused:
            conflicts.extend(refused.conflicts)
    if conflicts:
        raise VersionConflict(conflicts)
    return saved


def _fill(row: IndicatorValue, value: JsonValue, source: str, by: User | None) -> None:
    row.value, row.source = value, source
    row.entered_by = by if by is not None and by.is_authenticated else None  # type: ignore[assignment]


def _source(by: User | None, unit: Unit) -> str:
    if by is None or not by.is_authenticated or access.own_unit_id(by) == unit.pk:
        return IndicatorValue.Source.UNIT
    return IndicatorValue.Source.EVALUATOR


def evidence_problems(period: EvaluationPeriod, issued_on: datetime.date | None) -> list[str]:
    if issued_on is not None and not period.contains(issued_on):
        start, end = period.data_from.strftime("%d/%m/%Y"), period.data_to.strftime("%d/%m/%Y")
        return [
            gettext("Ngày ban hành phải nằm trong kỳ đánh giá (từ %(start)s đến %(end)s).")
            % {"start": start, "end": end}
        ]
    return []


def do_add_evidence(
    period: EvaluationPeriod,
    unit: Unit,
    code: str,
    file: UploadedFile,
    *,
    description: str = "",
    issued_on: datetime.date | None = None,
    by: User | None = None,
) -> EvidenceFile:
    """Attach a file to the unit's value of an indicator; the value must be entered first, since the
    evidence proves it."""
    with writing(period, by):
        value = IndicatorValue.objects.filter(period=period, unit=unit, code=code).first()
        problems = evidence_problems(period, issued_on) + upload_problems(file)
        problems += too_long(gettext("Mô tả"), description, DESCRIPTION_MAX)
        if value is None:
            problems.insert(0, gettext("Hãy nhập số liệu của chỉ tiêu trước khi đính kèm minh chứng."))
        if problems:
            raise Refused(*problems)
        assert value is not None
        kind = kind_of(file)
        return EvidenceFile.objects.create(
            indicator_value=value,
            file=file,
            original_name=original_name(file, kind),
            content_type=kind.mime,
            description=description,
            issued_on=issued_on,
            uploaded_by=by if by is not None and by.is_authenticated else None,
        )
