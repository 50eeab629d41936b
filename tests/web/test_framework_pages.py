"""Framework pages: the administrator uploads a YAML file or a workbook, sees every problem exactly as
`govscore framework validate` prints it, copies a version into a new one and replaces the copy while no
period uses it; staff read the versions and the differences between two of them."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govscore.cli.main import main
from govscore.frameworks.files import framework_from_bytes, stored_data
from govscore.frameworks.workbook_writer import framework_workbook
from govscore.web.audit.models import AuditEntry
from govscore.web.frameworks.models import FrameworkVersion

from .base import BaseTestCase, framework_text


def workbook(change: object = None, version: str = "2013") -> bytes:
    """The bundled framework as a workbook, as version `version`, with `change(book)` applied."""
    data = {**stored_data(framework_text(), "f.yaml"), "version": version}
    book = openpyxl.load_workbook(io.BytesIO(framework_workbook(data)))
    if callable(change):
        change(book)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def upload(name: str, content: bytes) -> dict[str, SimpleUploadedFile]:
    return {"file": SimpleUploadedFile(name, content)}


def validate_output(name: str, content: bytes, tmp: Path) -> list[str]:
    path = tmp / name
    path.write_bytes(content)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.chdir(tmp):
        assert main(["framework", "validate", name]) == 2
    return err.getvalue().splitlines()[1:]


class UploadTests(BaseTestCase):
    def test_a_valid_workbook_is_stored_as_a_new_version_and_audited(self) -> None:
        self.login(self.admin)
        response = self.client.post(reverse("framework_upload"), upload("bo-tieu-chi.xlsx", workbook()))
        stored = FrameworkVersion.objects.get(version="2013")
        self.assertRedirects(response, reverse("framework_version", args=[stored.pk]))
        self.assertEqual(stored.parsed().criteria, self.period.framework.parsed().criteria)
        entry = AuditEntry.objects.filter(model="frameworks.frameworkversion", object_id=str(stored.pk)).get()
        self.assertEqual(entry.actor, "admin")
        page = self.client.get(reverse("framework_version", args=[stored.pk])).content.decode()
        self.assertIn("Chưa kỳ đánh giá nào dùng phiên bản này", page)

    def test_every_problem_is_shown_exactly_as_the_command_prints_it(self) -> None:
        def change(book: openpyxl.Workbook) -> None:
            book["Tiêu chí"]["B3"] = "Z"
            book["Tiêu chí"]["F4"] = "yes_or_no"

        content = workbook(change)
        self.login(self.admin)
        response = self.client.post(reverse("framework_upload"), upload("bo-tieu-chi.xlsx", content))
        self.assertEqual(response.status_code, 400)
        with tempfile.TemporaryDirectory() as folder:
            printed = validate_output("bo-tieu-chi.xlsx", content, Path(folder))
        self.assertEqual(len(printed), 4)
        shown = response.content.decode()
        for line in printed:
            self.assertInHTML(f"<li><code>{line}</code></li>", shown)
        self.assertFalse(FrameworkVersion.objects.filter(version="2013").exists())

    def test_a_yaml_file_with_problems_in_english(self) -> None:
        self.login(self.admin)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        text = framework_text().replace('version: "2012"', 'version: "2014"')
        text = text.replace("max_points: 220", "max_points: 9")
        response = self.client.post(reverse("framework_upload"), upload("f.yaml", text.encode()))
        self.assertEqual(response.status_code, 400)
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "f.yaml").write_text(text, encoding="utf-8")
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.chdir(folder):
                main(["--lang", "en", "framework", "validate", "f.yaml"])
        (line,) = err.getvalue().splitlines()[1:]
        self.assertIn("The framework's max points", line)
        self.assertInHTML(f"<li><code>{line}</code></li>", response.content.decode())
        self.assertEqual(FrameworkVersion.objects.count(), 1)

    def test_a_version_in_use_cannot_be_replaced_by_uploading_it_again(self) -> None:
        self.login(self.admin)
        changed = framework_text().replace("Tiêu chí giám sát", "Bộ tiêu chí sửa", 1)
        response = self.client.post(reverse("framework_upload"), upload("f.yaml", changed.encode()))
        self.assertContains(response, "đã được một kỳ đánh giá dùng, không sửa được", status_code=400)
        self.assertEqual(FrameworkVersion.objects.get().yaml_text, framework_text().strip())

    def test_only_the_administrator_uploads_copies_and_replaces(self) -> None:
        version = self.period.framework
        for user in (self.evaluator, self.leader, self.reporter):
            self.login(user)
            for name, data in (
                ("framework_upload", upload("f.xlsx", workbook())),
                ("framework_copy", {"version": "2099"}),
                ("framework_replace", upload("f.xlsx", workbook())),
            ):
                args = [] if name == "framework_upload" else [version.pk]
                with self.subTest(user=user.username, url=name):
                    self.assertEqual(self.client.post(reverse(name, args=args), data).status_code, 403)
        self.assertEqual(FrameworkVersion.objects.count(), 1)


class CopyAndCompareTests(BaseTestCase):
    def test_copy_then_replace_the_unused_copy_then_compare(self) -> None:
        self.login(self.admin)
        original = self.period.framework
        response = self.client.post(reverse("framework_copy", args=[original.pk]), {"version": "2013"})
        copy = FrameworkVersion.objects.get(version="2013")
        self.assertRedirects(response, reverse("framework_version", args=[copy.pk]))
        self.assertEqual(copy.parsed().criteria, original.parsed().criteria)
        self.assertIn("# ", copy.yaml_text)  # the file's comments are kept

        def change(book: openpyxl.Workbook) -> None:
            sheet = book["Tiêu chí"]
            rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
            rows["1.1"][2].value = "Hộp thư công vụ cho CBCC"
            rows["1.1"][7].value = "target_percent: 90"
            sheet.append(["9", None, "Tiêu chí mới", 0, None, "manual", "other_criteria"])

        response = self.client.post(reverse("framework_replace", args=[copy.pk]), upload("moi.xlsx", workbook(change)))
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        copy.refresh_from_db()
        self.assertEqual(copy.parsed().criterion("1.1").title, "Hộp thư công vụ cho CBCC")

        # The original is used by a period: nothing to replace there, and the copy refuses another version.
        refused = self.client.post(
            reverse("framework_replace", args=[copy.pk]), upload("x.xlsx", workbook(version="2020"))
        )
        self.assertContains(refused, "không phải phiên bản 2013 đang thay", status_code=400)

        self.login(self.leader)
        page = self.client.get(reverse("framework_compare"), {"old": original.pk, "new": copy.pk}).content.decode()
        self.assertInHTML(
            "<td>Tên</td><td>Cấp phát hộp thư điện tử Đồng Nai cho CBCC</td><td>Hộp thư công vụ cho CBCC</td>", page
        )
        self.assertIn("target_percent: 90", page)
        self.assertInHTML('<tr class="added"><td>9. Tiêu chí mới</td><td colspan="3">thêm mới</td></tr>', page)
        listing = self.client.get(reverse("framework_list")).content.decode()
        self.assertIn(original.title, listing)
        self.assertIn("so với 2012", listing)

    def test_a_copy_needs_a_version_not_taken(self) -> None:
        self.login(self.admin)
        original = self.period.framework
        response = self.client.post(reverse("framework_copy", args=[original.pk]), {"version": "2012"})
        self.assertContains(response, "Bộ tiêu chí đã có phiên bản 2012", status_code=400)

    def test_the_files_of_a_version_read_back_as_the_same_framework(self) -> None:
        self.login(self.evaluator)
        version = self.period.framework
        xlsx = self.client.get(reverse("framework_xlsx", args=[version.pk]))
        self.assertEqual(
            xlsx["Content-Disposition"], 'attachment; filename="bo-tieu-chi-dongnai-ud-cntt-so-nganh-2012.xlsx"'
        )
        self.assertEqual(framework_from_bytes(xlsx.content, "f.xlsx")[0], version.parsed())
        yaml = self.client.get(reverse("framework_yaml", args=[version.pk]))
        self.assertEqual(yaml.content.decode(), version.yaml_text)
