from django.contrib import admin

from govscore.web.reports.models import MonthlyReport


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "month", "received_at", "submitted_by"]
    list_filter = ["period", "month"]
    search_fields = ["unit__name", "unit__code"]
    readonly_fields = ["received_at", "submitted_by", "updated_at"]
