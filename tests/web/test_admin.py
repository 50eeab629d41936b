"""Django admin manages users and two-factor devices only: every domain record is shown, never changed
there, and only administrators get in."""

from __future__ import annotations

import re

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from govscore.web.audit.models import AuditEntry
from govscore.web.frameworks.models import FrameworkVersion

from .base import BaseTestCase

# Who may still be added, changed and deleted in Django admin: people and their log-in devices.
MANAGED = {User, Group, TOTPDevice}
# Log-in lock-outs are the security library's records (an administrator unlocks someone there), not data.
SECURITY = {AccessAttempt, AccessLog, AccessFailureLog}


class AdminTests(BaseTestCase):
    def request_by(self, user: User) -> object:
        request = RequestFactory().get("/admin/")
        request.user = user
        return request

    def test_domain_records_cannot_be_added_changed_or_deleted(self) -> None:
        request = self.request_by(self.admin)
        registered = admin.site._registry
        domain = [model for model in registered if model not in MANAGED | SECURITY]
        self.assertGreaterEqual(len(domain), 12)
        for model in domain:
            model_admin = registered[model]
            with self.subTest(model=model._meta.label):
                self.assertTrue(model_admin.has_view_permission(request))
                self.assertFalse(model_admin.has_add_permission(request))
                self.assertFalse(model_admin.has_change_permission(request))
                self.assertFalse(model_admin.has_delete_permission(request))
                for inline in model_admin.get_inline_instances(request):
                    self.assertFalse(inline.has_add_permission(request, None))
                    self.assertFalse(inline.has_change_permission(request))
                    self.assertFalse(inline.has_delete_permission(request))

    def test_users_and_devices_stay_manageable(self) -> None:
        request = self.request_by(self.admin)
        for model in MANAGED & set(admin.site._registry):
            model_admin = admin.site._registry[model]
            with self.subTest(model=model._meta.label):
                self.assertTrue(model_admin.has_add_permission(request))
                self.assertTrue(model_admin.has_change_permission(request))
                self.assertTrue(model_admin.has_delete_permission(request))
        self.assertLessEqual({User, TOTPDevice}, set(admin.site._registry))

    def test_only_administrators_get_in_whatever_their_staff_flag(self) -> None:
        self.evaluator.is_staff = True
        self.evaluator.save()
        self.assertFalse(admin.site.has_permission(self.request_by(self.evaluator)))
        self.assertTrue(admin.site.has_permission(self.request_by(self.admin)))

    def test_posting_a_framework_version_in_use_is_refused_and_changes_nothing(self) -> None:
        """Saving a version a period uses, even unchanged, was a 500 (FrameworkInUse from the save);
        read-only now, the change page has no form and a forged POST is refused."""
        version = FrameworkVersion.objects.get(pk=self.period.framework_id)
        self.assertTrue(version.in_use)
        # A server error as a response, as a browser would get it, rather than an exception in the test.
        client = Client(raise_request_exception=False)
        client.force_login(self.admin)
        url = reverse("admin:frameworks_frameworkversion_change", args=[version.pk])
        before = FrameworkVersion.objects.filter(pk=version.pk).values().get()
        trail = AuditEntry.objects.count()
        for text in (version.yaml_text, version.yaml_text.replace("Hạ tầng", "Hạ tầng kỹ thuật")):
            with self.subTest(changed=text != version.yaml_text):
                response = client.post(url, {"yaml_text": text, "_save": "Lưu lại"})
                self.assertEqual(response.status_code, 403)
                self.assertEqual(FrameworkVersion.objects.filter(pk=version.pk).values().get(), before)
                self.assertEqual(AuditEntry.objects.count(), trail)
        page = client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertFalse('name="_save"' in page.content.decode(), "the page offers to save")


class AdminNamesTests(BaseTestCase):
    """Django admin's sections by their names in the user's language, not a package's name."""

    def sections(self) -> list[str]:
        page = self.client.get(reverse("admin:index")).content.decode()
        return re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', page)

    def test_every_section_is_named_in_vietnamese(self) -> None:
        self.login(self.admin)
        sections = self.sections()
        self.assertIn("Khoá đăng nhập", sections)
        self.assertIn("Xác thực hai bước", sections)
        self.assertIn("Hàng đợi việc nền", sections)
        self.assertFalse({"Axes", "OTP_TOTP", "Otp_Totp", "Tasks Database Backend"} & set(sections), sections)

    def test_the_libraries_records_are_named_in_vietnamese_too(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("admin:index")).content.decode()
        for name in ("Các lần đăng nhập bị theo dõi", "Các lần đăng nhập sai", "Nhật ký đăng nhập", "Các việc nền"):
            with self.subTest(name):
                self.assertIn(f">{name}</a>", page)
        for english in ("Access attempts", "Access failures", "Access logs", "Task Results"):
            with self.subTest(english):
                self.assertNotIn(english, page)

    def test_english_mode_names_them_in_english(self) -> None:
        self.login(self.admin)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        sections = self.sections()
        self.assertIn("Log-in lock-outs", sections)
        self.assertIn("Scores and results", sections)
        self.assertNotIn("Đơn vị", sections)
