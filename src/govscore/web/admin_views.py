"""Django admin: users and two-factor devices are managed there; every domain record (units, groups,
periods, frameworks, profiles, data, results, the trail) is shown only, because changing one must go
through the app's actions (checks, rescoring, freeze, audit). Only administrators get in (`admin_site`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class _ViewOnly:
    """Nothing can be added, changed or deleted: rows are shown only."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ViewOnlyAdmin(_ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    pass


class ViewOnlyInline(_ViewOnly, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
