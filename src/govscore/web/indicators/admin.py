from django.contrib import admin

from govscore.web.indicators.models import EvidenceFile, IndicatorValue


class EvidenceInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "code", "source", "entered_by", "entered_at"]
    list_filter = ["period", "code", "source"]
    search_fields = ["unit__name", "unit__code"]
    readonly_fields = ["entered_by", "entered_at"]
    inlines = [EvidenceInline]
