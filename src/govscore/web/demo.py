"""The bundled Đồng Nai 2012 example as a working database: units, reports, values, users; and this
year's period beside it (`demo_live`).

Report receipt times are chosen so that the statuses the core derives from them are exactly the
published late and missing months (a month published as both late and missing is late, as the
framework's `late_and_missing: late` says). Running it again reuses what is there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from govscore.examples import example_path
from govscore.scoring.facts import to_plain
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation, Reports, UnitData
from govscore.scoring.rules.reporting import due_date
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.demo_live import setup_live_year
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_set_values
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.actions import do_ensure_group, do_ensure_organisation, do_ensure_unit
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_save_draft, draft_for
from govscore.web.reports.actions import do_import_reports
from govscore.web.scores.rescoring import rescore_period

EXAMPLE = "dongnai-2012"
DEMO_PASSWORD = "govscore-demo"  # demo only: printed by `govscore demo`
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: Role
    unit: str = ""


def example_evaluation() -> Evaluation:
    path = example_path(EXAMPLE)
    assert path is not None, "the bundled example is part of the package"
    return load_evaluation(path, display_root=path.parent.parent)


def published_statuses(unit: UnitData) -> tuple[set[int], set[int]]:
    """(late months, missing months) as published; a month in both counts as late."""
    reports = unit.facts.get("monthly_reports")
    if not isinstance(reports, Reports):
        return set(), set()
    late = set(reports.late)
    return late, set(reports.missing) - late


def received_at(year: int, month: int, late: bool, due_day: int) -> datetime.datetime:
    """On time: two days before the due day; late: three days after it (local office hours)."""
    due = due_date(year, month, due_day)
    day = due + datetime.timedelta(days=3 if late else -2)
    return datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=LOCAL)


def _units(evaluation: Evaluation) -> dict[str, Unit]:
    framework = evaluation.framework
    groups = {g.code: do_ensure_group(g.code, g.name, order) for order, g in enumerate(framework.groups)}
    return {unit.code: do_ensure_unit(unit.code, unit.name, groups[unit.group]) for unit in evaluation.units}


def _reports(period: EvaluationPeriod, evaluation: Evaluation, units: dict[str, Unit]) -> None:
    records = []
    for unit in evaluation.units:
        late, missing = published_statuses(unit)
        # The months and the due day the framework's reporting rule scores (through the period).
        for month in period.reporting_months():
            if month in missing:
                continue
            stamp = received_at(period.year, month, month in late, period.report_due_day)
            records.append((units[unit.code], month, stamp, f"Báo cáo ứng dụng CNTT tháng {month}/{period.year}."))
    do_import_reports(period, records)


def _values(period: EvaluationPeriod, evaluation: Evaluation, units: dict[str, Unit]) -> None:
    if IndicatorValue.objects.filter(period=period).exists():
        return  # reuse: values entered since the first run are kept
    for unit in evaluation.units:
        values = {code: to_plain(fact) for code, fact in unit.facts.items() if not isinstance(fact, Reports)}
        do_set_values(period, units[unit.code], values, source=IndicatorValue.Source.IMPORT)


def _users(units: dict[str, Unit]) -> list[Login]:
    logins = [
        Login("admin", DEMO_PASSWORD, Role.ADMINISTRATOR),
        Login("evaluator", DEMO_PASSWORD, Role.EVALUATOR),
        Login("leader", DEMO_PASSWORD, Role.LEADER),
    ]
    logins += [Login(f"bc-{code.lower()}", DEMO_PASSWORD, Role.REPORTER, code) for code in units]
    for login in logins:
        do_ensure_user(login.username, login.password, login.role, units.get(login.unit))
    return logins


def setup_demo() -> tuple[EvaluationPeriod, list[Login]]:
    """Load the example into the (migrated) database and return the period and the logins."""
    evaluation = example_evaluation()
    framework_path = example_path(EXAMPLE).parent / "framework.yaml"  # type: ignore[union-attr]
    with transaction.atomic():
        organisation = evaluation.organisation
        do_ensure_organisation(organisation.name, organisation.short_name, organisation.province)
        version = do_store_framework(framework_path.read_text(encoding="utf-8"))
        year = evaluation.period.year
        period = do_ensure_period(
            year,
            version,
            title=evaluation.period.title,
            data_from=datetime.date(year, 1, 1),
            data_to=evaluation.period.as_of or datetime.date(year, 12, 31),
        )
        units = _units(evaluation)
        _values(period, evaluation, units)
        _reports(period, evaluation, units)  # rescoring once, at the end
        logins = _users(units)
        _document_draft(period, evaluation)
        rescore_period(period)
        # This year's period, beside 2012: the deadlines every role sees are live ones.
        if evaluation.period.year != timezone.localdate().year:
            rescore_period(setup_live_year(version, units))
    return period, logins


def _document_draft(period: EvaluationPeriod, evaluation: Evaluation) -> None:
    """The 2012 covering letter, ready for the administrator to close and publish the period."""
    letter = evaluation.publication
    if draft_for(period).letter_number:
        return  # reuse: an edited draft is kept
    values = {
        "place": letter.place,
        "issued_on": letter.date,
        "letter_number": letter.letter_number,
        "letter_date": letter.letter_date,
        "issuer": letter.issuer,
        "title": letter.title,
        "signer_title": letter.signer_title,
        "signer_name": letter.signer_name,
    }
    do_save_draft(period, values, None)
