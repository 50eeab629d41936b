"""The English catalogue is complete and the compiled .mo matches the .po the team edits."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

from govscore.web.settings import LOCALE_PATHS

PO = Path(LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def po_entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of every entry but the header; quoted strings are JSON-compatible."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        parts: dict[str, list[str]] = {}
        key = ""
        for line in lines:
            if line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
                key, _space, line = line.partition(" ")
            if line.startswith('"'):
                parts.setdefault(key, []).append(json.loads(line))
        msgid = "".join(parts.get("msgid", []))
        # A plural entry counts as translated only when every form is.
        forms = ["".join(value) for key, value in parts.items() if key.startswith("msgstr[")]
        msgstr = "".join(parts.get("msgstr", [])) if not forms else (forms[0] if all(forms) else "")
        if msgid:
            entries.append((msgid, msgstr, fuzzy))
    return entries


def test_every_message_has_an_english_translation() -> None:
    entries = po_entries(PO)
    assert len(entries) > 100
    assert [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy] == []


def test_the_compiled_catalogue_is_up_to_date() -> None:
    with PO.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, msgstr, _fuzzy in po_entries(PO) if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run: msgfmt -o django.mo django.po"


def test_placeholders_survive_translation() -> None:
    placeholder = re.compile(r"%\(\w+\)s|%%")
    wrong = [
        msgid
        for msgid, msgstr, _fuzzy in po_entries(PO)
        if sorted(placeholder.findall(msgid)) != sorted(placeholder.findall(msgstr))
    ]
    assert wrong == []
