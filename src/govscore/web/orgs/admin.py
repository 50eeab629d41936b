from django.contrib import admin

from govscore.web.orgs.models import Organisation, StaffCount, Unit, UnitGroup


class StaffCountInline(admin.TabularInline):
    model = StaffCount
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "province"]


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "group", "effective_from", "effective_to"]
    list_filter = ["group"]
    search_fields = ["code", "name", "short_name"]
    inlines = [StaffCountInline]
