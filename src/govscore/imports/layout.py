"""The template's layout, derived from the framework alone, so that the builder and the reader agree.

Data sheet: row 1 holds each column's code (the key the reader matches columns by, so columns may
be moved), row 2 its title with a hint of what to type, data from row 3, one row per unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from govscore.scoring.model import Framework, Indicator

# Types units enter as data; reports come from the monthly report form and scores from the
# evaluator's manual scoring, so neither belongs in a data sheet.
ENTERED_TYPES = ("number", "count", "boolean", "category", "ratio", "items", "text")

# openpyxl ships no type information: its workbooks and worksheets are Any to the type checker.
Book: TypeAlias = Any
Sheet: TypeAlias = Any

DATA_SHEET = "Số liệu"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_govscore"
CODE_ROW, TITLE_ROW, FIRST_DATA_ROW = 1, 2, 3

TEMPLATE_FORMAT = "govscore-data-template"
# Bump when the layout changes in a way an older file cannot be read by (new header rows, keys).
TEMPLATE_VERSION = 1

UNIT_CODE_KEY, UNIT_NAME_KEY, UNIT_GROUP_KEY = "ma_don_vi", "ten_don_vi", "khoi"
UNIT_CODE_TITLE = "Mã đơn vị"
UNIT_NAME_TITLE = "Tên đơn vị"
NO_ITEMS = "-"
YES, NO = "Có", "Không"

ColumnKind = Literal["unit_code", "unit_name", "unit_group", "value", "numerator", "denominator", "percent"]
RATIO_PARTS: tuple[tuple[ColumnKind, str, str], ...] = (
    ("numerator", "tu_so", "tử số"),
    ("denominator", "mau_so", "mẫu số"),
    ("percent", "ty_le", "hoặc tỷ lệ %"),
)


@dataclass(frozen=True)
class TemplateIdentity:
    """What a template belongs to; written into the file and checked when it comes back."""

    period_id: int
    year: int
    title: str
    framework_code: str
    framework_version: str

    @property
    def period_label(self) -> str:
        return self.title or str(self.year)

    @property
    def framework_label(self) -> str:
        return f"{self.framework_code} {self.framework_version}"


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    group: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: ColumnKind
    indicator: Indicator | None = None


def entered_indicators(framework: Framework) -> list[Indicator]:
    """The indicators people enter (forms, the XLSX template); reports come from the monthly report form."""
    return [indicator for indicator in framework.indicators if indicator.type in ENTERED_TYPES]


def columns_for(framework: Framework) -> tuple[Column, ...]:
    columns = [
        Column(UNIT_CODE_KEY, UNIT_CODE_TITLE, "unit_code"),
        Column(UNIT_NAME_KEY, UNIT_NAME_TITLE, "unit_name"),
        Column(UNIT_GROUP_KEY, "Khối", "unit_group"),
    ]
    taken = {column.key for column in columns}
    for indicator in entered_indicators(framework):
        if indicator.type == "ratio":
            parts = [
                (kind, f"{indicator.code}.{suffix}", f"{indicator.title} — {label}")
                for kind, suffix, label in RATIO_PARTS
            ]
        else:
            parts = [("value", indicator.code, indicator.title)]
        for kind, key, title in parts:
            key = _unique(key, taken)
            taken.add(key)
            columns.append(Column(key, title, kind, indicator))
    return tuple(columns)


def _unique(key: str, taken: set[str]) -> str:
    """An indicator coded like a fixed column (`khoi`) or a ratio part gets a distinct, stable code."""
    while key in taken:
        key += "_"
    return key


def choice_labels(indicator: Indicator) -> tuple[str, ...]:
    """What a category cell shows: the choices' titles when they name them unambiguously, else codes."""
    titles = [choice.title.casefold() for choice in indicator.choices]
    codes = [choice.code.casefold() for choice in indicator.choices]
    # A title that is another choice's code would read back as that other choice.
    clash = any(title in codes and title != code for title, code in zip(titles, codes, strict=True))
    if len(set(titles)) != len(titles) or clash:
        return tuple(choice.code for choice in indicator.choices)
    return tuple(choice.title for choice in indicator.choices)
