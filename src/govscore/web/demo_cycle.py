"""The demo's live year in its self-assessment stage, with each part of the dialogue under way, so that
every demo log-in sees its part of the cycle on its first page: some units have submitted their
self-assessment, one had a criterion returned with a question, one is in an explanation thread.

The dialogue's actions refuse anything outside its stage, so the story is played through the real actions
with the schedule moved along (self-assessment, appraisal, explanation), then the schedule is set as the
demo shows it: self-assessment open today, the later stages in the weeks after.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from govscore.web.assessment import actions
from govscore.web.assessment.models import ExplanationMessage, Stage
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod

DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)
REGULATIONS, EMAIL = "2", "1.1"
Kind = Stage.Kind


def _schedule(*bounds: datetime.datetime) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    """Consecutive stages from consecutive bounds (six bounds for the five stages)."""
    return {kind: (bounds[index], bounds[index + 1]) for index, kind in enumerate(Kind.values)}


def setup_cycle(period: EvaluationPeriod, units: list[Unit], users: dict[str, User]) -> None:
    """Play the dialogue on the first units; nothing when the period already has a schedule."""
    if Stage.objects.filter(period=period).exists() or len(units) < 6:
        return
    now = timezone.now()
    admin, evaluator = users["admin"], users["evaluator"]

    def head(unit: Unit) -> User:
        return users[f"ld-{unit.code.lower()}"]

    def reporter(unit: Unit) -> User:
        return users[f"bc-{unit.code.lower()}"]

    returned, explained, *submitted = units[:6]
    actions.do_set_schedule(period, _schedule(now - 30 * DAY, now + DAY, *(now + n * DAY for n in (2, 3, 4, 5))), admin)
    for unit in (returned, explained, *submitted):
        note = f"{unit.name} đã ban hành các quy định nội bộ về ứng dụng CNTT; xem minh chứng kèm theo."
        actions.do_save_criterion(period, unit, REGULATIONS, None, note, reporter(unit))
        actions.do_submit(period, unit, head(unit))
    actions.do_set_schedule(
        period, _schedule(now - 30 * DAY, now - 2 * MINUTE, now + DAY, *(now + n * DAY for n in (2, 3, 4))), admin
    )
    question = "Đề nghị gửi kèm các quyết định ban hành quy định nội bộ (số, ngày ký)."
    actions.do_appraise(period, returned, REGULATIONS, "return", None, question, evaluator)
    reason = "Danh sách cấp hộp thư mới có 60% công chức của đơn vị."
    actions.do_appraise(period, explained, EMAIL, "adjust", Decimal(6), reason, evaluator)
    actions.do_set_schedule(
        period,
        _schedule(now - 30 * DAY, now - 4 * MINUTE, now - 2 * MINUTE, now + DAY, now + 2 * DAY, now + 3 * DAY),
        admin,
    )
    answer = "Đơn vị đã cấp hộp thư cho toàn bộ công chức mới tuyển trong tháng 6; danh sách gửi kèm."
    actions.do_explain(period, explained, EMAIL, answer, ExplanationMessage.Side.UNIT, reporter(explained))
    response = "Đã nhận danh sách; sẽ trình hội đồng xem xét."
    actions.do_explain(period, explained, EMAIL, response, ExplanationMessage.Side.EVALUATOR, evaluator)
    # As the demo shows it: self-assessment open today, the other stages in the weeks after.
    days = (-10, 14, 28, 35, 42, 60)
    actions.do_set_schedule(period, _schedule(*(now + n * DAY for n in days)), admin)
