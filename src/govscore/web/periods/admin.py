from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin
from govscore.web.periods.models import EvaluationPeriod


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(ViewOnlyAdmin):
    list_display = ["year", "title", "framework", "report_due_day", "data_from", "data_to", "status"]
    list_filter = ["status"]
