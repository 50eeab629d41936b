"""The shared cache of rendered pages: files under the data folder that every worker process reads.

A page kept there is only a copy: when the disk is full (or the folder unwritable) the page is served
all the same, rendered anew, and the failure is logged once per process rather than shown to the user.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

log = logging.getLogger(__name__)


class PageCache(FileBasedCache):
    _warned = False

    def _createdir(self) -> None:
        try:
            super()._createdir()
        except OSError as error:
            self._unkept(error)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except OSError:
            return default

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except OSError as error:
            self._unkept(error)

    def add(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except OSError as error:
            self._unkept(error)
            return False

    def _unkept(self, error: OSError) -> None:
        if not PageCache._warned:
            PageCache._warned = True
            log.warning("Rendered pages are not kept (%s): each is rendered anew.", error)
