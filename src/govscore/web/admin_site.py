"""Django admin's site: only administrators get in, as `access` defines them for every page."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_tasks_db.apps import TasksAppConfig


class GovscoreAdminSite(admin.AdminSite):
    site_header = _("Quản trị govscore")
    site_title = _("Quản trị govscore")
    index_title = _("Người dùng và dữ liệu")

    def has_permission(self, request: HttpRequest) -> bool:
        from govscore.web import access  # models are not loaded when the site is made

        return bool(request.user.is_active) and access.is_administrator(request.user)


class GovscoreAdminConfig(AdminConfig):
    default_site = "govscore.web.admin_site.GovscoreAdminSite"


# Django admin lists its sections by their apps' names: these packages' own are their package names
# ("AXES") or English only.
class GovscoreAxesConfig(AxesAppConfig):
    verbose_name = _("Khoá đăng nhập")


class GovscoreTOTPConfig(TOTPAppConfig):
    verbose_name = _("Xác thực hai bước")


class GovscoreTasksConfig(TasksAppConfig):
    verbose_name = _("Hàng đợi việc nền")
