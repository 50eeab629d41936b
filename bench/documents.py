"""Times the documents on generated provinces: `python bench/documents.py [units ...]`.

Units are those of `bench/scoring.py` (copies of the 2012 Đồng Nai units with varied facts). Each figure
is the median of three runs (one run above 1,000 units) of making the file from an already scored
result: the seed-layout DOCX and PDF (sentences in every row, the heaviest layout) and the XLSX export,
each with the verification mark of a published period (footer line, QR code, verification sheet).
Goals at 150 units: DOCX ≤ 1 s, PDF ≤ 5 s, XLSX ≤ 1 s.

Then `bench/imports.py` times the import of a 5,000-row × 60-column file (goal ≤ 10 s), in a process
of its own since it needs the web app's database; `--no-import` leaves it out.
"""

from __future__ import annotations

import hashlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from govscore.documents import DocumentOptions, Verification, results_docx, results_pdf, results_xlsx
from govscore.scoring.engine import score
from govscore.scoring.results import EvaluationResult
from scoring import province  # bench/scoring.py, beside this file

GOALS_150 = {"docx": 1.0, "pdf": 5.0, "xlsx": 1.0}
HASH = hashlib.sha256(b"bench").hexdigest()
VERIFICATION = Verification(HASH, f"https://example.gov.vn/public/verify/{HASH}/")


def median_seconds(action: Callable[[], bytes], runs: int) -> tuple[float, int]:
    timings = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(action())
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), size


def writers(result: EvaluationResult) -> dict[str, Callable[[], bytes]]:
    options = DocumentOptions(verification=VERIFICATION)
    return {
        "docx": lambda: results_docx(result, options),
        "pdf": lambda: results_pdf(result, options),
        "xlsx": lambda: results_xlsx(result, VERIFICATION),
    }


def main(sizes: list[int]) -> None:
    for size in sizes:
        result = score(province(size))
        runs = 3 if size <= 1000 else 1
        for name, action in writers(result).items():
            seconds, length = median_seconds(action, runs)
            goal = f" (goal ≤ {GOALS_150[name]:g} s)" if size == 150 else ""
            print(f"{name} {size} units: {seconds:.2f} s, {length / 1024:,.0f} KiB{goal}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main([int(arg) for arg in arguments if arg != "--no-import"] or [150, 5000])
    if "--no-import" not in arguments:
        sys.stdout.flush()
        subprocess.run([sys.executable, str(Path(__file__).with_name("imports.py")), "5000"], check=True)
