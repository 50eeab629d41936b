"""The demo's live year shows the dialogue under way: in its self-assessment stage, some units submitted,
one returned with a question, one in an explanation thread, each told by a notification; a second run
changes nothing."""

from __future__ import annotations

import datetime

import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.assessment.models import ExplanationMessage, SelfAssessment, Stage
from govscore.web.assessment.stages import stages_of
from govscore.web.demo_cycle import setup_cycle
from govscore.web.demo_live import setup_live_year
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.notifications.models import Kind, Notification
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit

from .base import PASSWORD, framework_text

TODAY = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
CODES = ("BDT", "DPTTH", "SCT", "SGDDT", "SGTVT", "SKHCN", "SKHDT")


class DemoCycleTests(TestCase):
    def setUp(self) -> None:
        group = do_ensure_group("so-nganh", "Sở, ban, ngành")
        self.units = [do_ensure_unit(code, f"Đơn vị {code}", group) for code in CODES]
        self.users = {
            "admin": do_ensure_user("admin", PASSWORD, Role.ADMINISTRATOR),
            "evaluator": do_ensure_user("evaluator", PASSWORD, Role.EVALUATOR),
        }
        for unit in self.units:
            for prefix, role in (("bc", Role.REPORTER), ("ld", Role.UNIT_HEAD)):
                name = f"{prefix}-{unit.code.lower()}"
                self.users[name] = do_ensure_user(name, PASSWORD, role, unit)
        with time_machine.travel(TODAY, tick=False):
            self.period = setup_live_year(do_store_framework(framework_text()), {u.code: u for u in self.units})
            setup_cycle(self.period, self.units, self.users)

    def test_the_period_is_in_self_assessment_with_each_part_of_the_dialogue_under_way(self) -> None:
        with time_machine.travel(TODAY + datetime.timedelta(minutes=5), tick=False):
            now = timezone.now()
            (open_stage,) = [stage for stage in stages_of(self.period) if stage.is_open_at(now)]
        self.assertEqual(open_stage.kind, Stage.Kind.SELF_ASSESSMENT)
        statuses = dict(SelfAssessment.objects.filter(period=self.period).values_list("unit__code", "status"))
        self.assertEqual(
            statuses,
            {
                "BDT": "returned",
                "DPTTH": "submitted",
                "SCT": "submitted",
                "SGDDT": "submitted",
                "SGTVT": "submitted",
                "SKHCN": "submitted",
            },
        )
        thread = ExplanationMessage.objects.filter(period=self.period, unit__code="DPTTH").order_by("pk")
        self.assertEqual([message.side for message in thread], ["unit", "evaluator"])
        returned = Notification.objects.get(user=self.users["bc-bdt"], kind=Kind.THREAD)
        self.assertIn("Đề nghị gửi kèm các quyết định", returned.body)
        self.assertTrue(Notification.objects.filter(user=self.users["evaluator"], kind=Kind.THREAD).exists())
        self.client.force_login(self.users["bc-bdt"])
        page = self.client.get(reverse("self_assessment", args=[self.period.pk, self.units[0].pk]))
        self.assertContains(page, "Đề nghị gửi kèm các quyết định ban hành quy định nội bộ")

    def test_a_second_run_changes_nothing(self) -> None:
        before = (ExplanationMessage.objects.count(), Notification.objects.count())
        with time_machine.travel(TODAY + datetime.timedelta(days=1), tick=False):
            setup_cycle(self.period, self.units, self.users)
        self.assertEqual((ExplanationMessage.objects.count(), Notification.objects.count()), before)
