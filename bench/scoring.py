"""Times the scoring core: `python bench/scoring.py [units ...]` (default 150 and 5,000).

For each size, the evaluation files of `realistic.py` (60 criteria of every rule type, three groups)
are written to a temporary folder (not timed); then a fresh Python process loads them as
`govscore score` does and scores them, so that its peak memory is that of loading and scoring alone.
Printed: the load, the score (totals, grades and ranks; criteria with their explanations and sentences
are made when read) and `check`, each the median of a few runs (wall clock, and CPU time, which is what
the job costs when other work shares the cores), and the process's peak resident memory after one load
and one score, as `govscore score` does them. The bundled 8-criterion Đồng Nai example, copied to the
same number of units, is timed as an extra line.

Goals: 5,000 units × 60 criteria loaded in ≤ 2 s (150 in ≤ 0.1 s), scored in ≤ 1 s, peak ≤ 300 MB.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import realistic  # beside this script

from govscore.examples import example_path
from govscore.scoring.checks import check
from govscore.scoring.collector import collector_paused
from govscore.scoring.engine import score
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation, Ratio, Reports, Score

RUNS = 3


def median_s(action: Callable[[], object], runs: int = RUNS) -> float:
    return medians(action, runs)[0]


def medians(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """The median wall-clock and CPU seconds of `action`. On a machine shared with other work the CPU
    time is what the job itself costs; the wall-clock time adds the waits for a core."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(folder: Path, size: int) -> None:
    """In its own process (see `main`): load, score and check the files in `folder`."""
    path = folder / "evaluation.yaml"
    # First once, as `govscore score` does: the peak memory of loading and scoring. The timed runs that
    # follow each build a new evaluation or result while the last is still held.
    evaluation = load_evaluation(path)
    scored_once = score(evaluation)
    peak = peak_mb()
    del scored_once
    loaded = medians(lambda: load_evaluation(path))
    scored = medians(lambda: score(evaluation))
    leaves = sum(1 for criterion in evaluation.framework.walk() if criterion.rule is not None)
    print(f"load {size} units x {leaves} criteria: {loaded[0]:.2f} s ({loaded[1]:.2f} s of CPU)")
    print(f"score {size} units x {leaves} criteria: {scored[0]:.2f} s, peak {peak:.0f} MB ({scored[1]:.2f} s of CPU)")
    sentences = medians(lambda: read_everything(evaluation), 1)
    wall, cpu = sentences
    print(f"score and read every unit's criteria and sentences {size} units: {wall:.2f} s ({cpu:.2f} s of CPU)")
    print(f"check {size} units x {leaves} criteria: {median_s(lambda: check(evaluation), 1):.2f} s")


def read_everything(evaluation: Evaluation) -> None:
    """What a document or `govscore score --format json` reads: every unit's criteria and sentences."""
    with collector_paused():
        for unit in score(evaluation).units:
            assert unit.criteria
            unit.sentences  # noqa: B018


def example(size: int, seed: int = 2012) -> Evaluation:
    """The Đồng Nai 2012 units copied `size` times over, with varied facts."""
    path = example_path("dongnai-2012")
    assert path is not None
    base = load_evaluation(path)
    rng = random.Random(seed)
    units = []
    for index in range(size):
        template = base.units[index % len(base.units)]
        late = tuple(sorted(rng.sample(range(1, 11), rng.randint(0, 4))))
        missing = tuple(sorted(set(rng.sample(range(1, 11), rng.randint(0, 3))) - set(late)))
        facts = {
            **template.facts,
            "email_accounts": Ratio(Decimal(rng.randint(50, 300)), Decimal(300)),
            "edoc_sent": Ratio(percent=Decimal(rng.randint(0, 1000)) / 10),
            "monthly_reports": Reports(late=late, missing=missing, statuses_given=True),
            "other_criteria": Score(Decimal(rng.randint(60, 155)), "Hội đồng chấm"),
        }
        units.append(replace(template, code=f"U{index:05d}", name=f"Đơn vị {index:05d}", facts=facts, published=None))
    return replace(base, units=tuple(units))


def main(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="govscore-bench-") as folder:
            (Path(folder) / "framework.yaml").write_text(realistic.framework_yaml(), encoding="utf-8")
            (Path(folder) / "evaluation.yaml").write_text(realistic.evaluation_yaml(size), encoding="utf-8")
            subprocess.run([sys.executable, __file__, "--measure", folder, str(size)], check=True)
    for size in sizes:
        evaluation = example(size)
        print(f"example (8 criteria) score {size} units: {median_s(lambda e=evaluation: score(e)):.2f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [150, 5000])
