"""The template's hidden identity: format version, period and framework, checked before any data.

A file made for another period, another framework or an older layout would otherwise be read
column by column into the wrong place; it is refused as a whole instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from govscore.imports.layout import TEMPLATE_FORMAT, TEMPLATE_VERSION, TemplateIdentity
from govscore.imports.problems import ImportProblem


def meta_rows(identity: TemplateIdentity) -> list[tuple[str, object]]:
    return [
        ("format", TEMPLATE_FORMAT),
        ("template_version", TEMPLATE_VERSION),
        ("period_id", identity.period_id),
        ("period_year", identity.year),
        ("period_title", identity.title),
        ("framework_code", identity.framework_code),
        ("framework_version", identity.framework_version),
    ]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def check_meta(found: Mapping[str, object], expected: TemplateIdentity) -> list[ImportProblem]:
    """Problems of the file as a whole; empty when it is this period's template of this version."""
    if _text(found.get("format")) != TEMPLATE_FORMAT:
        return [ImportProblem("template.not_govscore")]
    version = _text(found.get("template_version"))
    if version != str(TEMPLATE_VERSION):
        return [ImportProblem("template.version", {"found": version or "?", "expected": str(TEMPLATE_VERSION)})]
    problems = []
    if _text(found.get("period_id")) != str(expected.period_id):
        title = _text(found.get("period_title")) or _text(found.get("period_year"))
        args = {
            "found": title,
            "found_id": _text(found.get("period_id")),
            "expected": expected.period_label,
            "expected_id": str(expected.period_id),
        }
        problems.append(ImportProblem("template.period", args))
    framework = f"{_text(found.get('framework_code'))} {_text(found.get('framework_version'))}"
    if framework != expected.framework_label:
        problems.append(ImportProblem("template.framework", {"found": framework, "expected": expected.framework_label}))
    return problems
