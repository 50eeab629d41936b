from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin
from govscore.web.scores.models import ManualScore, RankingExclusion, Result


@admin.register(ManualScore)
class ManualScoreAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "criterion_code", "points", "reason", "entered_by", "entered_at"]
    list_filter = ["period"]


@admin.register(RankingExclusion)
class RankingExclusionAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "reason", "set_by", "set_at"]
    list_filter = ["period"]


@admin.register(Result)
class ResultAdmin(ViewOnlyAdmin):
    """The results are written only by `scores.rescoring`, in the transaction of each change."""

    list_display = ["unit", "period", "group_code", "total", "percent", "grade", "rank", "computed_at"]
    list_filter = ["period", "grade"]
