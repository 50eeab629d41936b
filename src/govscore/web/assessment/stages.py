"""A period's stages: which is open at a moment, and the refusal that names the stage and its dates.

Every action of the dialogue asks `require_open` inside its transaction, with the server's clock: what a
role may do follows the stage, and an action one second after a stage closes is refused with the time
it closed.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext

from govscore.web.actions import Refused
from govscore.web.assessment.models import Stage
from govscore.web.periods.models import EvaluationPeriod

Kind = Stage.Kind
ORDER: tuple[str, ...] = tuple(Kind.values)


def moment_text(moment: datetime.datetime) -> str:
    """A time as people read it: "17:00 ngày 15/03/2013", in the server's time zone."""
    local = timezone.localtime(moment)
    return gettext("%(time)s ngày %(date)s") % {"time": f"{local:%H:%M}", "date": f"{local:%d/%m/%Y}"}


def stages_of(period: EvaluationPeriod) -> list[Stage]:
    """The period's stages in the order of the cycle."""
    stages = {stage.kind: stage for stage in Stage.objects.filter(period=period)}
    return [stages[kind] for kind in ORDER if kind in stages]


def current_stage(period: EvaluationPeriod, now: datetime.datetime | None = None) -> Stage | None:
    moment = now or timezone.now()
    return next((stage for stage in stages_of(period) if stage.is_open_at(moment)), None)


def require_open(period: EvaluationPeriod, kind: str, now: datetime.datetime | None = None) -> Stage:
    """The stage of `kind`, open now; Refused naming the stage and when it opens or closed otherwise."""
    moment = now or timezone.now()
    stage = Stage.objects.filter(period=period, kind=kind).first()
    label = Kind(kind).label
    if stage is None:
        raise Refused(
            gettext("Kỳ đánh giá “%(period)s” chưa có lịch cho giai đoạn “%(stage)s”; quản trị viên cần đặt lịch.")
            % {"period": period, "stage": label}
        )
    if moment < stage.opens_at:
        raise Refused(
            gettext("Giai đoạn “%(stage)s” chưa mở: mở lúc %(when)s.")
            % {"stage": label, "when": moment_text(stage.opens_at)}
        )
    if moment >= stage.closes_at:
        raise Refused(
            gettext("Giai đoạn “%(stage)s” đã kết thúc lúc %(when)s.")
            % {"stage": label, "when": moment_text(stage.closes_at)}
        )
    return stage


def schedule_problems(schedule: dict[str, tuple[datetime.datetime, datetime.datetime]]) -> list[str]:
    """Problems with a whole schedule: every stage given, each closing after it opens, in the cycle's
    order without overlapping."""
    problems = []
    previous: tuple[str, datetime.datetime] | None = None
    for kind in ORDER:
        label = Kind(kind).label
        if kind not in schedule:
            problems.append(gettext("Thiếu thời gian của giai đoạn “%(stage)s”.") % {"stage": label})
            continue
        opens, closes = schedule[kind]
        if closes <= opens:
            problems.append(gettext("Giai đoạn “%(stage)s” phải đóng sau khi mở.") % {"stage": label})
        if previous is not None and opens < previous[1]:
            problems.append(
                gettext("Giai đoạn “%(stage)s” không được mở trước khi giai đoạn “%(before)s” đóng.")
                % {"stage": label, "before": Kind(previous[0]).label}
            )
        previous = (kind, closes)
    return problems
