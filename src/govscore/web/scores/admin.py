from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govscore.web.scores.models import ManualScore, Result


@admin.register(ManualScore)
class ManualScoreAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "criterion_code", "points", "reason", "entered_by", "entered_at"]
    list_filter = ["period"]
    readonly_fields = ["entered_by", "entered_at"]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    """The cache is written only by `scores.actions.recompute`: read-only here."""

    list_display = ["unit", "period", "group_code", "total", "grade", "rank", "computed_at"]
    list_filter = ["period", "grade"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
