"""The set-up checklist: what a department must have before its year can run, in order — a framework,
its units, the people who use govscore, an open period — each step done or not, with where to do it."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from govscore.web.accounts.models import Profile
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod


@dataclass(frozen=True)
class Step:
    title: Promise
    done: bool
    detail: str
    url: str | None
    action: Promise


def _url(*names: str) -> str | None:
    """The first of the pages that exists in this installation (a step may be done on several)."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def checklist() -> list[Step]:
    frameworks = FrameworkVersion.objects.count()
    units = Unit.objects.count()
    reporters = Profile.objects.filter(unit__isnull=False, user__is_active=True).count()
    people = User.objects.filter(is_active=True).count()
    periods = EvaluationPeriod.objects.filter(history__isnull=True, status=EvaluationPeriod.Status.OPEN).count()
    return [
        Step(
            _("Bộ tiêu chí"),
            frameworks > 0,
            str(_("%(count)s phiên bản bộ tiêu chí") % {"count": frameworks}),
            _url("framework_upload", "framework_list"),
            _("Nạp bộ tiêu chí (YAML hoặc XLSX)"),
        ),
        Step(
            _("Đơn vị"),
            units > 0,
            str(_("%(count)s đơn vị") % {"count": units}),
            _url("units_import", "units_register"),
            _("Nhập khối và đơn vị từ tệp Excel"),
        ),
        Step(
            _("Tài khoản"),
            reporters > 0,
            str(_("%(people)s tài khoản, %(reporters)s cán bộ báo cáo") % {"people": people, "reporters": reporters}),
            _url("people_import"),
            _("Nhập tài khoản từ tệp Excel"),
        ),
        Step(
            _("Kỳ đánh giá"),
            periods > 0,
            str(_("%(count)s kỳ đang thu thập") % {"count": periods}),
            _url("period_open"),
            _("Mở kỳ đánh giá"),
        ),
    ]


def is_complete() -> bool:
    return all(step.done for step in checklist())
