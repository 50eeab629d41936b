"""Background jobs, stored in the database and run by `govscore worker` (django-tasks with its database
backend: no broker to install). The daily job schedules the next one when it runs, so one worker
started once keeps the reminders going; a day already done is never done twice."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from govscore.web.notifications.delivery import deliver
from govscore.web.notifications.events import send_stage_notices
from govscore.web.notifications.models import Email, ScheduledRun
from govscore.web.notifications.reminders import send_report_reminders, send_weekly_digest

# Reminders go out at this hour, Vietnam time: at the start of a working day.
DAILY_HOUR = 7


@task()
def send_email(email_id: int) -> None:
    email = Email.objects.select_related("notification", "user").filter(pk=email_id).first()
    if email is not None:  # the user may have been deleted since
        deliver(email)


@task()
def daily(day: str) -> dict[str, int]:
    """The day's reminders and, on Mondays, the digest; then the next day's run is queued."""
    today = datetime.date.fromisoformat(day)
    made = {"reminders": 0, "digest": 0, "stages": 0}
    if _claim("reminders", today):
        made["reminders"] = send_report_reminders(today)
    if _claim("stages", today):
        made["stages"] = send_stage_notices(today)
    if _claim("digest", today):
        made["digest"] = send_weekly_digest(today)
    schedule_daily(today + datetime.timedelta(days=1))
    return made


def _claim(job: str, day: datetime.date) -> bool:
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job, day=day)
    except IntegrityError:
        return False
    return True


def run_time(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(DAILY_HOUR), tzinfo=ZoneInfo(settings.TIME_ZONE))


def schedule_daily(day: datetime.date | None = None) -> None:
    """Queue the daily job for `day` (default: today, or now if today's hour has passed) unless a daily
    job is already waiting."""
    if DBTaskResult.objects.filter(task_path=daily.module_path, status="READY").exists():
        return
    day = day or timezone.localdate()
    daily.using(run_after=max(run_time(day), timezone.now())).enqueue(day.isoformat())
