"""Settings for the whole suite.

Hypothesis draws the same examples on every run (`derandomize`): the suite gates every change, so it
must not fail on one run and pass on the next. To search new inputs, run with
`HYPOTHESIS_PROFILE=explore`; a failure it finds is kept as an `@example` beside its test.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
