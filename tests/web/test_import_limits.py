"""The import pages refuse a workbook larger than the period (or the register) can hold, with the
limit and the size found, and write nothing: the data import's preview and the past results' preview."""

from __future__ import annotations

import io
import re
import zipfile

from django.conf import settings
from django.urls import reverse

from govscore.web.imports.history.actions import do_import_history

from . import samples
from .history_samples import seed_file
from .test_history import HistoryTestCase, stored
from .test_imports import ImportTestCase

DATA_PART = "xl/worksheets/sheet1.xml"


def with_junk_rows(data: bytes, first: int, count: int) -> bytes:
    """The workbook with `count` rows of junk text from row `first` on its first sheet, hidden from the
    sheet's declared extent (which keeps saying what it said before)."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>rác {n}</t></is></c></row>' for n in range(first, first + count)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == DATA_PART:
                content = content.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
            target.writestr(info.filename, content)
    return buffer.getvalue()


def with_dimension(data: bytes, ref: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == DATA_PART:
                content = re.sub(rb'<dimension ref="[^"]*"/>', b"", content)
                content = content.replace(b"<sheetViews", f'<dimension ref="{ref}"/><sheetViews'.encode(), 1)
            target.writestr(info.filename, content)
    return buffer.getvalue()


class DataImportLimitTests(ImportTestCase):
    # The 2013 period has two units and a template of 12 columns: rows 1-106, columns A-BJ.

    def preview(self, data: bytes, lang: str = "vi") -> object:
        self.login(self.admin)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang  # as the language switch leaves it
        url = reverse("imports_preview", args=[self.other.pk])
        return self.client.post(url, {"file": samples.upload("so-lieu.xlsx", data)})

    def test_junk_rows_past_the_limit_are_refused_and_nothing_is_written(self) -> None:
        before = self.snapshot()
        data = with_junk_rows(self.template(), 5, 50_000)
        response = self.preview(data)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            [p["message"] for p in response.context["problems"]],  # type: ignore[attr-defined]
            [
                "Trang “Số liệu” có dòng 107, quá giới hạn 106 dòng (tính theo 2 đơn vị). "
                "Đã dừng đọc tệp: hãy xoá các dòng thừa rồi lưu lại."
            ],
        )
        self.assertEqual(self.snapshot(), before)
        self.assertNotIn("token", response.context)  # type: ignore[attr-defined]

    def test_a_declared_extent_past_the_limit_is_refused_in_the_users_language(self) -> None:
        response = self.preview(with_dimension(self.template(), "A1:L2000000"), lang="en")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            [p["message"] for p in response.context["problems"]],  # type: ignore[attr-defined]
            [
                "The sheet “Số liệu” declares the range A1:L2000000, down to row 2,000,000, beyond the limit of "
                "106 rows (for 2 units). The file was not read: delete the extra rows and save it again."
            ],
        )


class HistoryImportLimitTests(HistoryTestCase):
    # The register has three units: a past table may use rows 1-108.

    def test_a_past_table_past_the_registers_bound_is_refused_and_nothing_is_written(self) -> None:
        self.login(self.admin)
        before = stored()
        data = with_junk_rows(seed_file(self.version), 23, 50_000)
        expected = [
            "Trang “Kết quả” có dòng 109, quá giới hạn 108 dòng (tính theo 3 đơn vị). "
            "Đã dừng đọc tệp: hãy xoá các dòng thừa rồi lưu lại."
        ]
        outcome = do_import_history(2012, self.version, data)
        self.assertEqual([p.message() for p in outcome.problems], expected)
        form = {"year": 2012, "framework": self.version.pk, "title": "Kết quả năm 2012"}
        response = self.client.post(reverse("history_preview"), {**form, "file": samples.upload("2012.xlsx", data)})
        self.assertEqual(response.status_code, 400)
        self.assertEqual([p["message"] for p in response.context["problems"]], expected)
        self.assertEqual(stored(), before)
