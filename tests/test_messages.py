"""Every message govscore says exists in Vietnamese and in English, with the same placeholders.

Two catalogs: `govscore.po` (the core, imports, documents, command line; ids are keys) read with the
standard library's gettext, and Django's `django.po` for the pages (ids are the Vietnamese text).
"""

from __future__ import annotations

import ast
import gettext
import json
import re
from collections.abc import Iterator
from pathlib import Path

import django
import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "govscore"
CORE_PO = {lang: SOURCE / "locale" / lang / "LC_MESSAGES" / "govscore.po" for lang in ("vi", "en")}
WEB_PO = SOURCE / "web" / "locale" / "en" / "LC_MESSAGES" / "django.po"
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
BRACES = re.compile(r"(?<!\{)\{([a-z_0-9]+)\}")
PERCENT = re.compile(r"%\(\w+\)s|%%")

# Callables whose first argument is a message key of the core catalog.
KEY_FIRST = {"render", "template", "Phrase", "Step", "CellError", "ImportProblem", "BackupError", "ValueProblem"}
# Callables that take a location or path first, then the key.
KEY_SECOND = {"problem", "Problem"}


def po_entries(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) of every entry but the header; quoted strings are JSON-compatible."""
    entries = {}
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
        forms = ["".join(value) for name, value in parts.items() if name.startswith("msgstr[")]
        msgstr = "".join(parts.get("msgstr", [])) if not forms else (forms[0] if all(forms) else "")
        if msgid:
            entries[msgid] = (msgstr, fuzzy)
    return entries


def python_files() -> Iterator[Path]:
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _constants(node: ast.expr) -> list[str]:
    """The strings an argument can be: a constant, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


# Strings shaped like keys that name files, not messages (`framework.yaml`).
FILE_NAME = re.compile(r"\.(ya?ml|xlsx|docx|pdf|json|py|html|txt|mo|po|csv|sqlite3|pgdump|svg|css|js|typ)$")


def core_keys_used() -> dict[str, str]:
    """Every key written in the code: key → where. A key passed where a message is made, and any string of
    a catalog's namespace (`backup.…`, `value.…`) wherever it is written (a key handed on in a variable)."""
    namespaces = {key.split(".")[0] for key in po_entries(CORE_PO["vi"])}
    used: dict[str, str] = {}
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
                if node.value.split(".")[0] in namespaces and not FILE_NAME.search(node.value):
                    used.setdefault(node.value, f"{path.relative_to(SOURCE)}:{node.lineno}")
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _name(node.func)
            where = f"{path.relative_to(SOURCE)}:{node.lineno}"
            if name in KEY_FIRST:
                candidates = _constants(node.args[0])
            elif name in KEY_SECOND:
                candidates = [text for arg in node.args[:2] for text in _constants(arg)]
            elif name in ("_finding", "finding", "finding_as") and len(node.args) > 1:
                candidates = [f"check.{text}" for text in _constants(node.args[1])]
            else:
                continue
            for text in candidates:
                if KEY.fullmatch(text):
                    used.setdefault(text, where)
    return used


def test_both_core_catalogs_hold_the_same_keys_with_the_same_placeholders() -> None:
    vi, en = (po_entries(CORE_PO[lang]) for lang in ("vi", "en"))
    assert sorted(vi) == sorted(en)
    assert len(vi) > 300
    assert [key for key, (text, fuzzy) in {**vi, **en}.items() if not text or fuzzy] == []
    different = [key for key in vi if sorted(BRACES.findall(vi[key][0])) != sorted(BRACES.findall(en[key][0]))]
    assert different == []


def test_every_key_the_code_uses_is_in_both_catalogs() -> None:
    used = core_keys_used()
    assert len(used) > 250, "the scan found too few keys: it no longer recognises where messages are made"
    for lang in ("vi", "en"):
        known = po_entries(CORE_PO[lang])
        assert {key: where for key, where in used.items() if key not in known} == {}, lang


def test_no_message_is_left_unused() -> None:
    used = core_keys_used()
    unused = [key for key in po_entries(CORE_PO["vi"]) if KEY.fullmatch(key) and key not in used]
    assert unused == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_compiled_core_catalogs_are_up_to_date(lang: str) -> None:
    with CORE_PO[lang].with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [key for key, (text, _fuzzy) in po_entries(CORE_PO[lang]).items() if compiled.gettext(key) != text]
    assert stale == [], "run scripts/setup: it compiles the catalogs"


# --- the web pages (Django's catalog, Vietnamese ids) -------------------------------------------------

GETTEXT_CALLS = {"gettext", "gettext_lazy", "_", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
TEMPLATE_CALL = re.compile(r"\b(?:gettext|ngettext|pgettext)\(u?('(?:[^'\\]|\\.)*')")


def web_messages_used() -> dict[str, str]:
    used: dict[str, str] = {}
    for path in python_files():
        if "web" not in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in GETTEXT_CALLS and node.args:
                for text in _constants(node.args[0]):
                    used.setdefault(text, f"{path.relative_to(SOURCE)}:{node.lineno}")
    django.setup()
    from django.utils.translation.template import templatize

    for path in sorted((SOURCE / "web").rglob("*.html")):
        for match in TEMPLATE_CALL.finditer(templatize(path.read_text(encoding="utf-8"))):
            used.setdefault(ast.literal_eval(match.group(1)), str(path.relative_to(SOURCE)))
    return used


def test_every_message_of_the_pages_has_an_english_translation() -> None:
    entries = po_entries(WEB_PO)
    used = web_messages_used()
    assert len(used) > 300
    missing = {text: where for text, where in used.items() if not entries.get(text, ("", True))[0]}
    assert missing == {}, "run makemessages in src/govscore/web and translate the new entries"
    assert [msgid for msgid, (msgstr, fuzzy) in entries.items() if not msgstr or fuzzy] == []


def test_the_pages_placeholders_survive_translation() -> None:
    wrong = [
        msgid
        for msgid, (msgstr, _fuzzy) in po_entries(WEB_PO).items()
        if sorted(PERCENT.findall(msgid)) != sorted(PERCENT.findall(msgstr))
    ]
    assert wrong == []


def test_the_compiled_web_catalog_is_up_to_date() -> None:
    with WEB_PO.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, (msgstr, _fuzzy) in po_entries(WEB_PO).items() if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run scripts/setup: it compiles the catalogs"
