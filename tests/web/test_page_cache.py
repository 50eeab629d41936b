"""A page that cannot be kept in the cache is served all the same: keeping it is only a saving."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from govscore.web.page_cache import PageCache


def test_a_cache_folder_that_cannot_be_written_keeps_nothing_and_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")  # mkdir and writes below it fail
    PageCache._warned = False
    with caplog.at_level(logging.WARNING, logger="govscore.web.page_cache"):
        cache = PageCache(str(blocked), {})
        cache.set("page", "<p>rendered</p>")
        assert cache.add("other", "<p>rendered</p>") is False
    assert cache.get("page") is None
    assert [record.getMessage()[:29] for record in caplog.records] == ["Rendered pages are not kept ("]


def test_a_writable_folder_keeps_pages(tmp_path: Path) -> None:
    cache = PageCache(str(tmp_path / "cache"), {})
    cache.set("page", "<p>rendered</p>")
    assert cache.get("page") == "<p>rendered</p>"
