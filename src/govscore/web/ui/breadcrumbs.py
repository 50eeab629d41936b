"""Where a nested page sits: the trail of pages above it, each a link the reader may open.

One table says, for each page, the pages above it; the trail is made from the objects its view already
put in the template's context (the period, the unit, the framework version), so it costs no query.
A step a role may not open is left out rather than shown as a link that would answer "forbidden".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str = ""  # none for a step the reader may not open (a reporter's period)


# A step of a trail: its words and its address from the template's context, or None when the context
# lacks what it needs or the reader may not open it.
Step = Callable[[Any], Crumb | None]


def _page(name: str, label: Promise) -> Step:
    return lambda context: Crumb(str(label), reverse(name))


def _period_page(name: str, label: Promise, staff: bool = True) -> Step:
    def step(context: Any) -> Crumb | None:
        period = context.get("period")
        if period is None or (staff and not context.get("govscore_is_staff_reader")):
            return None
        return Crumb(str(label), reverse(name, args=[period.pk]))

    return step


def _period(context: Any) -> Crumb | None:
    period = context.get("period")
    if period is None:
        return None
    if context.get("govscore_is_staff_reader"):
        return Crumb(str(period), reverse("dashboard", args=[period.pk]))
    return Crumb(str(period))


def _unit(context: Any) -> Crumb | None:
    period, unit = context.get("period"), context.get("unit")
    if period is None or unit is None or not hasattr(unit, "pk"):
        return None
    return Crumb(unit.name, reverse("unit_detail", args=[period.pk, unit.pk]))


def _calendar(context: Any) -> Crumb | None:
    period, unit = context.get("period"), context.get("unit")
    if period is None or unit is None:
        return None
    return Crumb(str(_("Báo cáo tháng")), reverse("report_calendar", args=[period.pk, unit.pk]))


PERIODS = _page("period_list", _("Kỳ đánh giá"))
FRAMEWORKS = _page("framework_list", _("Bộ tiêu chí"))
UNITS = _page("units_register", _("Đơn vị"))
HISTORY = _page("history_list", _("Kết quả các năm trước"))
PEOPLE = _page("account_list", _("Tài khoản"))
NOTIFICATIONS = _page("notification_list", _("Thông báo"))
RANKING = _period_page("ranking", _("Xếp hạng"))
ASSESSMENT = _period_page("assessment_overview", _("Tự đánh giá và thẩm định"))
UNIT_PAGES = [PERIODS, _period, _unit]

# Page (URL name) → the pages above it, from the top (the page's own heading follows the trail).
TRAILS: dict[str, list[Step]] = {
    "period_overview": [PERIODS],
    "dashboard": [PERIODS],
    "ranking": [PERIODS, _period],
    "whatif": [PERIODS, _period, RANKING],
    "imports_page": [PERIODS, _period],
    "publication_manage": [PERIODS, _period],
    "assessment_overview": [PERIODS, _period],
    "stage_schedule": [PERIODS, _period, ASSESSMENT],
    "council": [PERIODS, _period],
    "period_open": [PERIODS],
    "unit_detail": [PERIODS, _period, RANKING],
    "report_calendar": UNIT_PAGES,
    "report_form": [*UNIT_PAGES, _calendar],
    "indicator_form": UNIT_PAGES,
    "manual_scores": UNIT_PAGES,
    "self_assessment": UNIT_PAGES,
    "appraisal": [PERIODS, _period, ASSESSMENT, _unit],
    "explanation": UNIT_PAGES,
    "framework_version": [FRAMEWORKS],
    "framework_upload": [FRAMEWORKS],
    "framework_compare": [FRAMEWORKS],
    "units_import": [UNITS],
    "units_reorganise": [UNITS],
    "unit_trend": [UNITS],
    "history_period": [HISTORY],
    "history_import": [HISTORY],
    "people_import": [PEOPLE],
    "notification_preferences": [NOTIFICATIONS],
}


def trail(context: Any, url_name: str | None) -> list[Crumb]:
    """The crumbs above the page; empty for a page the menu leads to directly."""
    return [crumb for step in TRAILS.get(url_name or "", []) if (crumb := step(context)) is not None]
