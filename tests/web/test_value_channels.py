"""A value entered through the data form, the XLSX import or an evaluation file is stored identically and
gets the same problems in the same words: one table of good and bad values drives all three."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import ClassVar

import openpyxl
from django.urls import reverse

from govscore.scoring.errors import ValidationFailed
from govscore.scoring.facts import to_json
from govscore.scoring.loading.evaluation_file import evaluation_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.web.imports.actions import import_file, template_bytes
from govscore.web.indicators.models import IndicatorValue
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod

from .base import BaseTestCase
from .test_imports import FRAMEWORK_FILE, edited

RATIO = "CBCC có hộp thư / tổng số CBCC"
ITEMS = "Quy định đã ban hành"
SEVERAL = "(quy định an toàn thông tin (attt); quy định sử dụng thư điện tử (thu_dien_tu); "
SEVERAL += "quy định gửi nhận văn bản điện tử (van_ban))"


@dataclass(frozen=True)
class Case:
    """One value, as each way in writes it (None: that way cannot write it), and what must come of it:
    the stored JSON, or the one problem in Vietnamese."""

    name: str
    indicator: str
    yaml: str
    form: dict[str, str | list[str]] | None
    cells: dict[str, object] | None
    stored: object = None
    problem: str = ""


CASES = [
    Case("a ratio", "email", "{numerator: 40, denominator: 50}", {"__numerator": "40", "__denominator": "50"},
         {"tu_so": 40, "mau_so": 50}, stored={"numerator": "40", "denominator": "50"}),
    Case("a percentage with a trailing zero", "email", "{percent: 97.50}", {"__percent": "97,50"},
         {"ty_le": 97.5}, stored={"percent": "97.5"}),
    Case("a numerator above its denominator", "email", "{numerator: 60, denominator: 50}",
         {"__numerator": "60", "__denominator": "50"}, {"tu_so": 60, "mau_so": 50},
         problem=f"{RATIO}: tử số (60) không được lớn hơn mẫu số (50)."),
    Case("a percentage above 100", "email", "{percent: 120}", {"__percent": "120"}, {"ty_le": 120},
         problem=f"{RATIO}: tỷ lệ không được vượt quá 100% (đang là 120%)."),
    Case("a ratio and a percentage", "email", "{numerator: 40, denominator: 50, percent: 80}",
         {"__numerator": "40", "__denominator": "50", "__percent": "80"}, {"tu_so": 40, "mau_so": 50, "ty_le": 80},
         problem=f"{RATIO}: nhập tử số và mẫu số, hoặc chỉ tỷ lệ %, không nhập cả hai."),
    Case("a numerator alone", "email", "{numerator: 40}", {"__numerator": "40"}, {"tu_so": 40},
         problem=f"{RATIO}: có tử số nhưng thiếu mẫu số; phải nhập cả hai."),
    Case("a negative denominator", "email", "{numerator: 0, denominator: -5}",
         {"__numerator": "0", "__denominator": "-5"}, {"tu_so": 0, "mau_so": -5},
         problem=f"{RATIO}: không được âm (đang là -5)."),
    Case("a count", "meetings", "12", {"": "12"}, {"": 12}, stored="12"),
    Case("a fraction in a count", "meetings", "2.5", {"": "2,5"}, {"": 2.5},
         problem="Số cuộc họp trực tuyến: phải là một số nguyên (đang là 2,5)."),
    Case("a negative count", "meetings", "-3", {"": "-3"}, {"": -3},
         problem="Số cuộc họp trực tuyến: không được âm (đang là -3)."),
    Case("a count of 15 digits", "meetings", "999999999999999", {"": "999999999999999"}, {"": 999999999999999},
         stored="999999999999999"),
    Case("a count of 16 digits", "meetings", "1000000000000000", {"": "1000000000000000"}, {"": 10**15},
         problem="Số cuộc họp trực tuyến: số quá lớn; chỉ nhận số có tối đa 15 chữ số phần nguyên."),
    Case("a number with decimals", "satisfaction", "87.25", {"": "87,25"}, {"": 87.25}, stored="87.25"),
    Case("a number above its maximum", "satisfaction", "100.5", {"": "100,5"}, {"": 100.5},
         problem="Chỉ số hài lòng: phải từ 0 đến 100 (đang là 100,5)."),
    Case("yes", "connected", "true", {"": "true"}, {"": "Có"}, stored=True),
    Case("a choice", "role", "deputy", {"": "deputy"}, {"": "Phó ban"}, stored="deputy"),
    Case("a choice not in the list", "role", "secretary", None, {"": "secretary"},
         problem="Vai trò trong Ban chỉ đạo: 'secretary' không có trong danh mục "
         "(Trưởng ban (chair); Phó ban (deputy); Không tham gia (none))."),
    Case("items in any order", "regulations", "[van_ban, attt]", {"": ["van_ban", "attt"]}, {"": "van_ban, attt"},
         stored=["attt", "van_ban"]),
    Case("an item twice", "regulations", "[attt, attt]", None, {"": "attt, attt"},
         problem=f"{ITEMS}: mục 'attt' được ghi hai lần."),
    Case("an unknown item", "regulations", "[attt, xyz]", None, {"": "attt, xyz"},
         problem=f"{ITEMS}: 'xyz' không có trong danh mục {SEVERAL}."),
    Case("a text", "remark", '"Đã triển khai đầy đủ"', {"": "Đã triển khai đầy đủ"}, {"": "Đã triển khai đầy đủ"},
         stored="Đã triển khai đầy đủ"),
]  # fmt: skip


class ValueChannelTests(BaseTestCase):
    other: ClassVar[EvaluationPeriod]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from govscore.web.frameworks.actions import do_store_framework

        version = do_store_framework(FRAMEWORK_FILE.read_text(encoding="utf-8"))
        cls.other = do_ensure_period(2013, version, title="Đánh giá năm 2013")

    def through_the_file(self, case: Case) -> tuple[object, list[str]]:
        text = (
            "format: 1\nkind: evaluation\nframework: kiem-thu-nhap.yaml\nperiod: {year: 2013}\nunits:\n"
            f"  - code: SYT\n    name: Sở Y tế\n    group: so-nganh\n    facts:\n      {case.indicator}: {case.yaml}\n"
        )
        data, source = parse_yaml_text(text, "evaluation.yaml")
        try:
            evaluation = evaluation_from_data(data, source, self.other.framework.parsed())  # type: ignore[arg-type]
        except ValidationFailed as failed:
            return None, [problem.message("vi") for problem in failed.problems]
        return to_json(evaluation.units[0].facts[case.indicator]), []

    def stored(self, case: Case) -> object:
        row = IndicatorValue.objects.filter(period=self.other, unit=self.syt, code=case.indicator).first()
        return row.value if row is not None else None

    def through_the_form(self, case: Case) -> tuple[object, list[str]]:
        assert case.form is not None
        IndicatorValue.objects.filter(period=self.other, unit=self.syt).delete()
        self.login(self.reporter)
        data = {f"{case.indicator}{suffix}": value for suffix, value in case.form.items()}
        response = self.client.post(reverse("indicator_form", args=[self.other.pk, self.syt.pk]), data)
        if response.status_code == 302:
            return self.stored(case), []
        errors = response.context["form"].errors
        return None, [message for name in errors if name != "__all__" for message in errors[name]]

    def through_the_import(self, case: Case) -> tuple[object, list[str]]:
        assert case.cells is not None
        IndicatorValue.objects.filter(period=self.other, unit=self.syt).delete()
        template = template_bytes(self.other)
        sheet = openpyxl.load_workbook(io.BytesIO(template))["Số liệu"]
        columns = {cell.value: cell.column_letter for cell in sheet[1]}
        row = next(cell.row for cell in sheet["A"] if cell.value == "SYT")

        def fill(workbook: openpyxl.Workbook) -> None:
            for suffix, value in case.cells.items():  # type: ignore[union-attr]
                key = f"{case.indicator}.{suffix}" if suffix else case.indicator
                workbook["Số liệu"][f"{columns[key]}{row}"] = value

        outcome = import_file(self.other, edited(template, fill), by=self.evaluator)
        if outcome.ok:
            return self.stored(case), []
        return None, [problem.message("vi") for problem in outcome.problems]

    def test_every_way_in_stores_the_same_value_or_says_the_same_problem(self) -> None:
        self.assertGreaterEqual(len(CASES), 15)
        for case in CASES:
            expected = (case.stored, [case.problem] if case.problem else [])
            ways = {"file": self.through_the_file, "form": self.through_the_form, "import": self.through_the_import}
            for way, enter in ways.items():
                if (way == "form" and case.form is None) or (way == "import" and case.cells is None):
                    continue
                with self.subTest(case=case.name, way=way):
                    self.assertEqual(enter(case), expected)

    def test_the_table_covers_every_kind_of_value_and_problem(self) -> None:
        kinds = {self.other.framework.parsed().indicator(case.indicator).type for case in CASES}
        self.assertEqual(kinds, {"ratio", "count", "number", "boolean", "category", "items", "text"})
        self.assertGreaterEqual(sum(1 for case in CASES if case.problem), 10)
        self.assertTrue(all(isinstance(case.stored, str | bool | dict | list) or case.problem for case in CASES))
