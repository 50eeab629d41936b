"""Times the XLSX import: `python bench/imports.py [units]` (default 5,000); goal ≤ 10 s at 5,000.

On SQLite in a temporary folder, or on PostgreSQL with `scripts/postgres .venv/bin/python bench/imports.py`.

A synthetic framework with 60 data columns (12 counts, 12 numbers, 12 yes/no, 8 ratios of three
columns each), scored by one simple criterion per indicator, and a fresh temporary SQLite database
with that many units. The filled workbook is built by the template builder (not timed), then
validated and imported into the empty period (timed): the import adds every value, writes them in
bulk and rescores the period once. Then the same file again (nothing to write) and a file with a
tenth of the values changed (updates).
"""

# The pure template code needs no Django; this script times the import into the web app's database.

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

SEED = 2012
YEAR = 2024
COUNTS = NUMBERS = BOOLEANS = 12
RATIOS = 8
GROUPS = (("so-nganh", "Sở, ban, ngành"), ("huyen", "UBND cấp huyện"), ("xa", "UBND cấp xã"))
T = TypeVar("T")


def framework_yaml() -> str:
    """Indicators c01…, n01…, b01…, r01…; criteria worth 100 points in all."""
    indicators, criteria = [], []

    def add(code: str, title: str, kind: str, points: int, rule: str, extra: str = "") -> None:
        indicators.append(f'  - {{code: {code}, title: "{title}", type: {kind}{extra}}}')
        criteria.append(f'  - {{code: "{code}", title: "{title}", max: {points}, rule: {{{rule}}}}}')

    for index in range(1, COUNTS + 1):
        steps = "steps: [{at_least: 10, points: 2}, {at_least: 5, points: 1}], otherwise: 0"
        add(f"c{index:02}", f"Số lượng {index}", "count", 2, f"type: step_table, indicator: c{index:02}, {steps}")
    for index in range(1, NUMBERS + 1):
        rule = f"type: survey, indicator: n{index:02}, scale: 100"
        add(f"n{index:02}", f"Chỉ số {index}", "number", 2, rule, ", max: 100")
    for index in range(1, BOOLEANS + 1):
        add(f"b{index:02}", f"Đã triển khai {index}", "boolean", 1, f"type: yes_no, indicator: b{index:02}")
    for index in range(1, RATIOS + 1):
        add(f"r{index:02}", f"Tỷ lệ {index}", "ratio", 5, f"type: linear_rate, indicator: r{index:02}")
    groups = "\n".join(f'  - {{code: {code}, name: "{name}"}}' for code, name in GROUPS)
    return f"""format: 1
kind: framework
code: bench-nhap-so-lieu
version: "{YEAR}"
title: "Bộ tiêu chí thử tốc độ nhập số liệu"
decision: {{number: "1/QĐ-BENCH", date: {YEAR}-01-15}}
max_points: 100
groups:
{groups}
grading:
  bands:
    - {{grade: A, label: "Tốt", from: 80}}
    - {{grade: B, label: "Khá", from: 50, below: 80}}
    - {{grade: C, label: "Chưa đạt", below: 50}}
indicators:
{chr(10).join(indicators)}
criteria:
{chr(10).join(criteria)}
"""


def configure(data_dir: Path) -> None:
    """Django against a fresh SQLite file, or the empty PostgreSQL database of `scripts/postgres`;
    production-like (DEBUG off, so no query log)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "govscore.web.settings"
    os.environ["GOVSCORE_DATA_DIR"] = str(data_dir)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def unit_values(rng: random.Random) -> dict[str, object]:
    """One unit's values in the stored shape; about one cell in ten left blank."""
    values: dict[str, object] = {}
    for index in range(1, COUNTS + 1):
        values[f"c{index:02}"] = str(rng.randint(0, 20))
        values[f"n{index:02}"] = str(Decimal(rng.randint(0, 1000)) / 10)
        values[f"b{index:02}"] = rng.random() < 0.7
    for index in range(1, RATIOS + 1):
        staff = rng.randint(10, 500)
        if rng.random() < 0.2:
            values[f"r{index:02}"] = {"percent": str(rng.randint(0, 100))}
        else:
            values[f"r{index:02}"] = {"numerator": str(rng.randint(0, staff)), "denominator": str(staff)}
    return {code: value for code, value in values.items() if rng.random() >= 0.1}


def changed(values: dict[str, object], rng: random.Random) -> dict[str, object]:
    """About a tenth of the values changed: a third of the counts."""
    return {
        code: str(rng.randint(0, 20)) if code.startswith("c") and rng.random() < 0.3 else value
        for code, value in values.items()
    }


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main(size: int) -> None:
    with tempfile.TemporaryDirectory(prefix="govscore-bench-") as data_dir:
        configure(Path(data_dir))
        from django.db import connection

        from govscore.imports import build_template
        from govscore.web.frameworks.actions import do_store_framework
        from govscore.web.imports.actions import apply_values, identity_of, period_units, read_upload, unit_rows
        from govscore.web.orgs.actions import do_ensure_group
        from govscore.web.orgs.models import Unit
        from govscore.web.periods.actions import do_ensure_period
        from govscore.web.scores.rescoring import rescore_period

        print(f"database: {connection.vendor}")
        version = do_store_framework(framework_yaml())
        framework = version.parsed()
        period = do_ensure_period(YEAR, version, title=f"Thử tốc độ {YEAR}")
        groups = [do_ensure_group(code, name, order) for order, (code, name) in enumerate(GROUPS)]
        rng = random.Random(SEED)
        Unit.objects.bulk_create(
            Unit(code=f"U{index:05d}", name=f"Đơn vị số {index}", group=groups[index % len(groups)])
            for index in range(size)
        )
        rows = unit_rows(period_units(period))
        values = {row.code: unit_values(rng) for row in rows}
        columns = COUNTS + NUMBERS + BOOLEANS + 3 * RATIOS
        data, built = timed(lambda: build_template(framework, identity_of(period), rows, values))
        print(f"template {size} rows × {columns} columns: {built:.1f} s, {len(data) / 1e6:.1f} MB")

        def run(label: str, data: bytes) -> None:
            result, validate = timed(lambda: read_upload(period, data))
            assert result.ok, result.problems[:5]
            outcome, write = timed(lambda: apply_values(period, result.values, rows=result.rows))
            print(
                f"{label} {size} rows × {columns} columns: {validate + write:.1f} s (validate {validate:.1f} s, "
                f"write {write:.1f} s) — {outcome.added} added, {outcome.updated} changed"
            )
            if outcome.written:
                # The whole period's rescoring again, alone: how much of the write it can be at most.
                _results, rescore = timed(lambda: rescore_period(period))
                print(f"  a whole rescoring of the period (scores.rescoring.rescore_period): {rescore:.1f} s")

        run("import", data)
        run("re-import", data)
        edited = {code: changed(items, rng) for code, items in values.items()}
        run("update", build_template(framework, identity_of(period), rows, edited))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
