"""The framework workbook's sheets and columns (docs/framework-workbook.md describes them for people).

Columns are found by their title in the first row, in any order; a sheet other than "Khung" and
"Tiêu chí" may be left out when the framework has nothing to put in it. Titles and sheet names are
Vietnamese, as the decision's appendix is written.
"""

from __future__ import annotations

from dataclasses import dataclass

META, GROUPS, INDICATORS, CHOICES, CRITERIA, NARRATIVE, BANDS, CAPS = (
    "Khung",
    "Khối",
    "Chỉ số",
    "Lựa chọn",
    "Tiêu chí",
    "Câu văn",
    "Xếp loại",
    "Giới hạn xếp loại",
)
REQUIRED_SHEETS = (META, CRITERIA)


def dotted(*parts: str) -> str:
    """A field's path in the YAML format (`rule.type`), made from its parts so that it is not mistaken
    for a message key of the same shape."""
    return ".".join(parts)


RULE_TYPE, RULE_INDICATOR, RULE_PARAMS = (dotted("rule", name) for name in ("type", "indicator", "params"))
REPLACES, SUBSTITUTE_UNITS = dotted("substitute", "replaces"), dotted("substitute", "units")


@dataclass(frozen=True)
class Column:
    key: str  # the field this column holds (a name of the YAML format, or the workbook's own)
    title: str
    required: bool = False
    width: int = 14


# The "Khung" sheet: one field a row, named by its place in the YAML format (`decision.number`).
META_COLUMNS = (
    Column("key", "Trường", True, 26),
    Column("label", "Nội dung", False, 44),
    Column("value", "Giá trị", True, 50),
)
META_FIELDS: tuple[tuple[str, str], ...] = (
    ("format", "Phiên bản định dạng tệp (luôn là 1)"),
    ("kind", "Loại tệp (luôn là framework)"),
    ("code", "Mã bộ tiêu chí"),
    ("version", "Phiên bản"),
    ("title", "Tên bộ tiêu chí"),
    ("decision.number", "Số quyết định ban hành"),
    ("decision.date", "Ngày ký quyết định"),
    ("decision.issuer", "Cơ quan ban hành"),
    ("decision.title", "Trích yếu quyết định"),
    ("max_points", "Tổng điểm tối đa"),
    ("note", "Ghi chú"),
    ("rounding.at", "Làm tròn: total (tổng điểm) hoặc criterion (từng tiêu chí lá)"),
    ("rounding.places", "Làm tròn: số chữ số thập phân của điểm"),
    ("rounding.mode", "Làm tròn: half_up, half_even, down hoặc up"),
    ("rounding.percent_places", "Làm tròn: số chữ số thập phân của tỷ lệ %"),
    ("ranking.basis", "Xếp hạng theo: points (điểm) hoặc percent (% điểm tối đa)"),
    ("ranking.style", "Đồng hạng: competition (1, 2, 2, 4) hoặc dense (1, 2, 2, 3)"),
    ("ranking.tied_order", "Thứ tự đơn vị đồng hạng: name hoặc published"),
    ("display.points", "In điểm với số chữ số thập phân"),
    ("display.percent", "In tỷ lệ % với số chữ số thập phân"),
    (dotted("check", "tolerance"), "Chênh lệch cho phép khi kiểm tra số công bố"),
    ("total_may_leave_bounds", "Tổng điểm được ra ngoài [0; điểm tối đa] (true/false)"),
    ("grading.basis", "Xếp loại theo: points hoặc percent"),
    ("grading.quota.grade", "Hạn mức: mức xếp loại bị giới hạn số lượng"),
    ("grading.quota.share", "Hạn mức: tỷ lệ % đơn vị tối đa của khối"),
    ("grading.quota.ties", "Hạn mức: đồng hạng ở ngưỡng keep (giữ) hoặc drop (hạ)"),
)

GROUP_COLUMNS = (Column("code", "Mã khối", True), Column("name", "Tên khối", True, 40))

INDICATOR_COLUMNS = (
    Column("code", "Mã chỉ số", True, 22),
    Column("title", "Tên chỉ số", True, 50),
    Column("type", "Kiểu", True, 12),
    Column("unit", "Đơn vị tính"),
    Column("min", "Tối thiểu", width=10),
    Column("max", "Tối đa", width=10),
    Column("share", "Là tỷ lệ phần", width=12),
    Column("description", "Mô tả", width=40),
)
CHOICE_COLUMNS = (
    Column("indicator", "Mã chỉ số", True, 22),
    Column("code", "Mã lựa chọn", True, 18),
    Column("title", "Tên lựa chọn", True, 50),
)

CRITERION_COLUMNS = (
    Column("code", "Mã tiêu chí", True, 12),
    Column("parent", "Tiêu chí cha", True, 12),
    Column("title", "Tên tiêu chí", True, 60),
    Column("max", "Điểm tối đa", True, 10),
    Column("min", "Điểm tối thiểu", width=10),
    Column(RULE_TYPE, "Quy tắc", width=18),
    Column(RULE_INDICATOR, "Chỉ số", width=22),
    Column(RULE_PARAMS, "Tham số", width=50),
    Column("applies_to", "Áp dụng cho khối", width=18),
    Column(REPLACES, "Thay cho tiêu chí", width=12),
    Column(SUBSTITUTE_UNITS, "Đơn vị được thay", width=18),
    Column("keywords", "Từ khóa", width=30),
    Column("note", "Ghi chú", width=30),
)
NARRATIVE_COLUMNS = (
    Column("criterion", "Mã tiêu chí", True, 12),
    Column("column", "Cột", True, 10),
    Column("when", "Điều kiện", width=30),
    Column("text", "Mẫu câu", True, 70),
    Column("separator", "Dấu nối", width=10),
)
# A narrative row whose "Cột" says so is a clause of the sentence above it (its `parts`).
PART = "part"

BAND_COLUMNS = (
    Column("group", "Khối", width=12),
    Column("grade", "Xếp loại", True, 10),
    Column("label", "Tên mức", width=30),
    Column("short", "Viết tắt", width=10),
    Column("from", "Từ (≥)", width=10),
    Column("above", "Trên (>)", width=10),
    Column("to", "Đến (≤)", width=10),
    Column("below", "Dưới (<)", width=10),
)
CAP_COLUMNS = (
    Column("grade", "Xếp loại tối đa", True, 12),
    Column("criterion", "Tiêu chí", width=12),
    Column("below", "Điểm dưới", width=10),
    Column("indicator", "Chỉ số", width=22),
    Column("equals", "Bằng", width=10),
    Column("reason", "Lý do", True, 50),
)

SHEETS: tuple[tuple[str, tuple[Column, ...]], ...] = (
    (META, META_COLUMNS),
    (GROUPS, GROUP_COLUMNS),
    (INDICATORS, INDICATOR_COLUMNS),
    (CHOICES, CHOICE_COLUMNS),
    (CRITERIA, CRITERION_COLUMNS),
    (NARRATIVE, NARRATIVE_COLUMNS),
    (BANDS, BAND_COLUMNS),
    (CAPS, CAP_COLUMNS),
)
COLUMNS = dict(SHEETS)
# Lists in one cell: codes separated by commas or line breaks; keywords one a line (they may hold commas).
CODE_LISTS = frozenset({"applies_to", SUBSTITUTE_UNITS})
LINE_LISTS = frozenset({"keywords"})
