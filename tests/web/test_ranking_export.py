"""The ranking downloads as CSV and XLSX before publication: the rows the page's search and filters keep."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.urls import reverse

from .base import BaseTestCase, PublishedCastTestCase


class RankingExportTests(BaseTestCase):
    def download(self, **query: str) -> list[list[str]]:
        self.login(self.leader)
        response = self.client.get(reverse("ranking", args=[self.period.pk]), {"format": "csv", **query})
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="xep-hang-2012.csv"', response["Content-Disposition"])
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    def test_the_open_period_downloads_every_unit_as_csv(self) -> None:
        rows = self.download()
        self.assertEqual(rows[0], ["Khối", "Hạng", "Đơn vị", "Tổng điểm", "Điểm tối đa", "Tỷ lệ (%)", "Xếp loại"])
        # Both units: 119 of 220 points (54.1 %), grade C, ranked first together; the group by its title.
        group = "Sở, ban, ngành và đơn vị sự nghiệp trực thuộc UBND tỉnh"
        expected = [[group, "1", name, "119", "220", "54.1", "C"] for name in ("Sở Tư pháp", "Sở Y tế")]
        self.assertEqual(sorted(rows[1:]), expected)

    def test_it_keeps_the_search_of_the_page(self) -> None:
        self.assertEqual([row[2] for row in self.download(q="so y te")[1:]], ["Sở Y tế"])
        self.assertEqual(self.download(q="công an")[1:], [])

    def test_the_xlsx_holds_numbers(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(reverse("ranking", args=[self.period.pk]), {"format": "xlsx", "sort": "name"})
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][2], "Đơn vị")
        self.assertEqual(
            [(row[2], row[3], row[4]) for row in rows[1:]], [("Sở Tư pháp", 119, 220), ("Sở Y tế", 119, 220)]
        )

    def test_the_page_links_to_both_files_and_reporters_get_neither(self) -> None:
        self.login(self.leader)
        page = self.client.get(reverse("ranking", args=[self.period.pk])).content.decode()
        self.assertIn("format=xlsx", page)
        self.assertIn("format=csv", page)
        self.login(self.reporter)
        self.assertEqual(self.client.get(reverse("ranking", args=[self.period.pk]), {"format": "csv"}).status_code, 403)


class RankingExportWithLastYearTests(PublishedCastTestCase):
    def test_last_years_total_rank_and_change_follow(self) -> None:
        self.login(self.leader)
        response = self.client.get(reverse("ranking", args=[self.period.pk]), {"format": "csv"})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][7:], ["Tổng điểm năm 2011", "Hạng năm 2011", "Thay đổi hạng"])
        self.assertTrue(all(len(row) == 10 for row in rows))
