"""The unit page explains every point: inputs → rule → points, each input linked to its evidence."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govscore.scoring.engine import score
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.models import PeerSummary, Result
from govscore.web.scores.unit_page import unit_version

from .base import BaseTestCase
from .samples import pdf_upload


class UnitPageTests(BaseTestCase):
    def test_each_input_links_to_its_own_evidence(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        own = reverse("evidence_download", args=[self.syt_evidence.pk])
        other = reverse("evidence_download", args=[self.stp_evidence.pk])
        self.assertContains(response, f'href="{own}"', count=1)
        self.assertNotContains(response, other)
        self.assertContains(response, "Số CBCC được cấp hộp thư điện tử Đồng Nai / tổng số CBCC: 40/50")

    def test_points_use_the_vietnamese_decimal_comma(self) -> None:
        self.login(self.reporter)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        self.assertRegex(response.content.decode(), r"\d+,\d+%")


class StoredResultTests(BaseTestCase):
    def test_the_stored_numbers_are_the_cores_for_the_whole_period(self) -> None:
        scored = score(evaluation_for(self.period), narrate=False)
        stored = {
            row.unit.code: (row.total, row.max_points, row.percent, row.grade, row.rank)
            for row in Result.objects.filter(period=self.period).select_related("unit")
        }
        expected = {
            result.unit.code: (result.total, result.max_points, result.percent, result.grade.grade, result.rank)
            for result in scored.units
            if result.grade is not None
        }
        self.assertEqual(stored, expected)

    def test_the_page_shows_the_grade_in_the_readers_language(self) -> None:
        self.login(self.evaluator)
        row = Result.objects.get(period=self.period, unit=self.syt)
        total = f"{row.total.normalize():f}"
        for lang, word in (("vi", "điểm"), ("en", "points")):
            with self.subTest(lang):
                self.client.cookies.load({"django_language": lang})
                for url in (
                    reverse("unit_detail", args=[self.period.pk, self.syt.pk]),
                    reverse("ranking", args=[self.period.pk]),
                ):
                    response = self.client.get(url)
                    self.assertContains(response, f"{row.grade} ({total} {word})")


class NextGradeTests(BaseTestCase):
    """The unit page says what lifts the unit to its next grade, to staff and to the unit's own reporter."""

    def test_staff_and_the_units_reporter_see_the_changes_with_their_points(self) -> None:
        row = Result.objects.get(period=self.period, unit=self.syt)
        self.assertNotEqual(row.grade, "A+")
        for user in (self.evaluator, self.leader, self.reporter):
            with self.subTest(user.username):
                self.login(user)
                response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
                self.assertContains(response, "Để lên xếp loại tiếp theo")
                self.assertContains(response, "Để đạt xếp loại")
                # The regulations the unit has not issued, by their titles, with the points they bring.
                self.assertRegex(
                    response.content.decode(), r"Các quy định về ứng dụng CNTT đã ban hành: thêm [^<]+: \+\d+"
                )

    def test_the_changes_lift_the_unit_as_the_core_scores_the_whole_period(self) -> None:
        from dataclasses import replace

        from govscore.scoring.next_grade import next_grade

        evaluation = evaluation_for(self.period)
        path = next_grade(evaluation, "SYT")
        assert path.target is not None and path.changes
        changes = {change.indicator.code: change.after for change in path.changes}
        units = tuple(
            replace(each, facts={**each.facts, **changes}) if each.code == "SYT" else each for each in evaluation.units
        )
        lifted = score(replace(evaluation, units=units), narrate=False).unit("SYT")
        bands = [band.grade for band in evaluation.framework.grading.bands]
        assert lifted.grade is not None
        self.assertLessEqual(bands.index(lifted.grade.grade), bands.index(path.target.grade))
        self.login(self.reporter)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        for line in path.lines("vi"):
            self.assertContains(response, line)

    def test_english_readers_get_the_sentences_in_english(self) -> None:
        self.login(self.reporter)
        self.client.cookies.load({"django_language": "en"})
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        self.assertContains(response, "To reach grade")
        self.assertContains(response, " points</li>")

    def test_another_units_reporter_does_not_see_it(self) -> None:
        self.login(self.stp_reporter)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        self.assertEqual(response.status_code, 404)


class CachedExplanationTests(BaseTestCase):
    """The explained part of the page is kept for the version of the data it comes from: a second view
    reads it from the cache, and any change it depends on shows at once."""

    def page(self) -> str:
        shown = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk])).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", shown)  # masked anew on each page

    def test_a_second_view_is_served_without_scoring_again(self) -> None:
        self.login(self.evaluator)
        with CaptureQueriesContext(connection) as first:
            shown = self.page()
        with CaptureQueriesContext(connection) as second:
            self.assertEqual(self.page(), shown)
        # The unit's data, evidence and the peers' summaries are read only to compute the explanation.
        read_first = " ".join(query["sql"] for query in first.captured_queries)
        read_second = " ".join(query["sql"] for query in second.captured_queries)
        self.assertIn("indicators_evidencefile", read_first)
        self.assertNotIn("indicators_evidencefile", read_second)
        self.assertLess(len(second.captured_queries), len(first.captured_queries))

    def test_a_changed_value_shows_at_once(self) -> None:
        self.login(self.evaluator)
        self.assertIn("40/50", self.page())
        do_set_values(self.period, self.syt, {"email_accounts": {"numerator": 45, "denominator": 50}})
        shown = self.page()
        self.assertIn("45/50", shown)
        self.assertNotIn("40/50", shown)

    def test_new_evidence_shows_at_once(self) -> None:
        self.login(self.reporter)
        before = self.page()
        added = do_add_evidence(self.period, self.syt, "email_accounts", pdf_upload(), by=self.reporter)
        link = reverse("evidence_download", args=[added.pk])
        self.assertNotIn(link, before)
        self.assertIn(link, self.page())

    def test_each_language_has_its_own_render(self) -> None:
        self.login(self.evaluator)
        self.assertIn("Điểm từng tiêu chí", self.page())
        self.client.cookies.load({"django_language": "en"})
        shown = self.page()
        self.assertNotIn("Điểm từng tiêu chí", shown)
        self.assertNotIn("Nội dung thực hiện tốt", shown)

    def test_the_version_moves_with_what_the_others_data_gives_relative_rules(self) -> None:
        stored = Result.objects.get(period=self.period, unit=self.syt)
        before = unit_version(self.period, self.syt, stored, "vi")
        self.assertEqual(unit_version(self.period, self.syt, stored, "vi"), before)
        PeerSummary.objects.create(period=self.period, indicator="email_accounts", group="", rule="best", summary="9")
        self.assertNotEqual(unit_version(self.period, self.syt, stored, "vi"), before)
