"""A province (or the whole country) in the web app's database, for the web benchmarks.

`load_realistic(size)` stores the 60-criterion framework of `realistic.py` with `size` units, their
facts, monthly reports received on time, late or not at all; `load_example(size)` does the same with
the bundled 8-criterion Đồng Nai 2012 framework. Rows are written in bulk (not timed, not what is
measured); values go through the core's codec exactly as a form or an import stores them. Nothing is
scored here: the caller times the scoring.
"""

# The Django ban guards the pure scoring core; these scripts time the web app, so they need Django.

from __future__ import annotations

import datetime
import os
import random
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import realistic

EXAMPLE_YEAR = 2012
REGULATIONS = ("attt", "thu_dien_tu", "van_ban_dien_tu", "mang_chuyen_dung")
EXAMPLE_BROADCASTER = "DPTTH"


def configure(data_dir: Path, database: str = "bench.sqlite3") -> dict[str, str]:
    """Django against a fresh SQLite file, or the PostgreSQL database given in DATABASE_URL;
    production-like (DEBUG off, so no query log)."""
    env = {
        "DJANGO_SETTINGS_MODULE": "govscore.web.settings",
        "GOVSCORE_DATA_DIR": str(data_dir),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir / database}",
        "DEBUG": "false",
    }
    os.environ.update(env)
    # Whitenoise warns about a never-collected static root; the pages are timed without static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()
    return env


@dataclass(frozen=True)
class Loaded:
    period_id: int
    unit_id: int  # a unit in the middle of the list, for the unit page
    leader_username: str
    indicators: Mapping[str, str]  # code → type


Facts = Callable[[str, random.Random], dict[str, object]]
Received = Callable[[random.Random], dict[int, datetime.datetime]]


def load_realistic(size: int, seed: int = realistic.SEED) -> Loaded:
    spec = realistic.framework_spec()
    return _load(
        realistic.framework_yaml(),
        realistic.YEAR,
        realistic.unit_specs(size, seed),
        lambda code, rng: realistic.unit_facts(spec.kinds, code, rng),
        realistic.received_times,
        seed,
    )


def load_example(size: int, seed: int = EXAMPLE_YEAR) -> Loaded:
    from govscore.examples import example_path

    framework_path = example_path("dongnai-2012").parent / "framework.yaml"  # type: ignore[union-attr]
    specs = [(EXAMPLE_BROADCASTER, "Đài Phát thanh - Truyền hình", "so-nganh")]
    specs += [(f"U{index:05d}", f"Sở số {index:05d}", "so-nganh") for index in range(1, size)]
    return _load(
        framework_path.read_text(encoding="utf-8"), EXAMPLE_YEAR, specs, _example_facts, _example_received, seed
    )


def _example_facts(code: str, rng: random.Random) -> dict[str, object]:
    staff = rng.randint(20, 400)
    facts: dict[str, object] = {
        "staff_term": rng.choice(("CBCC", "CBCCVC")),
        "email_accounts": {"numerator": rng.randint(staff // 3, staff), "denominator": staff},
        "network_connected": rng.random() < 0.85,
        "regulations": sorted(rng.sample(REGULATIONS, rng.randint(0, len(REGULATIONS)))),
        "edoc_sent": {"percent": Decimal(rng.randint(100, 1000)) / 10},
        "other_criteria": {"points": Decimal(rng.randint(600, 1550)) / 10, "reason": "Hội đồng chấm"},
    }
    if code == EXAMPLE_BROADCASTER:
        facts["frequency_licensed"] = True
    return facts


def _example_received(rng: random.Random) -> dict[int, datetime.datetime]:
    # The realistic generator's months and fates, moved to the example's year.
    return {
        month: stamp.replace(year=stamp.year - realistic.YEAR + EXAMPLE_YEAR)
        for month, stamp in realistic.received_times(rng).items()
    }


def _load(
    framework_text: str,
    year: int,
    specs: list[tuple[str, str, str]],
    facts_of: Facts,
    received_of: Received,
    seed: int,
) -> Loaded:
    from django.db import transaction

    from govscore.scoring.facts import read_value, to_json
    from govscore.web.accounts.actions import do_ensure_user
    from govscore.web.accounts.models import Role
    from govscore.web.frameworks.actions import do_store_framework
    from govscore.web.indicators.models import IndicatorValue
    from govscore.web.orgs.actions import do_ensure_group, do_ensure_organisation
    from govscore.web.orgs.models import Unit
    from govscore.web.periods.actions import do_ensure_period
    from govscore.web.reports.models import MonthlyReport

    rng = random.Random(seed)
    with transaction.atomic():
        do_ensure_organisation("Sở Khoa học và Công nghệ", "Sở KH&CN", "Đồng Nai")
        version = do_store_framework(framework_text)
        framework = version.parsed()
        indicators = {indicator.code: indicator for indicator in framework.indicators}
        period = do_ensure_period(year, version, title=f"Đánh giá năm {year}")
        groups = {g.code: do_ensure_group(g.code, g.name, order) for order, g in enumerate(framework.groups)}
        Unit.objects.bulk_create(Unit(code=code, name=name, group=groups[group]) for code, name, group in specs)
        units = {unit.code: unit for unit in Unit.objects.all()}
        values, reports = [], []
        for code, _name, _group in specs:
            for key, raw in facts_of(code, rng).items():
                fact, problems = read_value(indicators[key], raw)
                assert fact is not None and not problems, (code, key, raw, problems)
                stored = to_json(fact)
                values.append(IndicatorValue(period=period, unit=units[code], code=key, value=stored, source="import"))
            reports += [
                MonthlyReport(period=period, unit=units[code], month=month, received_at=stamp, content="Báo cáo tháng")
                for month, stamp in received_of(rng).items()
            ]
        IndicatorValue.objects.bulk_create(values, batch_size=2000)
        MonthlyReport.objects.bulk_create(reports, batch_size=2000)
        leader = do_ensure_user("leader", "bench-password", Role.LEADER)
    kinds = {code: indicator.type for code, indicator in indicators.items()}
    return Loaded(period.pk, units[specs[len(specs) // 2][0]].pk, leader.username, kinds)
