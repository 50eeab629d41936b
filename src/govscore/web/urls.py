from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from govscore.web.accounts import views as accounts
from govscore.web.assessment import dialogue_views as dialogue
from govscore.web.assessment import views as assessment
from govscore.web.audit import views as audit
from govscore.web.imports import views as imports
from govscore.web.imports.history import views as history
from govscore.web.indicators import views as indicators
from govscore.web.limits import IdConverter
from govscore.web.notifications import views as notifications
from govscore.web.orgs import views as orgs
from govscore.web.periods import views as periods
from govscore.web.publications import views as publications
from govscore.web.reports import views as reports
from govscore.web.scores import dashboard_views as dashboard
from govscore.web.scores import views as scores
from govscore.web.scores import whatif_views as whatif
from govscore.web.ui import views as ui

# Ids and numbers in paths: a number larger than any id is no page (404), never a database error.
register_converter(IdConverter, "id")

unit_urls = [
    path("", scores.unit_detail, name="unit_detail"),
    path("reports/", reports.report_calendar, name="report_calendar"),
    path("reports/<id:month>/", reports.report_form, name="report_form"),
    path("indicators/", indicators.indicator_form, name="indicator_form"),
    path("indicators/evidence/", indicators.evidence_upload, name="evidence_upload"),
    path("scores/", scores.manual_scores, name="manual_scores"),
    path("scores/<id:score_id>/delete/", scores.manual_score_delete, name="manual_score_delete"),
    path("ranking-exclusion/", scores.ranking_exclusion, name="ranking_exclusion"),
    path("self-assessment/", assessment.self_assessment, name="self_assessment"),
    path("self-assessment/submit/", assessment.self_assessment_submit, name="self_assessment_submit"),
    path("appraisal/", assessment.appraisal, name="appraisal"),
    path("appraisal/evidence/", assessment.evidence_verdict, name="evidence_verdict"),
    path("explanation/", dialogue.explanation, name="explanation"),
]

urlpatterns = [
    path("", ui.home, name="home"),
    path("healthz/", ui.healthz, name="healthz"),
    path("setup/", ui.setup_checklist, name="setup_checklist"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # A set-password link (new account, reset password): the link itself is the authorisation.
    path("accounts/set-password/<uidb64>/<token>/", accounts.SetPasswordView.as_view(), name="password_set"),
    path("accounts/set-password/done/", accounts.SetPasswordDoneView.as_view(), name="password_set_done"),
    # People and their roles: the administrator alone.
    path("people/", accounts.account_list, name="account_list"),
    path("people/import/", accounts.people_import, name="people_import"),
    path("people/import/template.xlsx", accounts.people_template, name="people_template"),
    path("people/import/preview/", accounts.people_preview, name="people_preview"),
    path("people/import/confirm/", accounts.people_confirm, name="people_confirm"),
    path("people/<id:user_id>/active/", accounts.account_set_active, name="account_set_active"),
    path("people/<id:user_id>/reset/", accounts.account_reset, name="account_reset"),
    path("periods/", periods.period_list, name="period_list"),
    path("periods/new/", periods.period_open, name="period_open"),
    path("periods/<id:period_id>/", periods.period_overview, name="period_overview"),
    path("periods/<id:period_id>/ranking/", scores.ranking, name="ranking"),
    path("periods/<id:period_id>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("periods/<id:period_id>/whatif/", whatif.whatif_page, name="whatif"),
    path("periods/<id:period_id>/import/", imports.import_page, name="imports_page"),
    path("periods/<id:period_id>/import/template.xlsx", imports.template_download, name="imports_template"),
    path("periods/<id:period_id>/import/preview/", imports.preview, name="imports_preview"),
    path("periods/<id:period_id>/import/confirm/", imports.confirm, name="imports_confirm"),
    path("periods/<id:period_id>/units/<id:unit_id>/", include(unit_urls)),
    # The assessment dialogue: stages with dates, and where each unit's self-assessment stands.
    path("periods/<id:period_id>/assessment/", assessment.assessment_overview, name="assessment_overview"),
    path("periods/<id:period_id>/stages/", assessment.stage_schedule, name="stage_schedule"),
    path("periods/<id:period_id>/council/", dialogue.council, name="council"),
    path("periods/<id:period_id>/stages/now/", assessment.stage_now, name="stage_now"),
    path("periods/<id:period_id>/publication/findings/", assessment.finding_accept, name="finding_accept"),
    # Criteria frameworks: read by staff; uploaded, copied and replaced by the administrator.
    path("frameworks/", include("govscore.web.frameworks.urls")),
    # Results of the years before govscore: read-only periods imported from their published tables.
    path("history/", history.history_list, name="history_list"),
    path("history/import/", history.history_import, name="history_import"),
    path("history/import/<id:framework_id>/template.xlsx", history.history_template, name="history_template"),
    path("history/import/preview/", history.history_preview, name="history_preview"),
    path("history/import/confirm/", history.history_confirm, name="history_confirm"),
    path("history/<id:historical_period_id>/", history.history_period, name="history_period"),
    path("history/<id:historical_period_id>/table.xlsx", history.history_export, name="history_export"),
    path("units/<id:unit_id>/trend/", history.unit_trend, name="unit_trend"),
    path("trends/", history.province_trends, name="province_trends"),
    # The unit register: read by staff; its workbook and reorganisations are the administrator's.
    path("units/", orgs.units_register, name="units_register"),
    path("units/import/", orgs.units_import, name="units_import"),
    path("units/import/template.xlsx", orgs.units_template, name="units_template"),
    path("units/import/preview/", orgs.units_preview, name="units_preview"),
    path("units/import/confirm/", orgs.units_confirm, name="units_confirm"),
    path("units/reorganise/", orgs.units_reorganise, name="units_reorganise"),
    path("files/reports/<id:report_id>/", reports.report_attachment, name="report_attachment"),
    path("files/evidence/<id:evidence_id>/", indicators.evidence_download, name="evidence_download"),
    path("periods/<id:period_id>/publication/", publications.publication_manage, name="publication_manage"),
    path("periods/<id:period_id>/publication/draft/", publications.publication_draft, name="publication_draft"),
    path("periods/<id:period_id>/publication/close/", publications.publication_close, name="publication_close"),
    path("periods/<id:period_id>/publication/reopen/", publications.publication_reopen, name="publication_reopen"),
    path("periods/<id:period_id>/publication/publish/", publications.publication_publish, name="publication_publish"),
    path(
        "periods/<id:period_id>/publication/preview/<str:kind>/",
        publications.publication_preview,
        name="publication_preview",
    ),
    path(
        "periods/<id:period_id>/publication/letter/<str:kind>/",
        publications.publication_letter,
        name="publication_letter",
    ),
    path("periods/<id:period_id>/publication/amend/", publications.publication_amend, name="publication_amend"),
    # Public: no log-in. Only published editions are reachable here.
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
    path("notifications/email/", notifications.notification_preferences, name="notification_preferences"),
    path(
        "explanations/<id:message_id>/attachment/",
        dialogue.explanation_attachment,
        name="explanation_attachment",
    ),
    path("public/", publications.public_index, name="public_index"),
    path("public/periods/<id:period_id>/", publications.public_period, name="public_period"),
    path("public/editions/<id:publication_id>/<str:kind>/", publications.public_file, name="public_file"),
    path("public/verify/<str:digest>/", publications.public_verify, name="public_verify"),
    # The audit trail: administrators only.
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit/export.csv", audit.audit_export, name="audit_export"),
]
