"""`govscore period import` → `govscore period export` → `score` gives what `score` gives on the original, and
`govscore whatif YEAR` replays a draft on a stored period."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from django.test import TestCase

from govscore.cli.main import main
from govscore.examples import example_path
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.models import ManualScore, NotApplicable, OwnMaximum, RankingExclusion, Result

FILES = Path(__file__).resolve().parent / "files"
EXAMPLE = example_path("dongnai-2012")


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def standings(evaluation: str) -> list[tuple[str, object, object, object, object]]:
    code, out, err = run_cli("score", evaluation, "--format", "json")
    assert code == 0, err
    return [
        (unit["code"], unit["total"], unit["grade"], unit["rank"], unit["max"]) for unit in json.loads(out)["units"]
    ]


class RoundTripTests(TestCase):
    def round_trip(self, evaluation: str) -> Path:
        code, out, err = run_cli("period", "import", evaluation)
        self.assertEqual(code, 0, err)
        year = EvaluationPeriod.objects.get().year
        self.assertIn(f"năm {year}", out)
        folder = Path(tempfile.mkdtemp(prefix="govscore-export-"))
        exported = folder / "xuat" / "danh-gia.yaml"
        code, out, err = run_cli("period", "export", str(year), "--output", str(exported))
        self.assertEqual(code, 0, err)
        self.assertEqual(standings(str(exported)), standings(evaluation))
        # The stored results are the scores of the file too.
        stored = {row.unit.code: (row.total, row.grade, row.rank) for row in Result.objects.select_related("unit")}
        scored = {code: (total, grade, rank or 0) for code, total, grade, rank, _max in standings(evaluation)}
        self.assertEqual({code: (float(t), g or None, r) for code, (t, g, r) in stored.items()}, scored)
        return exported

    def test_the_bundled_example(self) -> None:
        exported = self.round_trip("dongnai-2012")
        self.assertEqual(Unit.objects.count(), 20)
        text = exported.read_text(encoding="utf-8")
        self.assertIn("framework: dongnai-ud-cntt-so-nganh-2012.yaml", text)
        self.assertIn("letter_number: 1186/STTT", text)
        self.assertIn("2012-02-03 09:30:00+07:00", text)  # receipt times in local time

    def test_groups_graded_by_percent_with_exceptions_and_substitutes(self) -> None:
        exported = self.round_trip(str(FILES / "khoi-phan-tram"))
        self.assertEqual(ManualScore.objects.get().reason, "Biên bản chỉ xác nhận 3 cuộc họp")
        self.assertEqual(NotApplicable.objects.get().criterion_code, "4")
        self.assertEqual(OwnMaximum.objects.get().points, 90)
        self.assertEqual(RankingExclusion.objects.get().unit.code, "SNV")
        long_khanh = Unit.objects.get(code="UBND-LK")
        self.assertEqual(long_khanh.active_months(2024), (1, 2, 3, 4, 5, 6))
        self.assertIn("active_months:\n  - 1", exported.read_text(encoding="utf-8"))

    def test_three_groups_with_their_own_bands_and_a_quota(self) -> None:
        self.round_trip(str(FILES / "ba-khoi"))

    def test_an_identical_framework_version_is_reused_and_a_taken_year_refused(self) -> None:
        self.assertEqual(run_cli("period", "import", str(FILES / "ba-khoi"))[0], 0)
        before = list(EvaluationPeriod.objects.values_list("pk", "year"))
        code, out, err = run_cli("period", "import", str(FILES / "ba-khoi"))
        self.assertEqual((code, out), (2, ""))
        self.assertIn("Đã có kỳ đánh giá năm 2023", err)
        self.assertEqual(list(EvaluationPeriod.objects.values_list("pk", "year")), before)
        self.assertEqual(FrameworkVersion.objects.count(), 1)

    def test_units_in_force_that_the_file_lacks_refuse_the_whole_file(self) -> None:
        self.assertEqual(run_cli("period", "import", "dongnai-2012")[0], 0)
        counts = (FrameworkVersion.objects.count(), Unit.objects.count(), EvaluationPeriod.objects.count())
        code, _out, err = run_cli("--lang", "en", "period", "import", str(FILES / "ba-khoi"))
        self.assertEqual(code, 2)
        self.assertIn("SKHCN (Sở Khoa học và Công nghệ) is in force in 2023 but the file does not list it.", err)
        after = (FrameworkVersion.objects.count(), Unit.objects.count(), EvaluationPeriod.objects.count())
        self.assertEqual(after, counts)

    def test_a_bad_file_is_refused_with_its_line_before_the_database(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="govscore-bad-"))
        (folder / "framework.yaml").write_text((FILES / "ba-khoi" / "framework.yaml").read_text(encoding="utf-8"))
        text = (FILES / "ba-khoi" / "evaluation.yaml").read_text(encoding="utf-8").replace("group: xa", "group: phuong")
        (folder / "evaluation.yaml").write_text(text, encoding="utf-8")
        code, _out, err = run_cli("period", "import", str(folder))
        self.assertEqual(code, 2)
        self.assertIn("evaluation.yaml:13 [X-AB]", err)
        self.assertFalse(EvaluationPeriod.objects.exists())

    def test_export_of_a_missing_year_names_the_periods(self) -> None:
        code, _out, err = run_cli("period", "export", "1999")
        self.assertEqual(code, 2)
        self.assertIn("1999", err)


class WhatIfOnStoredPeriodTests(TestCase):
    def test_a_draft_with_changed_weights_on_the_stored_2012(self) -> None:
        assert EXAMPLE is not None
        self.assertEqual(run_cli("period", "import", "dongnai-2012")[0], 0)
        text = (EXAMPLE.parent / "framework.yaml").read_text(encoding="utf-8")
        changes = (
            ('version: "2012"', 'version: "2013"'),
            ('(9 tháng đầu năm)"\n    max: 15', '(9 tháng đầu năm)"\n    max: 25'),
            ('    title: "Hạ tầng và thư điện tử"\n    max: 20', '    title: "Hạ tầng và thư điện tử"\n    max: 10'),
            ('cho CBCC"\n        max: 10', 'cho CBCC"\n        max: 5'),
            ('chuyên dùng"\n        max: 10', 'chuyên dùng"\n        max: 5'),
        )
        for old, new in changes:
            text = text.replace(old, new)
        draft = Path(tempfile.mkdtemp(prefix="govscore-draft-")) / "du-thao.yaml"
        draft.write_text(text, encoding="utf-8")
        code, out, err = run_cli("whatif", "2012", str(draft))
        self.assertEqual(code, 0, err)
        self.assertIn("Sở Tài nguyên và Môi trường: hạng 7 → 8 (▼ 1)", out)
        self.assertIn("0,987", out)
        # Nothing is stored: the draft is not a framework version.
        self.assertEqual(FrameworkVersion.objects.count(), 1)
        code, _out, err = run_cli("--lang", "en", "whatif", "2031", str(draft))
        self.assertEqual(code, 2)
        self.assertIn("2031", err)
