"""A framework's mapping (as its YAML file gives it) written as the framework workbook, which
`workbook_reader` reads back into the same framework. Every string is a text cell (`govscore.sheets`)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.frameworks.workbook_layout import (
    BANDS,
    CAPS,
    CHOICES,
    CODE_LISTS,
    COLUMNS,
    CRITERIA,
    GROUPS,
    INDICATORS,
    LINE_LISTS,
    META,
    META_FIELDS,
    NARRATIVE,
    PART,
    REPLACES,
    RULE_INDICATOR,
    RULE_PARAMS,
    RULE_TYPE,
    SHEETS,
)
from govscore.frameworks.yaml_text import flow_text
from govscore.sheets import append, text_cell

_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
Data = Mapping[str, Any]


def framework_workbook(data: Data) -> bytes:
    """The workbook of a framework's mapping (one read from a valid YAML file or workbook)."""
    book = Workbook(write_only=True)
    rows = {
        META: _meta_rows(data),
        GROUPS: ([group.get("code"), group.get("name")] for group in data.get("groups") or []),
        INDICATORS: _indicator_rows(data),
        CHOICES: _choice_rows(data),
        CRITERIA: _criterion_rows(data.get("criteria") or [], None),
        NARRATIVE: _narrative_rows(data.get("criteria") or []),
        BANDS: _band_rows(data.get("grading") or {}),
        CAPS: _cap_rows(data.get("grading") or {}),
    }
    for name, columns in SHEETS:
        sheet = book.create_sheet(name)
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        append(sheet, [text_cell(sheet, column.title, _HEADER_FONT) for column in columns])
        for row in rows[name]:
            append(sheet, [_cell(value) for value in row])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "E" not in str(value) else value
    if isinstance(value, datetime.date | bool | int | float | str) or value is None:
        return value
    return str(value)


def _get(data: Data, dotted: str) -> object:
    value: object = data
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _meta_rows(data: Data) -> Iterator[list[object]]:
    for key, label in META_FIELDS:
        value = _get(data, key)
        if key == "decision.date" and isinstance(value, str):
            value = _iso_date(value)  # a YAML file read fast keeps its dates as their ISO text
        yield [key, label, str(value) if key in ("version", "code") and value is not None else value]


def _indicator_rows(data: Data) -> Iterator[list[object]]:
    keys = [column.key for column in COLUMNS[INDICATORS]]
    for indicator in data.get("indicators") or []:
        yield [indicator.get(key) for key in keys]


def _choice_rows(data: Data) -> Iterator[list[object]]:
    for indicator in data.get("indicators") or []:
        for choice in indicator.get("choices") or []:
            yield [indicator.get("code"), choice.get("code"), choice.get("title")]


def _criterion_rows(criteria: list[Data], parent: object) -> Iterator[list[object]]:
    keys = [column.key for column in COLUMNS[CRITERIA]]
    for criterion in criteria:
        rule = dict(criterion.get("rule") or {})
        values = {
            "parent": parent,
            RULE_TYPE: rule.pop("type", None),
            RULE_INDICATOR: rule.pop("indicator", None),
            RULE_PARAMS: flow_text(rule)[1:-1] if rule else None,
        }
        row: list[object] = []
        for key in keys:
            value = values[key] if key in values else _get(criterion, key)
            if key in CODE_LISTS and isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            elif key in LINE_LISTS and isinstance(value, list):
                value = "\n".join(str(item) for item in value)
            elif key in ("code", REPLACES, "parent") and value is not None:
                value = str(value)
            row.append(value)
        yield row
        yield from _criterion_rows(criterion.get("children") or [], criterion.get("code"))


def _walk(criteria: list[Data]) -> Iterator[Data]:
    for criterion in criteria:
        yield criterion
        yield from _walk(criterion.get("children") or [])


def _narrative_rows(criteria: list[Data]) -> Iterator[list[object]]:
    for criterion in _walk(criteria):
        code = str(criterion.get("code"))
        for entry in criterion.get("narrative") or []:
            yield [code, entry.get("column"), entry.get("when"), entry.get("text"), entry.get("separator")]
            for part in entry.get("parts") or []:
                yield [code, PART, part.get("when"), part.get("text"), None]


def _band_rows(grading: Data) -> Iterator[list[object]]:
    keys = [column.key for column in COLUMNS[BANDS]][1:]
    for band in grading.get("bands") or []:
        yield [None, *(_code(band, key) for key in keys)]
    for group, own in (grading.get("groups") or {}).items():
        for band in (own or {}).get("bands") or []:
            yield [str(group), *(_code(band, key) for key in keys)]


def _cap_rows(grading: Data) -> Iterator[list[object]]:
    keys = [column.key for column in COLUMNS[CAPS]]
    for cap in grading.get("caps") or []:
        yield [_code(cap, key) for key in keys]


def _code(data: Data, key: str) -> object:
    value = data.get(key)
    return str(value) if key in ("grade", "criterion") and value is not None else value


def _iso_date(text: str) -> object:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text
