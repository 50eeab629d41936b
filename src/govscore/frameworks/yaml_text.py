"""A framework's plain data written back as YAML text that reads as the same data.

The workbook is read into the mapping a YAML file gives (`workbook_reader`); storing it, or exporting it
as YAML, needs that mapping as text. Strings are double-quoted (JSON's quoting is valid YAML) unless they
are a plain word no YAML version reads otherwise (`ratio`, `A`), so that no code, grade or `yes` is read
back as a number or a boolean; numbers are written with every digit
they have, never in exponent form.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_]*")
_PLAIN_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false", "null", "nan", "inf"})
_INDENT = "  "


def yaml_text(data: Mapping[str, object]) -> str:
    """Block-style YAML of a mapping (the whole framework), one field a line."""
    return "".join(_block_mapping(data, 0))


def flow_text(value: object) -> str:
    """One line of YAML flow style: `{each: 5, cap: 20}`, `[a, b]`, or a scalar."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(key)}: {flow_text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow_text(item) for item in value) + "]"
    return scalar_text(value)


def scalar_text(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, float):
        return _decimal(Decimal(repr(value)))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_WORD.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _decimal(value: Decimal) -> str:
    text = format(value, "f")
    return text if value == value.to_integral_value() or "." in text else text + ".0"


def _key(key: object) -> str:
    text = str(key)
    if _PLAIN_KEY.fullmatch(text) and text not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _block_mapping(data: Mapping[str, object], depth: int) -> list[str]:
    lines: list[str] = []
    pad = _INDENT * depth
    for key, value in data.items():
        lines += _block_entry(f"{pad}{_key(key)}:", value, depth)
    return lines


def _block_entry(head: str, value: object, depth: int) -> list[str]:
    if isinstance(value, Mapping) and value:
        return [head + "\n", *_block_mapping(value, depth + 1)]
    if isinstance(value, list | tuple) and value:
        return [head + "\n", *_block_sequence(value, depth + 1)]
    return [f"{head} {flow_text(value)}\n"]


def _block_sequence(items: Sequence[object], depth: int) -> list[str]:
    lines: list[str] = []
    pad = _INDENT * depth
    for item in items:
        if isinstance(item, Mapping) and item:
            # The first field on the dash's line, the others indented under it.
            inner = _block_mapping(item, depth + 1)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
        elif isinstance(item, list | tuple) and item:
            lines.append(f"{pad}- {flow_text(item)}\n")
        else:
            lines.append(f"{pad}- {flow_text(item)}\n")
    return lines
