from django.contrib import admin

from govscore.web.accounts.models import Profile
from govscore.web.admin_views import ViewOnlyAdmin


@admin.register(Profile)
class ProfileAdmin(ViewOnlyAdmin):
    list_display = ["user", "unit"]
    search_fields = ["user__username", "unit__name"]
