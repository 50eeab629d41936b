"""Why a document could not be made, in words a person can act on."""

from __future__ import annotations


class DocumentError(Exception):
    """A document cannot be rendered on this machine or with these inputs; the message says why."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.texts = {"vi": vi, "en": en}

    def message(self, lang: str = "vi") -> str:
        return self.texts.get(lang, self.texts["vi"])
