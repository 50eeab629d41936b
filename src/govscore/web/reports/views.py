from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from govscore.web import access
from govscore.web.reports import actions
from govscore.web.reports.forms import MonthlyReportForm
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import calendar, month_status


@login_required
def report_calendar(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    reports = list(access.reports_for(request.user, period).filter(unit=unit))
    context = {
        "period": period,
        "unit": unit,
        "months": calendar(period, unit, reports),
        "can_submit": access.can_submit_report(request.user, unit),
    }
    return render(request, "reports/calendar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, period_id: int, unit_id: int, month: int) -> HttpResponse:
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    if not 1 <= month <= 12:
        raise Http404
    report = access.reports_for(request.user, period).filter(unit=unit, month=month).first()
    can_submit = access.can_submit_report(request.user, unit)
    problems = actions.check_report_month(period, unit, month)
    form = MonthlyReportForm(initial=_initial(report))
    if request.method == "POST":
        access.require_report_submitter(request.user, unit)
        form = MonthlyReportForm(request.POST, request.FILES)
        if form.is_valid() and not problems:
            data = form.cleaned_data
            actions.do_submit_report(
                period,
                unit,
                month,
                content=data["content"],
                documents_sent=data["documents_sent"],
                documents_sent_electronic=data["documents_sent_electronic"],
                attachment=data["attachment"],
                by=request.user,  # type: ignore[arg-type]
            )
            messages.success(
                request, gettext("Đã nhận báo cáo tháng %(month)s/%(year)s.") % {"month": month, "year": period.year}
            )
            return redirect("report_calendar", period_id=period.pk, unit_id=unit.pk)
    context = {
        "period": period,
        "unit": unit,
        "month": month,
        "report": report,
        "status": month_status(period, unit, month, report),
        "form": form,
        "problems": problems,
        "can_submit": can_submit,
    }
    return render(request, "reports/form.html", context, status=400 if request.method == "POST" else 200)


def _initial(report: MonthlyReport | None) -> dict[str, object]:
    if report is None:
        return {}
    return {
        "content": report.content,
        "documents_sent": report.documents_sent,
        "documents_sent_electronic": report.documents_sent_electronic,
    }


@login_required
def report_attachment(request: HttpRequest, report_id: int) -> FileResponse:
    """Attachments are served only through the access rules, never from a public media URL."""
    report = MonthlyReport.objects.filter(pk=report_id, unit__in=access.units_for(request.user)).first()
    if report is None or not report.attachment:
        raise Http404
    return FileResponse(
        report.attachment.open("rb"),
        as_attachment=True,
        filename=report.attachment_name or report.attachment.name.rsplit("/", 1)[-1],
        content_type=report.attachment_type or None,
    )
