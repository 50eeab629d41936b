from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govscore.web.periods.models import EvaluationPeriod


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["year", "title", "framework", "report_due_day", "data_from", "data_to", "status"]
    list_filter = ["status"]
    # Status moves only through the app's actions (close, publish, amend), which freeze and record.
    readonly_fields = ["status"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not obj.is_open:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.status != EvaluationPeriod.Status.OPEN:
            return False
        return super().has_delete_permission(request, obj)
