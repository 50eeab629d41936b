from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin, ViewOnlyInline
from govscore.web.indicators.models import EvidenceFile, IndicatorValue


class EvidenceInline(ViewOnlyInline):
    model = EvidenceFile
    exclude = ["file"]  # served only through the view that checks the reader's rights


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "code", "source", "entered_by", "entered_at"]
    list_filter = ["period", "code", "source"]
    search_fields = ["unit__name", "unit__code"]
    inlines = [EvidenceInline]
