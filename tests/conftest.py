"""Settings for the whole suite.

Hypothesis draws the same examples on every run (`derandomize`): the suite gates every change, so it
must not fail on one run and pass on the next. To search new inputs, run with
`HYPOTHESIS_PROFILE=explore`; a failure it finds is kept as an `@example` beside its test.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Every test starts with empty caches: a rolled-back test's ids come again in the next one, so a
    page cached under one test's data version must not be served to another."""
    from django.core.cache import caches

    yield
    with contextlib.suppress(ImproperlyConfigured):  # tests that never configure Django
        for cache in caches.all(initialized_only=True):
            cache.clear()
