from django.contrib import admin

from govscore.web.admin_views import ViewOnlyAdmin
from govscore.web.assessment.models import (
    AcceptedFinding,
    Appraisal,
    CouncilDecision,
    CriterionAssessment,
    ExplanationMessage,
    SelfAssessment,
    Stage,
)


@admin.register(Stage)
class StageAdmin(ViewOnlyAdmin):
    list_display = ["period", "kind", "opens_at", "closes_at", "changed_by"]
    list_filter = ["period"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "status", "submitted_by", "submitted_at"]
    list_filter = ["period", "status"]


@admin.register(CriterionAssessment)
class CriterionAssessmentAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "criterion_code", "proposed_points", "entered_by", "entered_at"]
    list_filter = ["period"]


@admin.register(Appraisal)
class AppraisalAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "criterion_code", "decision", "points", "decided_by", "decided_at"]
    list_filter = ["period", "decision"]


@admin.register(ExplanationMessage)
class ExplanationMessageAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "criterion_code", "side", "written_by", "written_at"]
    list_filter = ["period", "side"]


@admin.register(CouncilDecision)
class CouncilDecisionAdmin(ViewOnlyAdmin):
    list_display = ["unit", "period", "criterion_code", "points", "minutes_number", "minutes_date"]
    list_filter = ["period"]


@admin.register(AcceptedFinding)
class AcceptedFindingAdmin(ViewOnlyAdmin):
    list_display = ["period", "text", "reason", "accepted_by", "accepted_at"]
    list_filter = ["period"]
