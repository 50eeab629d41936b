"""The layout of a historical results table, derived from the framework alone (builder and reader agree).

Sheet “Kết quả”: row 1 holds each column's code (columns are matched by it, so they may be moved),
row 2 its title with a hint, the table from row 3, one row per unit as the published document printed
it. Criterion columns are coded `tc.<criterion code>` and may be deleted when the table printed none.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from govscore.scoring.model import Criterion, Framework, Published
from govscore.scoring.vietnamese import format_number

SHEET = "Kết quả"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_govscore"
CODE_ROW, TITLE_ROW, FIRST_DATA_ROW = 1, 2, 3

TEMPLATE_FORMAT = "govscore-history-template"
# Bump when the layout changes in a way an older file cannot be read by.
TEMPLATE_VERSION = 1
# The data template's format: named so that the reader can say which template was uploaded instead.
DATA_TEMPLATE_FORMAT = "govscore-data-template"

CRITERION_PREFIX = "tc."
# Points are stored exactly with this many decimal places at most; published tables print fewer.
POINT_PLACES = 4
# What a stored row can hold: points below this in size (a framework may let totals leave [0; max]),
# unit codes and names of this many characters (the unit register's own limits), a position and a rank
# up to the number of rows a sheet has (a table printed no more units).
POINT_LIMIT = Decimal(10) ** 11
CODE_LIMIT, NAME_LIMIT = 64, 255
WHOLE_LIMIT = 1_048_576

ColumnKind = Literal[
    "position", "unit_code", "unit_name", "group", "total", "grade", "rank", "good", "not_good", "criterion"
]
POSITION_KEY, UNIT_CODE_KEY, UNIT_NAME_KEY, GROUP_KEY = "stt", "ma_don_vi", "ten_don_vi", "khoi"
TOTAL_KEY, GRADE_KEY, RANK_KEY, GOOD_KEY, NOT_GOOD_KEY = (
    "tong_diem",
    "xep_loai",
    "thu_hang",
    "noi_dung_tot",
    "noi_dung_chua_tot",
)


@dataclass(frozen=True)
class HistoryColumn:
    key: str
    title: str
    kind: ColumnKind
    hint: str
    # A required column must be in the file; optional ones (group, rank, criteria) may be deleted.
    required: bool = True
    criterion: Criterion | None = None

    @property
    def title_cell(self) -> str:
        return f"{self.title}\n({self.hint})"


@dataclass(frozen=True)
class HistoryIdentity:
    """What a historical template belongs to: written into the file and checked when it comes back."""

    framework_code: str
    framework_version: str

    @property
    def framework_label(self) -> str:
        return f"{self.framework_code} {self.framework_version}"


def identity_of(framework: Framework) -> HistoryIdentity:
    return HistoryIdentity(framework.code, framework.version)


def grades(framework: Framework) -> tuple[str, ...]:
    return tuple(band.grade for band in framework.grading.bands)


def _number(value: Decimal) -> str:
    return format_number(value)


def _total_hint(framework: Framework) -> str:
    if framework.total_may_leave_bounds:
        return "số, bắt buộc"
    return f"số từ 0 đến {_number(framework.max_points)}, bắt buộc"


def history_columns(framework: Framework) -> tuple[HistoryColumn, ...]:
    groups = ", ".join(group.code for group in framework.groups)
    sentences = "mỗi câu một dòng trong ô (Alt+Enter)"
    columns = [
        HistoryColumn(POSITION_KEY, "STT", "position", "số thứ tự trong bảng đã in, số nguyên ≥ 1, bắt buộc"),
        HistoryColumn(UNIT_CODE_KEY, "Mã đơn vị", "unit_code", "bắt buộc"),
        HistoryColumn(
            UNIT_NAME_KEY, "Tên đơn vị", "unit_name", "như văn bản đã in; bắt buộc với đơn vị chưa có trong danh mục"
        ),
        HistoryColumn(
            GROUP_KEY,
            "Khối",
            "group",
            f"mã khối: {groups}; để trống thì lấy theo danh mục" if groups else "không bắt buộc",
            required=False,
        ),
        HistoryColumn(TOTAL_KEY, "Tổng điểm", "total", _total_hint(framework)),
        HistoryColumn(GRADE_KEY, "Xếp loại", "grade", f"{', '.join(grades(framework))}; bắt buộc"),
        HistoryColumn(RANK_KEY, "Thứ hạng", "rank", "số nguyên ≥ 1, không bắt buộc", required=False),
        HistoryColumn(GOOD_KEY, "Nội dung thực hiện tốt", "good", sentences),
        HistoryColumn(NOT_GOOD_KEY, "Nội dung thực hiện chưa tốt", "not_good", sentences),
    ]
    for criterion in framework.walk():
        low, high = _number(criterion.min_points), _number(criterion.max_points)
        columns.append(
            HistoryColumn(
                CRITERION_PREFIX + criterion.code,
                f"Tiêu chí {criterion.code}: {criterion.title}",
                "criterion",
                f"điểm từ {low} đến {high}, không bắt buộc",
                required=False,
                criterion=criterion,
            )
        )
    return tuple(columns)


@dataclass(frozen=True)
class HistoryRow:
    """One unit's line of a published table: the unit as printed and what was published about it."""

    code: str
    name: str
    group: str
    published: Published
    # The spreadsheet row it was read from (0 when it did not come from a file).
    row: int = 0
    # Whether the code is a unit of the register (unknown units are kept with their printed name).
    known: bool = True
