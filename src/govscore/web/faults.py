"""Named pause points for crash tests.

Setting GOVSCORE_FAULT_PAUSE to a point's name makes the process announce on stderr that it reached
that point, inside its transaction, and wait there until it is killed. The fault tests kill it with
SIGKILL at exactly that moment and check that, after a restart, the change happened wholly or not at
all. Without the variable a pause point costs one dictionary look-up.
"""

from __future__ import annotations

import os
import sys
import time

VARIABLE = "GOVSCORE_FAULT_PAUSE"


def pause_point(name: str) -> None:
    if os.environ.get(VARIABLE) != name:
        return
    print(f"paused at {name}", file=sys.stderr, flush=True)
    while True:
        time.sleep(60)
