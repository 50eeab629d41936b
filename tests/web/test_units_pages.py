"""The unit register's pages: the register with history, the workbook's upload → preview → confirm, the
reorganisation forms, and a unit's page showing its history."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govscore.web.orgs.models import Reorganisation, Unit

from .base import BaseTestCase
from .test_units_import import GOOD_UNITS, workbook

MERGE = {
    "kind": "merge",
    "merge-units": [],
    "merge-code": "SYTP",
    "merge-name": "Sở Y tế và Tư pháp",
    "merge-decision_number": "15/QĐ-UBND",
    "merge-decision_date": "2012-05-20",
    "merge-effective": "2012-06-01",
}


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("don-vi.xlsx", data)


class UnitsPagesTests(BaseTestCase):
    def merge(self) -> dict[str, object]:
        return {**MERGE, "merge-units": [self.syt.pk, self.stp.pk], "merge-group": self.syt.group_id}

    def test_a_merge_from_the_page_shows_in_the_register_and_on_the_unit_page(self) -> None:
        self.login(self.admin)
        response = self.client.post(reverse("units_reorganise"), self.merge())
        self.assertRedirects(response, reverse("units_register"), fetch_redirect_response=False)
        merged = Unit.objects.get(code="SYTP")
        page = self.client.get(reverse("units_register"))
        self.assertContains(page, "01/06/2012: Hợp nhất từ Sở Tư pháp, Sở Y tế")
        self.assertContains(page, "quyết định số 15/QĐ-UBND ngày 20/05/2012")
        unit_page = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        self.assertContains(unit_page, "01/06/2012: Hợp nhất vào Sở Y tế và Tư pháp")
        self.assertContains(unit_page, "không xếp hạng")
        self.assertEqual(self.client.get(reverse("unit_detail", args=[self.period.pk, merged.pk])).status_code, 200)

    def test_a_refused_reorganisation_says_why_and_writes_nothing(self) -> None:
        self.login(self.admin)
        data = {**self.merge(), "merge-code": "STP"}
        response = self.client.post(reverse("units_reorganise"), data)
        self.assertContains(response, "Mã đơn vị STP đã có.", status_code=409)
        self.assertFalse(Reorganisation.objects.exists())
        incomplete = {**self.merge(), "merge-name": ""}
        response = self.client.post(reverse("units_reorganise"), incomplete)
        self.assertContains(response, "Chọn đơn vị nhận, hoặc ghi mã, tên và khối của đơn vị mới.", status_code=400)

    def test_the_workbook_is_previewed_then_confirmed(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("units_template")).status_code, 200)
        response = self.client.post(reverse("units_preview"), {"file": upload(workbook(GOOD_UNITS))})
        self.assertContains(response, "Sở Thông tin và Truyền thông")
        self.assertFalse(Unit.objects.filter(code="STTTT").exists())
        token, fingerprint = response.context["token"], response.context["outcome"].fingerprint
        confirmed = self.client.post(reverse("units_confirm"), {"token": token, "fingerprint": fingerprint})
        self.assertRedirects(confirmed, reverse("units_register"), fetch_redirect_response=False)
        self.assertTrue(Unit.objects.filter(code="STTTT").exists())
        again = self.client.post(reverse("units_confirm"), {"token": token, "fingerprint": fingerprint})
        self.assertEqual(again.status_code, 400)

    def test_a_broken_workbook_is_shown_with_its_problems(self) -> None:
        self.login(self.admin)
        bad = workbook([["STTTT", "", "", "so-nganh", "", None, None]])
        response = self.client.post(reverse("units_preview"), {"file": upload(bad)})
        self.assertContains(response, "Thiếu Tên đơn vị: ô này bắt buộc.", status_code=400)
        self.assertContains(response, "Tên đơn vị", status_code=400)
        self.assertFalse(Unit.objects.filter(code="STTTT").exists())
