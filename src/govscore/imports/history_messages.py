"""The sentences of the historical results import, Vietnamese first and English.

Problems of a historical table are `HistoryProblem`s: located like any import problem, rendered from
this catalogue first, then from the data import's and the core's (`field.range`, `unit.duplicate_row`…).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from govscore.imports import messages as imports
from govscore.imports.messages import Phrase, Shown
from govscore.imports.problems import ImportProblem
from govscore.scoring.values import format_value

CATALOG: dict[str, tuple[str, str]] = {
    "history.not_template": (
        "Tệp không phải mẫu bảng kết quả các năm trước của govscore (không có trang thông tin mẫu). "
        "Hãy tải mẫu bảng kết quả của bộ tiêu chí và chép bảng đã công bố vào đó.",
        "The file is not a govscore template for past results (its template information sheet is missing). "
        "Download the framework's results template and copy the published table into it.",
    ),
    "history.data_template": (
        "Tệp là mẫu nhập số liệu của một kỳ đánh giá, không phải mẫu bảng kết quả các năm trước. "
        "Hãy tải mẫu bảng kết quả của bộ tiêu chí.",
        "The file is a period's data template, not a template for past results. "
        "Download the framework's results template.",
    ),
    "history.version": (
        "Mẫu thuộc phiên bản {found}, phần mềm cần mẫu phiên bản {expected}. "
        "Hãy tải mẫu bảng kết quả mới và chép bảng sang.",
        "The template is version {found}; version {expected} is needed. "
        "Download the new results template and copy the table into it.",
    ),
    "history.framework": (
        "Mẫu được lập theo bộ tiêu chí {found}, nhưng đang nhập theo bộ tiêu chí {expected}. "
        "Hãy tải mẫu của bộ tiêu chí {expected} (các cột điểm tiêu chí khác nhau).",
        "The template was made for framework {found}, but the import uses framework {expected}. "
        "Download framework {expected}'s template (the criterion columns differ).",
    ),
    "history.no_rows": (
        "Trang '{sheet}' không có dòng đơn vị nào (dữ liệu bắt đầu từ dòng {row}).",
        "Sheet '{sheet}' has no unit rows (data start at row {row}).",
    ),
    "history.required": (
        "Thiếu {title}: ô này bắt buộc.",
        "{title} is missing: this cell is required.",
    ),
    "history.unknown_unit": (
        "Đơn vị mã '{code}' chưa có trong danh mục đơn vị: phải ghi tên đơn vị (như văn bản đã in) để nhập.",
        "Unit '{code}' is not in the unit register: give the unit's name (as printed) to import it.",
    ),
    "history.name_differs": (
        "Tên '{name}' khác tên trong danh mục của đơn vị mã '{code}' ({expected}); giữ tên như văn bản đã in. "
        "Kiểm tra lại nếu dòng bị lệch.",
        "Name '{name}' differs from the register's name of unit '{code}' ({expected}); the printed name is kept. "
        "Check the row if it may have shifted.",
    ),
    "history.too_long": (
        "Ô '{field}' dài quá {limit} ký tự (đang có {length}).",
        "Cell '{field}' is longer than {limit} characters (it has {length}).",
    ),
    "history.whole": (
        "Ô '{field}' phải là một số nguyên từ 1 trở lên (đang là {actual}).",
        "Cell '{field}' must be a whole number of 1 or more (found {actual}).",
    ),
    "history.places": (
        "Ô '{field}' có quá {places} chữ số thập phân (đang là {actual}). Ghi điểm như văn bản đã in.",
        "Cell '{field}' has more than {places} decimal places (found {actual}). Enter the points as printed.",
    ),
    "history.grade_unknown": (
        "Xếp loại '{grade}' không có trong khung xếp loại của bộ tiêu chí ({allowed}).",
        "Grade '{grade}' is not among the framework's grades ({allowed}).",
    ),
    "history.group_unknown": (
        "Khối '{group}' không có trong bộ tiêu chí ({allowed}).",
        "Group '{group}' is not in the framework ({allowed}).",
    ),
    "history.group_required": (
        "Bộ tiêu chí có nhiều khối và đơn vị '{code}' chưa có khối trong danh mục: ghi khối ({allowed}).",
        "The framework has several groups and unit '{code}' has none in the register: give its group ({allowed}).",
    ),
    "history.position_duplicate": (
        "STT {position} đã có ở dòng {first_row} trong cùng khối.",
        "Position {position} is already used in row {first_row} of the same group.",
    ),
}


def render(key: str, lang: str = "vi", **args: object) -> str:
    if key not in CATALOG:
        return imports.render(key, lang, **args)
    vi, en = CATALOG[key]
    return (en if lang == "en" else vi).format(**{name: _plain(value, lang) for name, value in args.items()})


def _plain(value: object, lang: str) -> str:
    if isinstance(value, Phrase | Shown):
        return value.text(lang)
    if isinstance(value, Decimal | int | bool):
        return format_value(value, lang)
    return str(value)


@dataclass(frozen=True)
class HistoryProblem(ImportProblem):
    """A problem of a historical results table (or, as a note, something the reader accepted but shows)."""

    def message(self, lang: str = "vi") -> str:
        return render(self.key, lang, **self.args)
