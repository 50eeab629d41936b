"""A period from and to an evaluation file (format 1): `govscore period import` and `govscore period export`.

The demo loads the bundled example through the same functions. What a file records and the database
keeps:

- groups and units (a unit's `active_months` as its dates in force: a contiguous run of months);
- every indicator value; monthly reports as receipt times — a file's published statuses become times
  before (on time) or after (late) the framework's due day, so that the derived statuses are the published
  ones, and a month published as both late and missing is late;
- council overrides (manual scores), criteria not applicable to a unit, a unit's own maximum, units left
  out of the ranking, and the publishing letter (the document draft).

What only a file keeps: the results as published (`published`), a unit's former codes (`formerly`) and an
override's `by` (the database names the user who entered it).
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext

from govscore.scoring.facts import to_plain
from govscore.scoring.model import Evaluation, Publication, Reports, UnitData
from govscore.scoring.rules.reporting import due_date
from govscore.scoring.vietnamese import nfc
from govscore.web.actions import Refused, User
from govscore.web.frameworks.actions import check_framework_text, do_store_framework
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.indicators.actions import do_set_values
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.actions import do_ensure_group, do_ensure_organisation, do_ensure_unit
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_save_draft, draft_for
from govscore.web.reports.actions import do_import_reports
from govscore.web.scores.actions import (
    do_set_manual_score,
    do_set_not_applicable,
    do_set_own_maximum,
    do_set_ranking_exclusion,
)
from govscore.web.scores.mapping import active_in, evaluation_for
from govscore.web.scores.rescoring import rescore_period
from govscore.web.text import nfc_text

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def report_facts(unit: UnitData) -> Reports | None:
    """The unit's monthly reports as the file records them (the first reports fact)."""
    return next((fact for fact in unit.facts.values() if isinstance(fact, Reports)), None)


def published_statuses(unit: UnitData) -> tuple[set[int], set[int]]:
    """(late months, missing months) as published; a month in both counts as late."""
    reports = report_facts(unit)
    if reports is None or not reports.statuses_given:
        return set(), set()
    late = set(reports.late)
    return late, set(reports.missing) - late


def received_at(year: int, month: int, late: bool, due_day: int) -> datetime.datetime:
    """On time: two days before the due day; late: three days after it (local office hours)."""
    due = due_date(year, month, due_day)
    day = due + datetime.timedelta(days=3 if late else -2)
    return datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=LOCAL)


def store_units(evaluation: Evaluation, by: User | None = None) -> dict[str, Unit]:
    """The framework's groups and the evaluation's units (new ones in force in the months they were active)."""
    framework = evaluation.framework
    groups = {g.code: do_ensure_group(g.code, g.name, order, by=by) for order, g in enumerate(framework.groups)}
    for code in sorted({unit.group for unit in evaluation.units} - set(groups)):
        # A framework that declares no groups lets a file name its own.
        groups[code] = do_ensure_group(code, code, len(groups), by=by)
    year = evaluation.period.year
    units = {}
    for unit in evaluation.units:
        start, end = _dates_in_force(unit, year)
        units[unit.code] = do_ensure_unit(unit.code, unit.name, groups[unit.group], "", start, end, by=by)
    return units


def _dates_in_force(unit: UnitData, year: int) -> tuple[datetime.date | None, datetime.date | None]:
    months = sorted(set(unit.active_months or ()))
    if not months or months == list(range(1, 13)):
        return None, None
    if months != list(range(months[0], months[-1] + 1)):
        raise Refused(
            gettext("Đơn vị %(unit)s hoạt động các tháng không liền nhau; chỉ lưu được một khoảng thời gian.")
            % {"unit": unit.code}
        )
    start = datetime.date(year, months[0], 1)
    end = datetime.date(year + months[-1] // 12, months[-1] % 12 + 1, 1) - datetime.timedelta(days=1)
    return (start if months[0] > 1 else None), (end if months[-1] < 12 else None)


def store_reports(
    period: EvaluationPeriod,
    evaluation: Evaluation,
    units: dict[str, Unit],
    by: User | None = None,
    *,
    unrecorded_on_time: bool = False,
) -> None:
    """The units' monthly reports. A unit whose file records none has none stored (it scores as having no
    data), unless `unrecorded_on_time` (the demo: its calendars show the radio station, which reports
    under a substitute criterion, on time)."""
    records = []
    for unit in evaluation.units:
        reports = report_facts(unit)
        if reports is None and not unrecorded_on_time:
            continue
        content = "Báo cáo ứng dụng CNTT tháng {month}/" + str(period.year) + "."
        if reports is not None and not reports.statuses_given:
            records += [(units[unit.code], m, stamp, content.format(month=m)) for m, stamp in reports.received.items()]
            continue
        late, missing = published_statuses(unit)
        # The months and the due day the framework's reporting rule scores (through the period).
        for month in period.reporting_months():
            if month not in missing:
                stamp = received_at(period.year, month, month in late, period.report_due_day)
                records.append((units[unit.code], month, stamp, content.format(month=month)))
    do_import_reports(period, records, by)


def store_values(
    period: EvaluationPeriod, evaluation: Evaluation, units: dict[str, Unit], by: User | None = None
) -> None:
    for unit in evaluation.units:
        values = {code: to_plain(fact) for code, fact in unit.facts.items() if not isinstance(fact, Reports)}
        if values:
            do_set_values(period, units[unit.code], values, by=by, source=IndicatorValue.Source.IMPORT)


def store_judgements(
    period: EvaluationPeriod, evaluation: Evaluation, units: dict[str, Unit], by: User | None = None
) -> None:
    """Overrides, criteria not applicable, own maxima and units left out of the ranking."""
    for unit in evaluation.units:
        row = units[unit.code]
        for code, override in unit.overrides.items():
            do_set_manual_score(period, row, code, override.points, override.reason, by)
        for code, reason in unit.not_applicable.items():
            do_set_not_applicable(period, row, code, reason, by)
        if unit.own_max is not None:
            do_set_own_maximum(period, row, unit.own_max.points, unit.own_max.reason, by)
        if unit.not_ranked:
            do_set_ranking_exclusion(period, row, unit.not_ranked, by)


def store_document_draft(period: EvaluationPeriod, evaluation: Evaluation, by: User | None = None) -> None:
    """The publishing letter, ready for the administrator to close and publish the period."""
    letter = evaluation.publication
    if not letter.letter_number or draft_for(period).letter_number:
        return  # none in the file, or an edited draft is kept
    names = ("place", "letter_number", "letter_date", "issuer", "title", "signer_title", "signer_name")
    values: dict[str, object] = {name: getattr(letter, name) for name in names}
    values["issued_on"] = letter.date
    do_save_draft(period, values, None, by)


def do_import_evaluation(evaluation: Evaluation, framework_text: str, *, by: User | None = None) -> EvaluationPeriod:
    """The evaluation as a new period, all of it or nothing; Refused when its year is taken, when a stored
    framework version of the same code and version differs, or when the database's units disagree."""
    year = evaluation.period.year
    with transaction.atomic():
        if EvaluationPeriod.objects.filter(year=year).exists():
            raise Refused(gettext("Đã có kỳ đánh giá năm %(year)s; không nhập đè.") % {"year": year})
        version = _framework_version(framework_text, by)
        _check_units(evaluation)
        organisation = evaluation.organisation
        if organisation.name:
            do_ensure_organisation(organisation.name, organisation.short_name, organisation.province, by=by)
        period = do_ensure_period(
            year,
            version,
            title=evaluation.period.title,
            data_from=datetime.date(year, 1, 1),
            data_to=evaluation.period.as_of or datetime.date(year, 12, 31),
            by=by,
        )
        units = store_units(evaluation, by)
        store_values(period, evaluation, units, by)
        store_reports(period, evaluation, units, by)
        store_judgements(period, evaluation, units, by)
        store_document_draft(period, evaluation, by)
        rescore_period(period)
    return period


def _framework_version(text: str, by: User | None) -> FrameworkVersion:
    framework = check_framework_text(text)
    stored = FrameworkVersion.objects.filter(code=framework.code, version=framework.version).first()
    if stored is not None and stored.yaml_text != nfc_text(text):
        raise Refused(
            gettext(
                "Đã lưu bộ tiêu chí %(code)s phiên bản %(version)s với nội dung khác; "
                "đổi phiên bản trong tệp bộ tiêu chí nếu đây là bản mới."
            )
            % {"code": framework.code, "version": framework.version}
        )
    return stored or do_store_framework(text, by=by)


def _check_units(evaluation: Evaluation) -> None:
    """Units already stored must be in the file's groups, and every unit in force in the year in the file."""
    year = evaluation.period.year
    codes = {unit.code: unit for unit in evaluation.units}
    window = EvaluationPeriod(year=year, data_from=datetime.date(year, 1, 1), data_to=datetime.date(year, 12, 31))
    problems = []
    for stored in Unit.objects.filter(active_in(window)).select_related("group").order_by("code"):
        unit = codes.get(stored.code)
        if unit is None:
            message = gettext("Đơn vị %(unit)s (%(name)s) đang có hiệu lực năm %(year)s nhưng tệp không có.")
            problems.append(message % {"unit": stored.code, "name": stored.name, "year": year})
        elif stored.group.code != unit.group:
            message = gettext("Đơn vị %(unit)s đang thuộc khối %(stored)s, tệp ghi khối %(group)s.")
            problems.append(message % {"unit": stored.code, "stored": stored.group.code, "group": unit.group})
    if problems:
        raise Refused(*problems)


def exported_evaluation(period: EvaluationPeriod) -> Evaluation:
    """The period as an evaluation, with its publishing letter."""
    evaluation = evaluation_for(period)
    draft = draft_for(period)
    publication = Publication(
        place=nfc(draft.place),
        date=draft.issued_on,
        letter_number=draft.letter_number,
        letter_date=draft.letter_date,
        issuer=draft.issuer,
        title=draft.title,
        signer_title=draft.signer_title,
        signer_name=draft.signer_name,
    )
    units = tuple(_local_times(_whole_year(unit)) for unit in evaluation.units)
    return Evaluation(evaluation.framework, evaluation.period, units, evaluation.organisation, publication)


def _whole_year(unit: UnitData) -> UnitData:
    # A unit in force all year is written without `active_months`, as files usually leave it out.
    if unit.active_months == tuple(range(1, 13)):
        return replace(unit, active_months=None)
    return unit


def _local_times(unit: UnitData) -> UnitData:
    # Receipt times as the office reads them (the site's time zone), the same instants.
    facts = {
        code: replace(fact, received={month: localtime(stamp) for month, stamp in fact.received.items()})
        if isinstance(fact, Reports)
        else fact
        for code, fact in unit.facts.items()
    }
    return replace(unit, facts=facts)
