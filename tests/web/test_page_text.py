"""What the pages say: data comes out escaped, and English pages add no Vietnamese and no internal codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, ClassVar

from django.urls import reverse
from ruamel.yaml import YAML

from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_set_values
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.actions import do_ensure_unit
from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_publish
from govscore.web.publications.models import DocumentDraft
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.models import ManualScore

from .base import BaseTestCase, fill_draft, framework_text

VIETNAMESE_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{[^}]*\}")


class _VisibleText(HTMLParser):
    """The text a reader sees: no markup, no scripts, no attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: bytes) -> list[str]:
    parser = _VisibleText()
    parser.feed(html.decode())
    return parser.parts


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _framework_words() -> set[str]:
    """The framework's own texts, cut at their placeholders: they are the province's words, in its language."""
    return {
        piece.strip() for text in _strings(YAML(typ="safe").load(framework_text())) for piece in PLACEHOLDER.split(text)
    }


def _database_words() -> set[str]:
    """What people typed: names, titles, reports, reasons and the covering letter's details."""
    words: set[str] = set()
    words |= {name for unit in Unit.objects.all() for name in (unit.name, unit.short_name)}
    words |= set(UnitGroup.objects.values_list("name", flat=True))
    words |= set(EvaluationPeriod.objects.values_list("title", flat=True))
    words |= set(MonthlyReport.objects.values_list("content", flat=True))
    words |= set(EvidenceFile.objects.values_list("description", flat=True))
    words |= set(ManualScore.objects.values_list("reason", flat=True))
    for draft in DocumentDraft.objects.all():
        words |= {draft.place, draft.issuer, draft.title, draft.signer_title, draft.signer_name}
    return {word for word in words if word}


class EnglishPageTests(BaseTestCase):
    def setUp(self) -> None:
        fill_draft(self.period)
        EvaluationPeriod.objects.filter(pk=self.period.pk).update(status=EvaluationPeriod.Status.CLOSED)
        self.period.refresh_from_db()
        do_publish(self.period, self.admin)
        self.login(self.admin)
        self.client.cookies.load({"django_language": "en"})

    def pages(self) -> list[str]:
        period, unit = self.period.pk, self.syt.pk
        return [
            reverse("ranking", args=[period]),
            reverse("unit_detail", args=[period, unit]),
            reverse("report_calendar", args=[period, unit]),
            reverse("report_form", args=[period, unit, 1]),
            reverse("indicator_form", args=[period, unit]),
            reverse("manual_scores", args=[period, unit]),
            reverse("period_overview", args=[period]),
            reverse("period_list"),
            reverse("publication_manage", args=[period]),
            reverse("public_index"),
            reverse("public_period", args=[period]),
        ]

    def test_english_pages_add_no_vietnamese_word_to_the_data(self) -> None:
        # Longest first, so that a title is removed whole before a shorter title inside it.
        data = sorted(_framework_words() | _database_words() | {"Tiếng Việt"}, key=len, reverse=True)
        for url in self.pages():
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                for part in visible_text(response.content):
                    rest = part
                    for word in data:
                        rest = rest.replace(word, " ")
                    self.assertIsNone(VIETNAMESE_LETTER.search(rest), f"{url}: {part!r}")

    def test_english_pages_show_no_internal_code(self) -> None:
        # Codes are identifiers: snake_case names, tz database names, the group's code and the periods' states.
        code = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[A-Z][a-z]+/[A-Z]\w+|\bso-nganh\b|\b(?:open|closed|published)\b")
        for url in self.pages():
            with self.subTest(url):
                text = " ".join(visible_text(self.client.get(url).content))
                self.assertEqual(code.findall(text), [], url)

    def test_the_month_lists_and_grade_cells_follow_the_language(self) -> None:
        page = " ".join(
            visible_text(self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk])).content)
        )
        self.assertIn("months 2 to 10", page)
        self.assertNotIn("tháng 2", page)
        self.assertRegex(page, r"\b[A-C]\+? \([\d.]+ points\)")


SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


class EscapingTests(BaseTestCase):
    """A unit's name and a framework's sentence are data: every page prints them as text, never as markup."""

    hostile: ClassVar[EvaluationPeriod]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        sentence = 'text: "Kết nối mạng truyền số liệu chuyên dùng"'
        text = framework_text()
        assert sentence in text
        text = text.replace(sentence, f"text: 'Kết nối mạng {SCRIPT}'", 1)
        text = text.replace('version: "2012"', 'version: "2012-b"', 1)
        cls.hostile = do_ensure_period(2013, do_store_framework(text), title="Đánh giá năm 2013")
        do_set_values(cls.hostile, cls.syt, {"network_connected": True}, by=cls.reporter)
        do_ensure_unit("SYT", "Sở Y tế", cls.syt.group)
        Unit.objects.filter(pk=cls.syt.pk).update(name=f"Sở Y tế {SCRIPT}")

    def test_every_page_prints_a_unit_name_and_a_sentence_as_text(self) -> None:
        fill_draft(self.hostile)
        EvaluationPeriod.objects.filter(pk=self.hostile.pk).update(status=EvaluationPeriod.Status.CLOSED)
        self.hostile.refresh_from_db()
        do_publish(self.hostile, self.admin)
        self.login(self.admin)
        period, unit = self.hostile.pk, self.syt.pk
        with_sentence = [
            reverse("unit_detail", args=[period, unit]),
            reverse("public_period", args=[period]),
        ]
        name_only = [
            reverse("ranking", args=[period]),
            reverse("report_calendar", args=[period, unit]),
            reverse("report_form", args=[period, unit, 1]),
            reverse("indicator_form", args=[period, unit]),
            reverse("manual_scores", args=[period, unit]),
            reverse("period_overview", args=[period]) + "?month=2",
            reverse("unit_trend", args=[unit]),
            reverse("province_trends"),
            reverse("audit_log"),
        ]
        for url in with_sentence + name_only:
            with self.subTest(url):
                html = self.client.get(url).content.decode()
                self.assertNotIn("<script>alert", html)
                self.assertIn(f"Sở Y tế {ESCAPED}", html)
                if url in with_sentence:
                    self.assertIn(f"Kết nối mạng {ESCAPED}", html)
