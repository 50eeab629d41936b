"""The garbage collector pauses for bulk jobs and comes back when the last one ends, whatever happens."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from govscore.scoring.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_it_pauses_the_collector_for_the_job_only() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_jobs_resume_it_when_the_outer_one_ends() -> None:
    @collector_paused()
    def inner() -> bool:
        return gc.isenabled()

    with collector_paused():
        assert inner() is False
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failing_job_resumes_it() -> None:
    with pytest.raises(ValueError, match="hỏng"), collector_paused():
        raise ValueError("hỏng")
    assert gc.isenabled()


def test_it_leaves_a_collector_paused_before_paused() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_threads_keep_it_paused_until_the_last_job_ends() -> None:
    first_in, first_may_end, first_out = (threading.Event() for _ in range(3))
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            first_may_end.wait(5)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with collector_paused():
        first_may_end.set()
        first_out.wait(5)
        seen["after the first ended"] = gc.isenabled()
    thread.join(5)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()
