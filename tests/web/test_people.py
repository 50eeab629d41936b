"""Accounts from the XLSX workbook: preview, confirm, all or nothing, located problems; set-password links
(Django's password-reset tokens) shown or e-mailed; deactivating and resetting; the command line."""

from __future__ import annotations

import contextlib
import io
import re
import socket
import tempfile
from pathlib import Path

from django.contrib.auth.models import User
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from govscore.cli.main import main
from govscore.imports.accounts import build_people_template
from govscore.web.access import own_unit_id, role_of
from govscore.web.accounts.models import Role
from govscore.web.audit.models import AuditEntry

from .base import BaseTestCase

NEW_PASSWORD = "mat-khau-rat-dai-2026"
ROWS = [
    ("bc-syt-2", "Nguyễn Văn An", "an@syt.example", "Cán bộ báo cáo của đơn vị", "SYT"),
    ("tham-dinh-2", "Trần Thị Bình", "", "thẩm định", ""),
    ("lanh-dao-2", "Lê Văn Cường", "", "Lãnh đạo", ""),
]


def workbook(rows: list[tuple[str, ...]]) -> bytes:
    book = load_workbook(io.BytesIO(build_people_template([("SYT", "Sở Y tế")])))
    sheet = book["Tài khoản"]
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def upload(data: bytes) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = "tai-khoan.xlsx"
    return file


def log_in(self: BaseTestCase, username: str, password: str) -> int:
    self.client.logout()
    return self.client.post(reverse("login"), {"username": username, "password": password}).status_code


class PeopleImportTests(BaseTestCase):
    log_in = log_in

    def setUp(self) -> None:
        self.login(self.admin)

    def preview(self, data: bytes):  # type: ignore[no-untyped-def]
        return self.client.post(reverse("people_preview"), {"file": upload(data)})

    def import_rows(self, rows: list[tuple[str, ...]]):  # type: ignore[no-untyped-def]
        response = self.preview(workbook(rows))
        self.assertEqual(response.status_code, 200)
        context = response.context
        return self.client.post(
            reverse("people_confirm"), {"token": context["token"], "fingerprint": context["plan"].fingerprint}
        )

    def links(self, response) -> list[str]:  # type: ignore[no-untyped-def]
        return re.findall(r'href="(http://testserver/accounts/set-password/[^"]+)"', response.content.decode())

    def test_the_template_downloads_with_the_header_and_the_unit_codes(self) -> None:
        response = self.client.get(reverse("people_template"))
        book = load_workbook(io.BytesIO(response.content))
        self.assertEqual(
            [c.value for c in book["Tài khoản"][2]],
            ["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Mã đơn vị"],
        )
        self.assertIn(("STP", "Sở Tư pháp"), [(r[0].value, r[1].value) for r in book["Hướng dẫn"].iter_rows()])

    def test_it_creates_the_accounts_with_their_roles_and_a_link_each(self) -> None:
        response = self.import_rows(ROWS)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.links(response)), 3)
        reporter = User.objects.get(username="bc-syt-2")
        self.assertEqual((role_of(reporter), own_unit_id(reporter)), (Role.REPORTER, self.syt.pk))
        self.assertEqual(role_of(User.objects.get(username="tham-dinh-2")), Role.EVALUATOR)
        self.assertEqual(reporter.first_name, "Nguyễn Văn An")
        self.assertFalse(reporter.has_usable_password())  # no one can log in before setting a password
        actors = set(
            AuditEntry.objects.filter(model="auth.user", object_repr="bc-syt-2").values_list("actor", flat=True)
        )
        self.assertEqual(actors, {"admin"})

    def test_a_new_reporter_sets_a_password_through_the_link_and_logs_in_once_only(self) -> None:
        link = next(link for link in self.links(self.import_rows(ROWS)) if "set-password" in link)
        self.client.logout()
        form = self.client.get(link, follow=True)
        self.assertContains(form, "bc-syt-2")
        form_url = form.redirect_chain[-1][0]
        done = self.client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        self.assertRedirects(done, reverse("password_set_done"))
        self.assertEqual(self.log_in("bc-syt-2", NEW_PASSWORD), 302)
        self.client.logout()
        again = self.client.get(link, follow=True)
        self.assertFalse(again.context["validlink"])

    def test_a_file_with_problems_writes_nothing_and_places_each_problem(self) -> None:
        rows = [
            *ROWS,
            ("bc-syt-2", "Trùng", "", "báo cáo", "SYT"),
            ("x y", "", "thu@", "thư ký", ""),
            ("bc-khac", "", "", "báo cáo", ""),
        ]
        response = self.preview(workbook(rows))
        self.assertEqual(response.status_code, 400)
        found = {(p["row"], p["column"], p["header"], p["message"]) for p in response.context["problems"]}
        self.assertEqual(
            found,
            {
                (6, "A", "Tên đăng nhập", "Tên đăng nhập 'bc-syt-2' đã có ở dòng 3: mỗi người một dòng."),
                (
                    7,
                    "A",
                    "Tên đăng nhập",
                    "Tên đăng nhập 'x y' không hợp lệ: chỉ dùng chữ, số và . @ + - _, "
                    "không dấu cách, tối đa 150 ký tự.",
                ),
                (7, "C", "Thư điện tử", "Địa chỉ thư điện tử 'thu@' không hợp lệ."),
                (
                    7,
                    "D",
                    "Vai trò",
                    "Vai trò 'thư ký' không có. Ghi một trong: Quản trị, Cán bộ thẩm định, Lãnh đạo, "
                    "Cán bộ báo cáo của đơn vị.",
                ),
                (8, "E", "Mã đơn vị", "Cán bộ báo cáo phải có mã đơn vị của mình."),
            },
        )
        self.assertFalse(User.objects.filter(username__in=["bc-syt-2", "tham-dinh-2"]).exists())

    def test_an_unknown_unit_is_refused_at_its_cell(self) -> None:
        response = self.preview(workbook([("bc-sxd", "", "", "báo cáo", "SXD")]))
        self.assertEqual(response.status_code, 400)
        [problem] = response.context["problems"]
        self.assertEqual((problem["row"], problem["column"]), (3, "E"))
        self.assertIn("SXD", problem["message"])

    def test_an_existing_account_changes_role_and_keeps_its_password(self) -> None:
        response = self.import_rows([("leader", "Lãnh đạo Sở", "", "Cán bộ thẩm định", "")])
        self.assertEqual(self.links(response), [])
        leader = User.objects.get(username="leader")
        self.assertEqual((role_of(leader), leader.first_name), (Role.EVALUATOR, "Lãnh đạo Sở"))
        self.assertTrue(leader.has_usable_password())

    def test_the_same_file_again_changes_nothing(self) -> None:
        self.import_rows(ROWS)
        response = self.preview(workbook(ROWS))
        self.assertEqual((response.context["plan"].count("same"), response.context["token"]), (3, ""))

    def test_a_stale_preview_is_shown_again_and_writes_nothing(self) -> None:
        response = self.preview(workbook(ROWS))
        User.objects.create_user("lanh-dao-2")  # someone else created the account meanwhile
        confirm = self.client.post(
            reverse("people_confirm"),
            {"token": response.context["token"], "fingerprint": response.context["plan"].fingerprint},
        )
        self.assertEqual(confirm.status_code, 409)
        self.assertFalse(User.objects.filter(username="bc-syt-2").exists())

    @override_settings(EMAIL_HOST="mail.example")
    def test_with_email_the_link_is_sent_to_whoever_has_an_address(self) -> None:
        response = self.import_rows(ROWS)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["an@syt.example"])
        self.assertIn("http://testserver/accounts/set-password/", mail.outbox[0].body)
        self.assertEqual(len(self.links(response)), 2)  # the two without an address are handed over

    def test_when_the_mail_server_does_not_answer_the_link_is_shown_instead(self) -> None:
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        smtp = "django.core.mail.backends.smtp.EmailBackend"
        with override_settings(EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_BACKEND=smtp, EMAIL_TIMEOUT=2):
            response = self.import_rows(ROWS[:1])
        self.assertEqual(len(self.links(response)), 1)
        self.assertTrue(User.objects.filter(username="bc-syt-2").exists())


class AccountManagementTests(BaseTestCase):
    log_in = log_in

    def setUp(self) -> None:
        self.login(self.admin)

    def test_the_list_shows_accounts_by_unit_and_role_in_words(self) -> None:
        response = self.client.get(reverse("account_list"))
        self.assertContains(response, "Cán bộ thẩm định")
        self.assertContains(response, "Sở Y tế")
        units = dict(response.context["units"])
        self.assertEqual(units[self.syt], [self.reporter])

    def test_a_deactivated_account_cannot_log_in_and_can_be_reactivated(self) -> None:
        self.client.post(reverse("account_set_active", args=[self.reporter.pk]), {"active": "0"})
        self.assertFalse(User.objects.get(pk=self.reporter.pk).is_active)
        self.assertEqual(self.log_in("reporter", "test-password"), 200)  # the form again, with its error
        self.login(self.admin)
        self.client.post(reverse("account_set_active", args=[self.reporter.pk]), {"active": "1"})
        self.assertTrue(User.objects.get(pk=self.reporter.pk).is_active)

    def test_a_reset_stops_the_old_password_and_gives_a_link(self) -> None:
        response = self.client.post(reverse("account_reset", args=[self.reporter.pk]))
        self.assertContains(response, "/accounts/set-password/")
        self.assertFalse(User.objects.get(pk=self.reporter.pk).has_usable_password())
        entry = AuditEntry.objects.filter(model="auth.user", object_repr="reporter").latest("pk")
        self.assertEqual(entry.actor, "admin")

    def test_an_administrator_cannot_lock_themselves_out(self) -> None:
        self.client.post(reverse("account_set_active", args=[self.admin.pk]), {"active": "0"})
        self.assertTrue(User.objects.get(pk=self.admin.pk).is_active)


class PeopleCommandTests(BaseTestCase):
    def run_cli(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def test_it_imports_and_prints_each_new_accounts_link(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "tai-khoan.xlsx"
            path.write_bytes(workbook(ROWS))
            code, out, err = self.run_cli("accounts", "import", str(path))
        self.assertEqual((code, err), (0, ""))
        self.assertIn("Đã nhập: 3 tài khoản mới, 0 tài khoản sửa, 0 không đổi.", out)
        self.assertEqual(len(re.findall(r"http://127\.0\.0\.1:8000/accounts/set-password/\S+/\S+/", out)), 3)

    def test_a_bad_file_exits_2_with_located_problems_in_english_and_writes_nothing(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "tai-khoan.xlsx"
            path.write_bytes(workbook([*ROWS, ("bc-x", "", "", "reporter", "NOPE")]))
            code, _out, err = self.run_cli("--lang", "en", "accounts", "import", str(path))
        self.assertEqual(code, 2)
        self.assertIn("Tài khoản!E6 (Mã đơn vị): There is no unit with the code 'NOPE'.", err)
        self.assertFalse(User.objects.filter(username="bc-syt-2").exists())
