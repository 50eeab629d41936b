"""Python's cyclic garbage collector paused for the length of a bulk job.

Loading or scoring a country's evaluation, or importing its workbook, allocates millions of objects
(facts, results, cells) that live until the job ends. The collector, triggered every 700 allocations,
scans them again and again: it doubled the time of scoring 5,000 units (bench/scoring.py). Nothing
these jobs make is in a reference cycle, so reference counting frees it all as it goes; what else is
in cycles is collected once the job ends.

The collector is process-wide: while several threads run jobs it stays paused until the last ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_jobs = 0
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    global _jobs, _was_enabled
    with _lock:
        if _jobs == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _jobs += 1
    try:
        yield
    finally:
        with _lock:
            _jobs -= 1
            if _jobs == 0 and _was_enabled:
                gc.enable()
