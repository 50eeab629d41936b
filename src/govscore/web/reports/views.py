from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.audit.versions import Notice, VersionConflict, notices
from govscore.web.reports import actions
from govscore.web.reports.forms import MonthlyReportForm
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import calendar, month_status
from govscore.web.uploads import stored_file_response


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
    problems = actions.report_month_problems(period, unit, month)
    form = MonthlyReportForm(initial=_initial(report))
    conflicts: list[Notice] = []
    status = 200
    if request.method == "POST":
        access.require_report_submitter(request.user, unit)
        form = MonthlyReportForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.do_submit_report(
                    period,
                    unit,
                    month,
                    content=data["content"],
                    documents_sent=data["documents_sent"],
                    documents_sent_electronic=data["documents_sent_electronic"],
                    attachment=data["attachment"],
                    by=request.user,  # type: ignore[arg-type]
                    expected_version=data["version"],
                )
            except Refused as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            except VersionConflict as conflict:
                report, form, conflicts = _after_conflict(request, conflict, month, period.year)
                status = 409
            else:
                messages.success(
                    request,
                    gettext("Đã nhận báo cáo tháng %(month)s/%(year)s.") % {"month": month, "year": period.year},
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
        "conflicts": conflicts,
    }
    return render(request, "reports/form.html", context, status=status)


def _after_conflict(
    request: HttpRequest, conflict: VersionConflict, month: int, year: int
) -> tuple[MonthlyReport | None, MonthlyReportForm, list[Notice]]:
    """The stored report, the user's input again (at the stored version, to save over it), the notice."""
    current = conflict.conflicts[0].current
    data = request.POST.copy()
    data["version"] = str(conflict.conflicts[0].version)
    form = MonthlyReportForm(data)
    form.is_valid()
    if request.FILES:
        # A browser cannot be handed a file back: say so rather than lose the attachment silently.
        form.add_error("attachment", gettext("Hãy chọn lại tệp đính kèm trước khi gửi lại."))
    label = gettext("Báo cáo tháng %(month)s/%(year)s") % {"month": month, "year": year}
    shown = notices(conflict.conflicts, lambda _conflict: label, _summary)
    return current if isinstance(current, MonthlyReport) else None, form, shown


def _summary(report: MonthlyReport) -> str:
    text = Truncator(report.content).chars(200)
    if report.documents_sent is not None:
        counts = {"sent": report.documents_sent, "electronic": report.documents_sent_electronic or 0}
        text += " " + gettext("(%(sent)s văn bản đi, %(electronic)s gửi điện tử)") % counts
    return text


def _initial(report: MonthlyReport | None) -> dict[str, object]:
    if report is None:
        return {"version": 0}
    return {
        "content": report.content,
        "documents_sent": report.documents_sent,
        "documents_sent_electronic": report.documents_sent_electronic,
        "version": report.version,
    }


@login_required
def report_attachment(request: HttpRequest, report_id: int) -> FileResponse:
    """Attachments are served only through the access rules, never from a public media URL."""
    report = access.get_report_for(request.user, report_id)
    if not report.attachment:
        raise Http404
    return stored_file_response(report.attachment, report.attachment_name, report.attachment_type)
