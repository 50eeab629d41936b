"""The daily reminders about monthly reports, and the evaluators' weekly digest. Each is worked out for
a given day, so a test or a late worker gets exactly what that day should have sent."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext, gettext_noop, override

from govscore.scoring.rules.reporting import due_date
from govscore.web.accounts.models import Role
from govscore.web.notifications.delivery import notify
from govscore.web.notifications.models import Kind
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport

# A reminder this many days before the due day, and one the day after it for units that still have not
# reported (the first day their report counts as late).
DAYS_BEFORE_DUE = 3
DIGEST_WEEKDAY = 0  # Monday
OVERDUE = gettext_noop(
    "Đã quá hạn %(due)s mà %(unit)s chưa gửi báo cáo tháng %(month)s; báo cáo gửi từ nay được tính là trễ hạn."
)


def _collecting() -> Iterator[EvaluationPeriod]:
    for period in EvaluationPeriod.objects.filter(status=EvaluationPeriod.Status.OPEN).select_related("framework"):
        if not period.is_historical:
            yield period


def _unreported(period: EvaluationPeriod, month: int) -> list[Unit]:
    reported = set(MonthlyReport.objects.filter(period=period, month=month).values_list("unit_id", flat=True))
    return [
        unit
        for unit in Unit.objects.order_by("code")
        if unit.pk not in reported and month in unit.active_months(period.year)
    ]


def _unit_users(unit: Unit) -> list[AbstractBaseUser]:
    return list(get_user_model().objects.filter(profile__unit=unit, is_active=True).order_by("pk"))


def send_report_reminders(day: datetime.date) -> int:
    """Remind the units whose report on a month is due in DAYS_BEFORE_DUE days, or was due yesterday,
    and has not arrived. Returns how many notifications were made."""
    made = 0
    for period in _collecting():
        for month in period.reporting_months():
            due = due_date(period.year, month, period.report_due_day)
            if day == due - datetime.timedelta(days=DAYS_BEFORE_DUE):
                kind = Kind.REPORT_DUE
            elif day == due + datetime.timedelta(days=1):
                kind = Kind.REPORT_MISSING
            else:
                continue
            for unit in _unreported(period, month):
                for user in _unit_users(unit):
                    _remind(user, kind, period, unit, month, due, day)
                    made += 1
    return made


def _remind(
    user: AbstractBaseUser,
    kind: Kind,
    period: EvaluationPeriod,
    unit: Unit,
    month: int,
    due: datetime.date,
    day: datetime.date,
) -> None:
    with override("vi"):
        values = {"month": f"{month:02}/{period.year}", "unit": unit.name, "due": formats.date_format(due, "d/m/Y")}
        if kind == Kind.REPORT_DUE:
            subject = gettext("Sắp đến hạn báo cáo tháng %(month)s — %(unit)s") % values
            body = gettext("Báo cáo tháng %(month)s của %(unit)s phải gửi chậm nhất ngày %(due)s.") % values
        else:
            subject = gettext("Chưa gửi báo cáo tháng %(month)s — %(unit)s") % values
            body = gettext(OVERDUE) % values
    notify(user, kind, subject, body, reverse("report_form", args=[period.pk, unit.pk, month]), day)


def send_weekly_digest(day: datetime.date) -> int:
    """On Mondays, each evaluator gets what the last seven days brought and who is late."""
    if day.weekday() != DIGEST_WEEKDAY:
        return 0
    evaluators = list(get_user_model().objects.filter(groups__name=Role.EVALUATOR.value, is_active=True).order_by("pk"))
    made = 0
    for period in _collecting():
        with override("vi"):
            subject, body = _digest_text(period, day)
        for user in evaluators:
            notify(user, Kind.DIGEST, subject, body, reverse("period_overview", args=[period.pk]), day)
            made += 1
    return made


def _digest_text(period: EvaluationPeriod, day: datetime.date) -> tuple[str, str]:
    week_ago = day - datetime.timedelta(days=7)
    received = MonthlyReport.objects.filter(period=period, received_at__date__gte=week_ago, received_at__date__lt=day)
    lines = [gettext("Bảy ngày qua: nhận %(count)s báo cáo tháng.") % {"count": received.count()}]
    overdue = [m for m in period.reporting_months() if due_date(period.year, m, period.report_due_day) < day]
    if overdue:
        month = overdue[-1]
        late = _unreported(period, month)
        values = {"month": f"{month:02}/{period.year}", "count": len(late)}
        lines.append(gettext("Chưa gửi báo cáo tháng %(month)s: %(count)s đơn vị.") % values)
        lines += [f"- {unit.name}" for unit in late]
    subject = gettext("Tổng hợp tuần — %(period)s") % {"period": period}
    return subject, "\n".join(lines)
