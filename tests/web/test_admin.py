"""Django admin manages users and two-factor devices only: every domain record is shown, never changed
there, and only administrators get in."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

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
