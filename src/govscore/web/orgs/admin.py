from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin, ViewOnlyInline
from govscore.web.orgs.models import Organisation, Reorganisation, StaffCount, Succession, Unit, UnitGroup


class StaffCountInline(ViewOnlyInline):
    model = StaffCount


@admin.register(Organisation)
class OrganisationAdmin(ViewOnlyAdmin):
    list_display = ["name", "short_name", "province"]


@admin.register(UnitGroup)
class UnitGroupAdmin(ViewOnlyAdmin):
    list_display = ["code", "name", "order"]


@admin.register(Unit)
class UnitAdmin(ViewOnlyAdmin):
    list_display = ["code", "name", "short_name", "group", "effective_from", "effective_to"]
    list_filter = ["group"]
    search_fields = ["code", "name", "short_name"]
    inlines = [StaffCountInline]


class SuccessionInline(ViewOnlyInline):
    model = Succession


@admin.register(Reorganisation)
class ReorganisationAdmin(ViewOnlyAdmin):
    list_display = ["kind", "effective", "decision_number", "decision_date"]
    list_filter = ["kind"]
    inlines = [SuccessionInline]
