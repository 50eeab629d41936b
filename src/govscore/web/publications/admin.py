from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin
from govscore.web.publications.models import Publication


@admin.register(Publication)
class PublicationAdmin(ViewOnlyAdmin):
    """Editions are written once by the publish action; the admin only lists them."""

    list_display = ["period", "edition", "published_at", "letter_number", "content_hash"]
    list_filter = ["period"]
    exclude = ["snapshot_json"]
