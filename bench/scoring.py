"""Times the scoring core on generated provinces: `python bench/scoring.py [units ...]`.

Units are copies of the 2012 Đồng Nai units with varied facts, scored under its framework; the
figures printed are the median of five runs of `score()` (totals, grades, ranks and sentences) and of
`check()`.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import replace
from decimal import Decimal

from govscore.examples import example_path
from govscore.scoring.checks import check
from govscore.scoring.engine import score
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation, Ratio, Reports, Score


def province(size: int, seed: int = 2012) -> Evaluation:
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


def median_ms(action: object, runs: int = 5) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main(sizes: list[int]) -> None:
    for size in sizes:
        evaluation = province(size)
        scored = median_ms(lambda evaluation=evaluation: score(evaluation))
        checked = median_ms(lambda evaluation=evaluation: check(evaluation))
        print(f"score {size}: {scored:.0f} ms median; check {size}: {checked:.0f} ms median")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [20, 150, 5000])
