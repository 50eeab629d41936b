"""A period whose framework lets units self-assess the regulations criterion, with a stage schedule.

Stages (Asia/Ho_Chi_Minh): self-assessment 05/01/2014 08:00 – 20/01 17:00, appraisal – 05/02 17:00,
explanation – 15/02 17:00, council – 25/02 17:00, publication – 31/03 17:00.
"""

from __future__ import annotations

import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

import time_machine

from govscore.web.assessment.actions import do_set_schedule
from govscore.web.assessment.models import Stage
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod

from .base import BaseTestCase, framework_text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
REGULATIONS = "2"


def at(month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(2014, month, day, hour, minute, second, tzinfo=HCM)


SCHEDULE = {
    Stage.Kind.SELF_ASSESSMENT: (at(1, 5, 8), at(1, 20, 17)),
    Stage.Kind.APPRAISAL: (at(1, 20, 17), at(2, 5, 17)),
    Stage.Kind.EXPLANATION: (at(2, 5, 17), at(2, 15, 17)),
    Stage.Kind.COUNCIL: (at(2, 15, 17), at(2, 25, 17)),
    Stage.Kind.PUBLICATION: (at(2, 25, 17), at(3, 31, 17)),
}
DURING_SELF_ASSESSMENT = at(1, 10, 9)
DURING_APPRAISAL = at(1, 25, 9)


def self_assessed_framework() -> str:
    text = framework_text().replace('version: "2012"', 'version: "2013-tu-danh-gia"', 1)
    marked = text.replace(
        "    max: 20\n    rule: {type: counted_items",
        "    max: 20\n    self_assessed: true\n    rule: {type: counted_items",
        1,
    )
    assert marked != text
    return marked


class AssessmentTestCase(BaseTestCase):
    cycle: ClassVar[EvaluationPeriod]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        version = do_store_framework(self_assessed_framework())
        cls.cycle = do_ensure_period(2013, version, title="Đánh giá năm 2013")
        do_set_schedule(cls.cycle, dict(SCHEDULE), cls.admin)

    def travel(self, moment: datetime.datetime) -> time_machine.travel:
        return time_machine.travel(moment, tick=False)
