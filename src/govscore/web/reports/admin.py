from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin
from govscore.web.reports.models import MonthlyReport


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "month", "received_at", "submitted_by"]
    list_filter = ["period", "month"]
    search_fields = ["unit__name", "unit__code"]
    exclude = ["attachment"]  # served only through the view that checks the reader's rights
