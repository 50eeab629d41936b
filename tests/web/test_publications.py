"""Publication freezes a period's results into numbered editions with a content hash; an amendment with
a reason produces the next edition and its differences; the public pages need no log-in."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from decimal import Decimal

import docx
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_publish, do_save_draft
from govscore.web.publications.models import ImmutableRecord, Publication, PublicationFile
from govscore.web.scores.actions import do_set_manual_score
from govscore.web.scores.models import Result

from .base import BaseTestCase, fill_draft

Status = EvaluationPeriod.Status


class PublicationTests(BaseTestCase):
    def fill_draft(self) -> None:
        fill_draft(self.period)

    def post(self, action: str, **data: str) -> int:
        self.login(self.admin)
        return self.client.post(reverse(f"publication_{action}", args=[self.period.pk]), data).status_code

    def publish(self) -> Publication:
        self.fill_draft()
        self.assertEqual(self.post("close"), 302)
        self.assertEqual(self.post("publish", confirmed="on"), 302)
        return Publication.objects.get(period=self.period, edition=1)

    def test_publishing_freezes_results_texts_and_files_under_a_hash(self) -> None:
        publication = self.publish()
        self.period.refresh_from_db()
        self.assertEqual(self.period.status, Status.PUBLISHED)
        self.assertEqual(publication.content_hash, hashlib.sha256(publication.snapshot_json.encode()).hexdigest())
        snapshot = json.loads(publication.snapshot_json)
        stored = {row.unit.code: row for row in Result.objects.filter(period=self.period).select_related("unit")}
        for unit in snapshot["results"]["vi"]["units"]:
            self.assertEqual(Decimal(str(unit["total"])), stored[unit["code"]].total)
            self.assertEqual(unit["grade"], stored[unit["code"]].grade)
        self.assertEqual(snapshot["framework"]["version"], self.period.framework.version)
        self.assertEqual(snapshot["letter"]["letter_number"], "1186/STTT")
        files = {item.kind: item for item in PublicationFile.objects.filter(publication=publication)}
        self.assertEqual(sorted(files), ["docx", "pdf", "xlsx"])
        for item in files.values():
            self.assertEqual(item.sha256, hashlib.sha256(bytes(item.content)).hexdigest())
        document = docx.Document(io.BytesIO(bytes(files["docx"].content)))
        text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        self.assertIn("Sở Y tế", text)
        footer = document.sections[0].footer.paragraphs[0].text
        self.assertIn(f"Mã xác thực: {publication.content_hash[:16]}", footer)
        self.assertIn(f"/public/verify/{publication.content_hash}/", footer)
        self.assertTrue(bytes(files["pdf"].content).startswith(b"%PDF"))

    def test_it_will_not_publish_an_open_period_or_an_incomplete_letter(self) -> None:
        self.fill_draft()
        self.assertEqual(self.post("publish", confirmed="on"), 409)
        do_save_draft(self.period, {"letter_number": ""}, None)
        self.post("close")
        self.login(self.admin)
        response = self.client.post(reverse("publication_publish", args=[self.period.pk]), {"confirmed": "on"})
        self.assertContains(response, "Chưa nhập: số công văn.", status_code=400)
        self.assertFalse(Publication.objects.exists())

    def test_only_an_administrator_publishes(self) -> None:
        url = reverse("publication_close", args=[self.period.pk])
        for user in (self.evaluator, self.leader, self.reporter):
            self.login(user)
            self.assertEqual(self.client.post(url).status_code, 403)
        self.period.refresh_from_db()
        self.assertEqual(self.period.status, Status.OPEN)

    def test_an_amendment_produces_the_next_edition_with_its_changes(self) -> None:
        first = self.publish()
        self.assertEqual(self.post("amend", reason=""), 400)
        self.assertEqual(self.post("amend", reason="Hội đồng điều chỉnh tiêu chí 5 của Sở Y tế"), 302)
        self.period.refresh_from_db()
        self.assertEqual(self.period.status, Status.AMENDING)
        before = Result.objects.get(period=self.period, unit=self.syt).total
        do_set_manual_score(self.period, self.syt, "5", Decimal(110), "Bổ sung minh chứng", self.evaluator)
        # An amendment is a new letter: the first edition's number is refused.
        response = self.client.post(reverse("publication_publish", args=[self.period.pk]), {"confirmed": "on"})
        self.assertContains(response, "phải có số công văn mới (lần 1 đã dùng số 1186/STTT)", status_code=400)
        do_save_draft(self.period, {"letter_number": "1250/STTT", "letter_date": datetime.date(2012, 12, 20)}, None)
        self.assertEqual(self.post("publish", confirmed="on"), 302)
        second = Publication.objects.get(period=self.period, edition=2)
        self.assertEqual(second.amendment_reason, "Hội đồng điều chỉnh tiêu chí 5 của Sở Y tế")
        self.assertNotEqual(second.content_hash, first.content_hash)
        # Sở Y tế gains 10 points and passes Sở Tư pháp, which drops from a shared first place to second.
        self.assertEqual(
            second.changes,
            [
                {
                    "unit": "SYT",
                    "name": "Sở Y tế",
                    "fields": [
                        {"field": "total", "old": int(before), "new": int(before) + 10},
                        {"field": "criterion", "criterion": "5", "old": 100, "new": 110},
                    ],
                },
                {"unit": "STP", "name": "Sở Tư pháp", "fields": [{"field": "rank", "old": 1, "new": 2}]},
            ],
        )
        first.refresh_from_db()
        self.assertEqual(first.content_hash, hashlib.sha256(first.snapshot_json.encode()).hexdigest())
        page = self.client.get(reverse("public_period", args=[self.period.pk]))
        self.assertContains(page, "Hội đồng điều chỉnh tiêu chí 5")
        self.assertContains(page, "tiêu chí 5 100 → 110")

    def test_an_edition_can_be_neither_changed_nor_deleted(self) -> None:
        publication = self.publish()
        publication.letter_number = "9999/STTT"
        with self.assertRaises(ImmutableRecord):
            publication.save()
        with self.assertRaises(ImmutableRecord), transaction.atomic():
            PublicationFile.objects.all().delete()
        # An edition is protected twice: by its files' foreign keys, and by its own signal once they are gone.
        with self.assertRaises(ProtectedError), transaction.atomic():
            Publication.objects.all().delete()
        self.assertEqual(Publication.objects.get().letter_number, "1186/STTT")
        self.assertEqual(PublicationFile.objects.count(), 3)


class PublicPageTests(BaseTestCase):
    def setUp(self) -> None:
        fill_draft(self.period)
        EvaluationPeriod.objects.filter(pk=self.period.pk).update(status=Status.CLOSED)
        self.period.refresh_from_db()
        self.publication = do_publish(self.period, self.admin)
        self.client.logout()

    def test_anyone_can_read_published_results_and_files(self) -> None:
        self.assertContains(self.client.get(reverse("public_index")), "1186/STTT")
        page = self.client.get(reverse("public_period", args=[self.period.pk]))
        self.assertContains(page, "Sở Y tế")
        self.assertContains(page, self.publication.content_hash)
        stored = PublicationFile.objects.get(publication=self.publication, kind="pdf")
        response = self.client.get(reverse("public_file", args=[self.publication.pk, "pdf"]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response.content, bytes(stored.content))

    def test_the_verification_page_checks_the_hash(self) -> None:
        response = self.client.get(reverse("public_verify", args=[self.publication.content_hash]))
        self.assertContains(response, "bản lưu nguyên vẹn")
        self.assertContains(self.client.get(reverse("public_verify", args=["0" * 64])), "Không có", status_code=404)

    def test_a_tampered_record_no_longer_verifies(self) -> None:
        tampered = self.publication.snapshot_json.replace('"1186/STTT"', '"1187/STTT"')
        Publication.objects.filter(pk=self.publication.pk).update(snapshot_json=tampered)
        response = self.client.get(reverse("public_verify", args=[self.publication.content_hash]))
        self.assertContains(response, "không khớp")

    def test_unpublished_periods_are_not_public(self) -> None:
        other = EvaluationPeriod.objects.create(
            year=2013,
            framework=self.period.framework,
            data_from=datetime.date(2013, 1, 1),
            data_to=datetime.date(2013, 12, 31),
        )
        self.assertEqual(self.client.get(reverse("public_period", args=[other.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("public_file", args=[999, "pdf"])).status_code, 404)
