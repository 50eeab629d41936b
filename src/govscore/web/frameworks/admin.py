from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin
from govscore.web.frameworks.models import FrameworkVersion


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ViewOnlyAdmin):
    """Versions are stored by `frameworks.actions` (checked by the core) and never change once used."""

    list_display = ["code", "version", "title", "decision_number", "created_at"]
