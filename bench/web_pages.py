"""Times the web app in-process: `python bench/web_pages.py [units ...]` (default 150 and 5,000).

Each size gets a fresh temporary SQLite database (or the PostgreSQL database of DATABASE_URL, e.g.
`scripts/postgres .venv/bin/python bench/web_pages.py`) holding the 60-criterion framework of
`realistic.py` and that many units with their facts and monthly reports (`province.py`). Timed:

- `rescore`: the whole period scored and stored once (what a new framework or unit set costs);
- `ranking`, `dashboard`, `unit`: the pages, requested many times through Django's test client by a leader,
  as served again and (`after a change`) as first served once their data changed (the page's kept render
  gone);
- `save`: one unit's value changed through `do_set_values` (the action a form or the API calls: its
  transaction, audit row and rescoring of what the change touches), a random indicator of a random
  unit each time, relative ones (normalized to the best of the group or of all units) included;
- `send report`: a monthly report sent through `do_submit_report`.

Figures are p50 and p95 in ms. The bundled 8-criterion example is timed too, as an extra line.
Goals: save ≤ 50 ms at 150 units and ≤ 150 ms at 5,000; dashboard p95 ≤ 100 ms at 150 units and ≤ 500 ms at 5,000.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import province  # beside this script

SAVES = 200
REPORTS = 100


def timed_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def timed_cpu_ms(action: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds: on a machine shared with other work the CPU time is what the
    action itself costs (this process's, SQLite's included), the wall-clock time adds the waits for a core."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):.1f} ms p50, {p95:.1f} ms p95"


def with_cpu(timings: list[tuple[float, float]]) -> str:
    walls, cpus = [wall for wall, _cpu in timings], [cpu for _wall, cpu in timings]
    return f"{percentiles(walls)} (CPU {percentiles(cpus)})"


def page_timings(url: str, username: str, requests: int, warm_up: int = 5, fresh: bool = False) -> str:
    """The page's time as served again (what it keeps rendered for its data's version reused), or with
    `fresh` as first served after a change: the page's own kept render is gone (its rows, kept for their
    exact content, stay: all but the changed unit's would be the same)."""
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))

    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    for _ in range(warm_up):
        get()
    timings = []
    for _ in range(requests):
        if fresh:
            cache.clear()
        timings.append(timed_ms(get))
    return percentiles(timings)


def new_value(kind: str, rng: random.Random) -> object:
    if kind == "ratio":
        staff = rng.randint(20, 400)
        return {"numerator": rng.randint(0, staff), "denominator": staff}
    if kind == "number":
        return Decimal(rng.randint(0, 1000)) / 10
    if kind == "count":
        return rng.randint(0, 15)
    return rng.random() < 0.8


def save_timings(loaded: province.Loaded, rng: random.Random) -> str:
    from govscore.web.indicators.actions import do_set_values
    from govscore.web.orgs.models import Unit
    from govscore.web.periods.models import EvaluationPeriod

    period = EvaluationPeriod.objects.select_related("framework").get(pk=loaded.period_id)
    units = list(Unit.objects.all())
    simple = [code for code, kind in loaded.indicators.items() if kind in ("ratio", "number", "count", "boolean")]
    timings: list[tuple[float, float]] = []
    for _ in range(SAVES):
        unit, code = rng.choice(units), rng.choice(simple)
        change = {code: new_value(loaded.indicators[code], rng)}
        timings.append(timed_cpu_ms(lambda unit=unit, change=change: do_set_values(period, unit, change)))
    return with_cpu(timings)


def report_timings(loaded: province.Loaded, rng: random.Random) -> str:
    from govscore.web.orgs.models import Unit
    from govscore.web.periods.models import EvaluationPeriod
    from govscore.web.reports.actions import do_submit_report

    period = EvaluationPeriod.objects.select_related("framework").get(pk=loaded.period_id)
    units = list(Unit.objects.all())
    timings: list[tuple[float, float]] = []
    for index in range(REPORTS):
        unit, month = rng.choice(units), rng.randint(1, 10)

        def send(unit: object = unit, month: int = month, index: int = index) -> None:
            do_submit_report(period, unit, month, content=f"Báo cáo tháng {month}, lần {index}")  # type: ignore[arg-type]

        timings.append(timed_cpu_ms(send))
    return with_cpu(timings)


def run(size: int, label: str, load: Callable[[int], province.Loaded], saves: bool) -> None:
    from django.core.management import call_command
    from django.urls import reverse

    from govscore.web.periods.models import EvaluationPeriod
    from govscore.web.scores.models import Result
    from govscore.web.scores.rescoring import rescore_period

    call_command("flush", interactive=False, verbosity=0)
    loaded = load(size)
    period = EvaluationPeriod.objects.select_related("framework").get(pk=loaded.period_id)
    rescored, rescored_cpu = timed_cpu_ms(lambda: rescore_period(period))
    assert Result.objects.filter(period=period).count() == size
    print(f"{label}rescore {size}: {rescored:.0f} ms (CPU {rescored_cpu:.0f} ms)")
    requests = 100 if size <= 1000 else 30
    pages = {
        "ranking": reverse("ranking", args=[loaded.period_id]),
        "dashboard": reverse("dashboard", args=[loaded.period_id]),
        "unit": reverse("unit_detail", args=[loaded.period_id, loaded.unit_id]),
    }
    for name, url in pages.items():
        print(f"{label}{name} {size}: {page_timings(url, loaded.leader_username, requests)}")
        fresh = page_timings(url, loaded.leader_username, requests // 3, fresh=True)
        print(f"{label}{name} after a change {size}: {fresh}")
    if saves:
        rng = random.Random(size)
        print(f"{label}save {size}: {save_timings(loaded, rng)}")
        print(f"{label}send report {size}: {report_timings(loaded, rng)}")


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="govscore-bench-") as data_dir:
        env = province.configure(Path(data_dir))
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
        print(f"database: {database}; framework: 60 criteria of every rule type")
        for size in sizes:
            run(size, "", province.load_realistic, saves=True)
        run(sizes[0], "example (8 criteria) ", province.load_example, saves=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [150, 5000])
