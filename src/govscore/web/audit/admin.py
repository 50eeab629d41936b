from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin
from govscore.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ViewOnlyAdmin):
    """Read only: the trail is written by the application alone and never changed (see models)."""

    list_display = ["at", "action", "actor", "ip", "model", "object_repr", "unit_id", "period_id"]
    list_filter = ["action", "origin", "model"]
    search_fields = ["actor", "object_repr", "object_id", "reason", "path"]
    date_hierarchy = "at"
