"""The import's own sentences, Vietnamese first and English; the core's are reused where they fit.

Arguments may be `Phrase` or `Shown` values: they become words of the message's language when the
message is rendered, so a problem is recorded once and shown in either language.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from govscore.scoring import messages as core
from govscore.scoring.values import format_value

CATALOG: dict[str, tuple[str, str]] = {
    # --- the file ---
    "file.not_xlsx": (
        "Tệp không phải bảng tính XLSX (kiểm tra theo nội dung tệp, không theo tên). "
        "Hãy tải mẫu của kỳ đánh giá, điền số liệu và lưu ở định dạng .xlsx.",
        "The file is not an XLSX workbook (checked by its content, not its name). "
        "Download the period's template, fill it in and save it as .xlsx.",
    ),
    "file.unreadable": (
        "Không đọc được tệp XLSX ({detail}). Mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx.",
        "The XLSX file cannot be read ({detail}). Open it in Excel or LibreOffice and save it again as .xlsx.",
    ),
    "file.too_large": (
        "Tệp quá lớn ({size}); giới hạn là {limit}.",
        "The file is too large ({size}); the limit is {limit}.",
    ),
    "template.not_govscore": (
        "Tệp không phải mẫu nhập số liệu của govscore (không có trang thông tin mẫu). "
        "Hãy tải mẫu của kỳ đánh giá và điền số liệu vào đó.",
        "The file is not a govscore data template (its template information sheet is missing). "
        "Download the period's template and fill the data in there.",
    ),
    "template.version": (
        "Mẫu thuộc phiên bản {found}, phần mềm cần mẫu phiên bản {expected}. "
        "Hãy tải mẫu mới của kỳ đánh giá và chép số liệu sang.",
        "The template is version {found}; version {expected} is needed. "
        "Download the period's new template and copy the data into it.",
    ),
    "template.period": (
        "Tệp là mẫu của kỳ đánh giá '{found}' (mã kỳ {found_id}), không phải của kỳ '{expected}' "
        "(mã kỳ {expected_id}) đang nhập. Hãy tải mẫu của kỳ này.",
        "The file is the template of period '{found}' (id {found_id}), not of period '{expected}' "
        "(id {expected_id}) being imported. Download this period's template.",
    ),
    "template.framework": (
        "Mẫu được lập theo bộ tiêu chí {found}, kỳ đánh giá này dùng bộ tiêu chí {expected}. "
        "Hãy tải mẫu mới của kỳ này.",
        "The template was made for framework {found}; this period uses framework {expected}. "
        "Download this period's new template.",
    ),
    "sheet.missing": (
        "Không có trang '{sheet}'. Đừng đổi tên hay xoá trang này của mẫu.",
        "There is no sheet '{sheet}'. Do not rename or delete this sheet of the template.",
    ),
    # --- the header ---
    "header.row": (
        "Dòng {row} phải là dòng tiêu đề của mẫu (ô này ghi '{expected}'). Đừng xoá hay chèn dòng phía trên số liệu.",
        "Row {row} must be the template's header row (this cell reads '{expected}'). "
        "Do not delete or insert rows above the data.",
    ),
    "column.missing": (
        "Thiếu cột '{code}' ({title}). Đừng xoá cột hay sửa mã cột ở dòng 1; tải lại mẫu nếu cần.",
        "Column '{code}' ({title}) is missing. Do not delete columns or edit the codes in row 1; "
        "download the template again if needed.",
    ),
    "column.unknown": (
        "Mẫu không có cột mã '{code}' (mã ở dòng 1 bị sửa?). Sửa lại mã cột; "
        "cột ghi chú thêm vào thì để trống ô dòng 1.",
        "The template has no column coded '{code}' (was the code in row 1 edited?). Restore the code; "
        "leave row 1 empty in a column added for notes.",
    ),
    "column.duplicate": (
        "Mã cột '{code}' bị lặp (đã có ở cột {first}).",
        "Column code '{code}' is repeated (already in column {first}).",
    ),
    # --- units ---
    "unit.code_required": (
        "Thiếu mã đơn vị: dòng có số liệu phải ghi mã đơn vị ở cột này.",
        "The unit code is missing: a row with data must give its unit code in this column.",
    ),
    "unit.unknown": (
        "Không có đơn vị mã '{code}' trong kỳ đánh giá này.",
        "There is no unit with code '{code}' in this evaluation period.",
    ),
    "unit.duplicate_row": (
        "Đơn vị '{code}' đã có ở dòng {first_row}; mỗi đơn vị chỉ được một dòng.",
        "Unit '{code}' already has row {first_row}; each unit takes one row only.",
    ),
    "unit.name_mismatch": (
        "Tên '{name}' không khớp với đơn vị mã '{code}' ({expected}). Dòng có bị lệch không?",
        "Name '{name}' does not match unit '{code}' ({expected}). Has the row shifted?",
    ),
    # --- values ---
    "ratio.numerator_only": (
        "Có tử số nhưng thiếu mẫu số: phải nhập cả tử số và mẫu số.",
        "A numerator without a denominator: enter both the numerator and the denominator.",
    ),
    "ratio.denominator_only": (
        "Có mẫu số nhưng thiếu tử số: phải nhập cả tử số và mẫu số.",
        "A denominator without a numerator: enter both the numerator and the denominator.",
    ),
    "ratio.both": (
        "Nhập tử số và mẫu số, hoặc chỉ tỷ lệ %, không nhập cả hai.",
        "Enter the numerator and denominator, or the percentage only, not both.",
    ),
    "items.duplicate": (
        "Mục '{item}' được ghi hai lần.",
        "Item '{item}' is listed twice.",
    ),
    # --- words used inside other sentences ---
    "expected.number": ("một số", "a number"),
    "expected.whole": ("một số nguyên", "a whole number"),
    "actual.date": ("một ngày tháng", "a date"),
    "actual.boolean": ("giá trị đúng/sai {value}", "the true/false value {value}"),
    "actual.text": ("'{value}'", "'{value}'"),
    "answer.yes": ("Có", "Yes"),
    "answer.no": ("Không", "No"),
}

# Texts quoted back to the user are cut: a whole pasted paragraph helps no one in an error list.
QUOTE_LIMIT = 60


@dataclass(frozen=True)
class Phrase:
    """A catalogue entry used as an argument of another message."""

    key: str

    def text(self, lang: str) -> str:
        return render(self.key, lang)


@dataclass(frozen=True)
class Shown:
    """A cell's content as the user typed it, described in the message's language."""

    raw: object

    def text(self, lang: str) -> str:
        value = self.raw
        if isinstance(value, bool):
            return render("actual.boolean", lang, value="TRUE" if value else "FALSE")
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            return render("actual.date", lang)
        if isinstance(value, int | Decimal):
            return format_value(value, lang)
        if isinstance(value, float) and math.isfinite(value):
            return format_value(Decimal(format(value, ".15g")), lang)
        text = str(value)
        if len(text) > QUOTE_LIMIT:
            text = text[: QUOTE_LIMIT - 1] + "…"
        return render("actual.text", lang, value=text)


def _argument(value: object, lang: str) -> object:
    if isinstance(value, Phrase | Shown):
        return value.text(lang)
    return value


def render(key: str, lang: str = "vi", **args: object) -> str:
    """The sentence for `key` (ours, else the core's) in `lang`, its arguments in that language."""
    values = {name: _argument(value, lang) for name, value in args.items()}
    if key not in CATALOG:
        return core.render(key, lang, **values)
    vi, en = CATALOG[key]
    template = en if lang == "en" else vi
    return template.format(**{name: _plain(value, lang) for name, value in values.items()})


def _plain(value: object, lang: str) -> str:
    if isinstance(value, Decimal | int | bool):
        return format_value(value, lang)
    return str(value)
