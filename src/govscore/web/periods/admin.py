from django.contrib import admin

from govscore.web.periods.models import EvaluationPeriod


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "framework", "report_due_day", "data_from", "data_to", "status"]
    list_filter = ["status"]
