"""Notifications of the assessment dialogue: a criterion returned to its unit, a message in an explanation
thread, a stage opening or closing. Each is made inside the action's transaction, so a refused action
tells no one anything; the e-mails go out once it has committed."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from govscore.web.accounts.models import Role
from govscore.web.assessment.stages import moment_text
from govscore.web.notifications.delivery import notify
from govscore.web.notifications.models import Kind
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod

# Who is told when a stage opens or closes: those who act in it.
STAGE_ROLES = {
    "self_assessment": (Role.REPORTER, Role.UNIT_HEAD),
    "appraisal": (Role.EVALUATOR,),
    "explanation": (Role.REPORTER, Role.UNIT_HEAD, Role.EVALUATOR),
    "council": (Role.EVALUATOR, Role.ADMINISTRATOR),
    "publication": (Role.ADMINISTRATOR,),
}


def _users(roles: tuple[Role, ...], unit: Unit | None = None) -> list[AbstractBaseUser]:
    users = get_user_model().objects.filter(groups__name__in=[role.value for role in roles], is_active=True)
    if unit is not None:
        users = users.filter(profile__unit=unit)
    return list(users.distinct().order_by("pk"))


def criterion_returned(period: EvaluationPeriod, unit: Unit, title: str, question: str) -> None:
    with override("vi"):
        subject = gettext("Tiêu chí bị trả lại: %(title)s — %(unit)s") % {"title": title, "unit": unit.name}
        body = gettext("Cán bộ thẩm định trả lại tiêu chí “%(title)s” để đơn vị bổ sung: %(question)s") % {
            "title": title,
            "question": question,
        }
    path = reverse("self_assessment", args=[period.pk, unit.pk])
    for user in _users((Role.REPORTER, Role.UNIT_HEAD), unit):
        notify(user, Kind.THREAD, subject, body, path)


def thread_message(period: EvaluationPeriod, unit: Unit, title: str, text: str, from_unit: bool) -> None:
    """The unit's answer goes to the evaluators; the evaluator's response to the unit."""
    with override("vi"):
        values = {"title": title, "unit": unit.name, "text": text}
        if from_unit:
            subject = gettext("%(unit)s giải trình tiêu chí “%(title)s”") % values
            body = gettext("%(unit)s viết: %(text)s") % values
        else:
            subject = gettext("Trả lời giải trình tiêu chí “%(title)s” — %(unit)s") % values
            body = gettext("Cán bộ thẩm định trả lời: %(text)s") % values
    path = reverse("explanation", args=[period.pk, unit.pk])
    recipients = _users((Role.EVALUATOR,)) if from_unit else _users((Role.REPORTER, Role.UNIT_HEAD), unit)
    for user in recipients:
        notify(user, Kind.THREAD, subject, body, path)


def stage_moved(period: EvaluationPeriod, kind: str, label: str, opening: bool, moment: datetime.datetime) -> None:
    """A stage opened or closed (on its date, or early by an administrator)."""
    with override("vi"):
        values = {
            "stage": label,
            "period": str(period),
            "when": moment_text(moment),
        }
        if opening:
            subject = gettext("Mở giai đoạn “%(stage)s” — %(period)s") % values
            body = gettext("Giai đoạn “%(stage)s” của kỳ %(period)s mở từ %(when)s.") % values
        else:
            subject = gettext("Đóng giai đoạn “%(stage)s” — %(period)s") % values
            body = gettext("Giai đoạn “%(stage)s” của kỳ %(period)s đóng lúc %(when)s.") % values
    path = reverse("assessment_overview", args=[period.pk])
    for user in _users(STAGE_ROLES.get(kind, ())):
        notify(user, Kind.STAGE, subject, body, _path_for(user, period, path), timezone.localdate(moment))


def _path_for(user: AbstractBaseUser, period: EvaluationPeriod, staff_path: str) -> str:
    """A unit's people open their own self-assessment; staff the period's overview."""
    unit_id = getattr(getattr(user, "profile", None), "unit_id", None)
    return reverse("self_assessment", args=[period.pk, unit_id]) if unit_id else staff_path


def send_stage_notices(day: datetime.date) -> int:
    """Stages that open or close on `day` (Vietnam time), as the daily job finds them."""
    from govscore.web.assessment.models import Stage

    made = 0
    for stage in Stage.objects.select_related("period").order_by("opens_at"):
        for opening, moment in ((True, stage.opens_at), (False, stage.closes_at)):
            if timezone.localdate(moment) == day:
                stage_moved(stage.period, stage.kind, stage.get_kind_display(), opening, moment)
                made += 1
    return made
