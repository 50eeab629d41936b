"""A save rescores only what it changes, and the stored results are still exactly a full rescoring's.

Hypothesis applies random sequences of saves (values, reports, manual scores) to a period whose
framework compares units (normalized to the best of the group, of every unit, and inside a composite
rule), and after each save compares every stored result and peer summary with scoring the whole
period again from the database. Grades depend on the group's ranks through a quota, and ranks are
dense, so a save that moves one unit can move another's grade.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import time_machine
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from govscore.scoring.engine import score
from govscore.scoring.peers import summaries, summary_from_json
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_set_values
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.actions import do_submit_report
from govscore.web.scores.actions import do_remove_manual_score, do_set_manual_score
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.models import ManualScore, PeerSummary, Result
from govscore.web.scores.rescoring import rescore_period

FRAMEWORK = """
format: 1
kind: framework
code: thu-tinh-lai
version: "2025"
title: "Bộ tiêu chí thử tính lại điểm"
decision: {number: "1/QĐ-THU", date: 2025-01-15}
max_points: 50
rounding: {at: total, places: 1, mode: half_up, percent_places: 1}
groups:
  - {code: so, name: "Sở"}
  - {code: huyen, name: "Huyện"}
grading:
  basis: percent
  bands:
    - {grade: A, label: "Tốt", from: 80}
    - {grade: B, label: "Khá", from: 50, below: 80}
    - {grade: C, label: "Chưa đạt", below: 50}
  groups:
    huyen:
      bands:
        - {grade: A, label: "Tốt", from: 60}
        - {grade: B, label: "Khá", from: 30, below: 60}
        - {grade: C, label: "Chưa đạt", below: 30}
  caps:
    - {grade: B, criterion: "4", below: 5, reason: "Chưa cung cấp dịch vụ trực tuyến"}
  quota: {grade: A, share: 40, ties: drop}
ranking: {basis: points, style: dense}
indicators:
  - {code: bandwidth, title: "Băng thông", type: number}
  - {code: services, title: "Dịch vụ công", type: count}
  - {code: mail, title: "Hộp thư", type: ratio}
  - {code: online, title: "Trực tuyến", type: boolean}
  - {code: reports, title: "Báo cáo tháng", type: reports}
criteria:
  - {code: "1", title: "Băng thông so với khối", max: 10, rule: {type: normalized_to_best, indicator: bandwidth}}
  - code: "2"
    title: "Dịch vụ công so với cả tỉnh"
    max: 10
    rule: {type: normalized_to_best, indicator: services, scope: all}
  - code: "3"
    title: "Hộp thư và băng thông"
    max: 10
    rule:
      type: composite
      parts:
        - {title: "Hộp thư", max: 5, rule: {type: linear_rate, indicator: mail}}
        - {title: "Băng thông", max: 5, rule: {type: normalized_to_best, indicator: bandwidth, scope: all}}
  - {code: "4", title: "Trực tuyến", max: 10, rule: {type: yes_no, indicator: online}}
  - code: "5"
    title: "Báo cáo tháng"
    max: 10
    rule: {type: periodic_reporting, indicator: reports, from_month: 1, to_month: 3, due_day: 5,
           mode: deductions, late: 2, missing: 4, floor: 0}
"""
UNITS = (("S1", "so"), ("S2", "so"), ("S3", "so"), ("H1", "huyen"), ("H2", "huyen"))

numbers = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=1))
value_saves = st.tuples(
    st.just("values"),
    st.sampled_from(range(len(UNITS))),
    st.fixed_dictionaries(
        {},
        optional={
            "bandwidth": numbers,
            "services": st.one_of(st.none(), st.integers(0, 30)),
            "mail": st.one_of(st.none(), st.integers(0, 50).map(lambda n: {"numerator": n, "denominator": 50})),
            "online": st.one_of(st.none(), st.booleans()),
        },
    ),
)
report_saves = st.tuples(
    st.just("report"), st.sampled_from(range(len(UNITS))), st.tuples(st.integers(1, 3), st.integers(0, 30))
)
manual_saves = st.tuples(
    st.just("manual"),
    st.sampled_from(range(len(UNITS))),
    st.tuples(st.sampled_from(("1", "2", "4")), st.one_of(st.none(), st.integers(0, 10))),
)


class IncrementalRescoringTests(TestCase):
    def setUp(self) -> None:
        version = do_store_framework(FRAMEWORK)
        self.period = do_ensure_period(2025, version, title="Thử tính lại")
        groups = {code: do_ensure_group(code, code) for code in ("so", "huyen")}
        self.units = [do_ensure_unit(code, f"Đơn vị {code}", groups[group]) for code, group in UNITS]
        rescore_period(self.period)

    @examples(max_examples=40, deadline=None)
    @given(st.lists(st.one_of(value_saves, report_saves, manual_saves), min_size=1, max_size=12))
    def test_each_save_leaves_the_results_of_a_full_rescoring(self, saves: list[tuple[str, int, object]]) -> None:
        for kind, index, what in saves:
            self.apply(kind, self.units[index], what)
            self.assert_current()

    def apply(self, kind: str, unit: Unit, what: object) -> None:
        if kind == "values":
            do_set_values(self.period, unit, what)  # type: ignore[arg-type]
        elif kind == "report":
            month, days_after_due = what  # type: ignore[misc]
            arrived = datetime.datetime(2025, month + 1, 5, 9, tzinfo=datetime.UTC) + datetime.timedelta(
                days=days_after_due - 10
            )
            with time_machine.travel(arrived, tick=False):
                do_submit_report(self.period, unit, month, content="Báo cáo")
        else:
            code, points = what  # type: ignore[misc]
            if points is None:
                for manual in ManualScore.objects.filter(period=self.period, unit=unit, criterion_code=code):
                    do_remove_manual_score(manual, None)
            else:
                do_set_manual_score(self.period, unit, code, Decimal(points), "Hội đồng chấm lại", None)

    def assert_current(self) -> None:
        period = EvaluationPeriod.objects.get(pk=self.period.pk)
        evaluation = evaluation_for(period)
        full = score(evaluation, narrate=False)
        expected = {
            result.unit.code: (result.total, result.percent, result.grade.grade if result.grade else "", result.rank)
            for result in full.units
        }
        stored = {
            row.unit.code: (row.total, row.percent, row.grade, row.rank)
            for row in Result.objects.filter(period=period).select_related("unit")
        }
        self.assertEqual(stored, expected)
        kept = {
            (row.indicator, row.group, row.rule): summary_from_json(row.summary)
            for row in PeerSummary.objects.filter(period=period)
        }
        fresh = summaries(evaluation)
        self.assertEqual({key: fresh[key] for key in kept}, kept)
