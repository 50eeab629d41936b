"""The bundled Đồng Nai 2012 example as a working database: units, reports, values, users; and this
year's period beside it (`demo_live`).

The period is stored the way `govscore period import` stores an evaluation file (`periods.files`):
report receipt times are chosen so that the statuses the core derives from them are exactly the
published late and missing months (a month published as both late and missing is late, as the
framework's `late_and_missing: late` says). Running it again reuses what is there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from govscore.examples import example_path
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.demo_cycle import setup_cycle
from govscore.web.demo_live import setup_live_year
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.actions import do_ensure_organisation
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.files import published_statuses as published_statuses
from govscore.web.periods.files import store_document_draft, store_reports, store_units, store_values
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.rescoring import rescore_period

EXAMPLE = "dongnai-2012"
DEMO_PASSWORD = "govscore-demo"  # demo only: printed by `govscore demo`


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


def _values(period: EvaluationPeriod, evaluation: Evaluation, units: dict[str, Unit]) -> None:
    if IndicatorValue.objects.filter(period=period).exists():
        return  # reuse: values entered since the first run are kept
    store_values(period, evaluation, units)


def _users(units: dict[str, Unit]) -> tuple[list[Login], dict[str, User]]:
    logins = [
        Login("admin", DEMO_PASSWORD, Role.ADMINISTRATOR),
        Login("evaluator", DEMO_PASSWORD, Role.EVALUATOR),
        Login("leader", DEMO_PASSWORD, Role.LEADER),
    ]
    logins += [Login(f"bc-{code.lower()}", DEMO_PASSWORD, Role.REPORTER, code) for code in units]
    # Each unit's head (lãnh đạo đơn vị), who submits its self-assessment.
    logins += [Login(f"ld-{code.lower()}", DEMO_PASSWORD, Role.UNIT_HEAD, code) for code in units]
    users = {
        login.username: do_ensure_user(login.username, login.password, login.role, units.get(login.unit))
        for login in logins
    }
    return logins, users


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
        units = store_units(evaluation)
        _values(period, evaluation, units)
        store_reports(period, evaluation, units, unrecorded_on_time=True)  # rescoring once, at the end
        logins, users = _users(units)
        store_document_draft(period, evaluation)
        rescore_period(period)
        # This year's period, beside 2012: the deadlines every role sees are live ones.
        if evaluation.period.year != timezone.localdate().year:
            live = setup_live_year(version, units)
            setup_cycle(live, sorted(units.values(), key=lambda unit: unit.code), users)
            rescore_period(live)
    return period, logins
