"""Periodic reporting: each expected month is on time, late or missing, and earns or loses points.

A report is on time when it is received by the end of its due day (day `due_day` of the month
after the reported month) in the framework's time zone. Only months in which the unit was
active, and which are due by the evaluation's cut-off date, are expected.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from govscore.scoring.model import FactValue, Framework, Reports
from govscore.scoring.rules.base import ZERO, Cells, Column, Detail, Outcome, Raise, Rule, RuleInput, Step, clamp
from govscore.scoring.rules.params import ParamReader
from govscore.scoring.values import Months, Value

Status = Literal["on_time", "late", "missing", "not_due"]
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


# Readers know their zone by its name in words, not by its tz database name.
_ZONES_IN_WORDS = {"Asia/Ho_Chi_Minh": "zone.vietnam", "Asia/Saigon": "zone.vietnam"}


def zone_name(timezone: str) -> Step | str:
    key = _ZONES_IN_WORDS.get(timezone)
    return Step(key) if key else timezone


def due_date(year: int, month: int, due_day: int) -> datetime.date:
    """The last day a report on `month` is on time: day `due_day` of the following month."""
    if month == 12:
        return datetime.date(year + 1, 1, due_day)
    return datetime.date(year, month + 1, due_day)


def report_status(
    year: int,
    month: int,
    received: datetime.datetime | None,
    *,
    due_day: int,
    timezone: str = DEFAULT_TIMEZONE,
    as_of: datetime.date | None = None,
) -> Status:
    """The status of one month's report, derived from when it was received; never typed in."""
    due = due_date(year, month, due_day)
    if received is not None:
        local = received.astimezone(ZoneInfo(timezone)) if received.tzinfo else received
        return "on_time" if local.date() <= due else "late"
    if as_of is not None and as_of <= due:
        return "not_due"
    return "missing"


@dataclass(frozen=True)
class PeriodicReporting(Rule):
    type_name: ClassVar[str] = "periodic_reporting"
    fact_names: ClassVar[frozenset[str]] = frozenset(
        {
            "late_months",
            "missing_months",
            "on_time_months",
            "late_count",
            "missing_count",
            "on_time_count",
            "expected_count",
            "conflict_months",
        }
    )

    indicator: str
    months: tuple[int, ...]
    due_day: int
    timezone: str = DEFAULT_TIMEZONE
    mode: str = "deductions"
    on_time: Decimal = ZERO
    late: Decimal = ZERO
    missing: Decimal = ZERO
    floor: Decimal = ZERO
    late_and_missing: str = "late"

    @classmethod
    def parse(cls, p: ParamReader) -> PeriodicReporting:
        indicator = p.indicator("indicator", frozenset({"reports"}))
        first = p.integer("from_month", 1, low=1, high=12)
        last = p.integer("to_month", 12, low=1, high=12)
        if last < first:
            p.ctx.problem(p.path + ("to_month",), "field.range", field="to_month", low=first, high=12, actual=last)
        due_day = p.integer("due_day", low=1, high=28)
        timezone = p.string("timezone", DEFAULT_TIMEZONE)
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            p.ctx.problem(
                p.path + ("timezone",), "field.choice", field="timezone", allowed="Asia/Ho_Chi_Minh, …", actual=timezone
            )
            timezone = DEFAULT_TIMEZONE
        mode = p.choice("mode", ("deductions", "per_period"), "deductions")
        if mode == "per_period":
            on_time = p.decimal("on_time", minimum=ZERO)
            late = p.decimal("late", ZERO, minimum=ZERO)
            missing = p.decimal("missing", ZERO, minimum=ZERO)
        else:
            on_time = ZERO
            late = p.decimal("late", minimum=ZERO)
            missing = p.decimal("missing", minimum=ZERO)
        floor = p.decimal("floor", ZERO)
        conflict = p.choice("late_and_missing", ("late", "missing"), "late")
        return cls(
            indicator, tuple(range(first, last + 1)), due_day, timezone, mode, on_time, late, missing, floor, conflict
        )

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def possible_max(self, max_points: Decimal) -> Decimal:
        if self.mode == "per_period":
            return len(self.months) * max(self.on_time, self.late, self.missing)
        return max_points

    def possible_min(self, max_points: Decimal) -> Decimal:
        return min(self.floor, ZERO)

    def lowest_bound(self, max_points: Decimal) -> Decimal:
        return ZERO if self.mode == "per_period" else self.floor

    def statuses(
        self, reports: Reports, year: int, as_of: datetime.date | None, active: tuple[int, ...] | None
    ) -> dict[int, Status]:
        expected = [month for month in self.months if active is None or month in active]
        result: dict[int, Status] = {}
        for month in expected:
            if reports.statuses_given:
                result[month] = self._given_status(reports, month)
            else:
                result[month] = report_status(
                    year, month, reports.received.get(month), due_day=self.due_day, timezone=self.timezone, as_of=as_of
                )
        return {month: status for month, status in result.items() if status != "not_due"}

    def _given_status(self, reports: Reports, month: int) -> Status:
        is_late, is_missing = month in reports.late, month in reports.missing
        if is_late and is_missing:
            return self.late_and_missing  # type: ignore[return-value]
        if is_late:
            return "late"
        if is_missing:
            return "missing"
        return "on_time"

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        reports = value if isinstance(value, Reports) else Reports()
        statuses = self.statuses(reports, inp.period.year, inp.period.as_of, inp.active_months)
        counts = dict.fromkeys(("on_time", "late", "missing"), 0)
        for status in statuses.values():
            counts[status] += 1
        points, raw = self._points(inp.max_points, counts)
        return Outcome(points, detail=lambda: self._detail(reports, statuses, counts, inp.max_points, raw, points))

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        """Late or missing months sent on time: the fewest giving `needed` points (missing months first,
        they cost more), and every one of them."""
        value = inp.fact(self.indicator)
        reports = value if isinstance(value, Reports) else Reports()
        statuses = self.statuses(reports, inp.period.year, inp.period.as_of, inp.active_months)
        worth = {"missing": self.missing, "late": self.late}
        if self.mode == "per_period":
            worth = {"missing": self.on_time - self.missing, "late": self.on_time - self.late}
        bad = sorted(
            (month for month, status in statuses.items() if status in worth and worth[status] > 0),
            key=lambda month: (-worth[statuses[month]], month),
        )
        if not bad:
            return ()
        current = self.evaluate(inp).points
        raises: list[Raise] = []
        for count in range(1, len(bad) + 1):
            fixed = self._on_time(reports, statuses, bad[:count], inp)
            if count == len(bad) or self.evaluate(_with(inp, self.indicator, fixed)).points - current >= needed:
                raises.append(Raise(self.indicator, fixed, Decimal(count) / len(statuses)))
                break
        if len(bad) > 1 and raises[0].effort < Decimal(len(bad)) / len(statuses):
            all_fixed = self._on_time(reports, statuses, bad, inp)
            raises.append(Raise(self.indicator, all_fixed, Decimal(len(bad)) / len(statuses)))
        return tuple(raises)

    def _on_time(self, reports: Reports, statuses: dict[int, Status], months: list[int], inp: RuleInput) -> Reports:
        """The reports with `months` sent on time: struck from the late and missing lists as published,
        or received on their due day."""
        if reports.statuses_given:
            late = tuple(month for month in reports.late if month not in months)
            missing = tuple(month for month in reports.missing if month not in months)
            return Reports(late=late, missing=missing, statuses_given=True)
        received = dict(reports.received)
        zone = ZoneInfo(self.timezone)
        for month in months:
            due = due_date(inp.period.year, month, self.due_day)
            received[month] = datetime.datetime.combine(due, datetime.time(9), tzinfo=zone)
        return Reports(received=dict(sorted(received.items())))

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        old = before if isinstance(before, Reports) else Reports()
        new = after if isinstance(after, Reports) else Reports()
        year, as_of, active = inp.period.year, inp.period.as_of, inp.active_months
        was, now = self.statuses(old, year, as_of, active), self.statuses(new, year, as_of, active)
        fixed = tuple(month for month, status in was.items() if status != "on_time" and now.get(month) == "on_time")
        if all(status == "on_time" for status in now.values()):
            return Step("raise.reports_all")
        return Step("raise.reports_months", {"months": Months(fixed)})

    def column(self, cells: Cells) -> Column:
        year, as_of, zone = cells.period.year, cells.period.as_of, ZoneInfo(self.timezone)
        dues = [(month, due_date(year, month, self.due_day)) for month in self.months]
        by_counts: dict[tuple[int, int, int], Decimal] = {}
        points: list[Decimal] = []
        for value, active in zip(cells.values(self.indicator), cells.active, strict=True):
            reports = value if isinstance(value, Reports) else _NO_REPORTS
            if reports.statuses_given:
                statuses = list(self.statuses(reports, year, as_of, active).values())
                counted = (statuses.count("on_time"), statuses.count("late"), statuses.count("missing"))
            else:
                counted = _counted(reports, dues, zone, as_of, active)
            if counted not in by_counts:
                counts = dict(zip(("on_time", "late", "missing"), counted, strict=True))
                by_counts[counted] = self._points(cells.max_points, counts)[0]
            points.append(by_counts[counted])
        return points, set()

    def _points(self, max_points: Decimal, counts: dict[str, int]) -> tuple[Decimal, Decimal]:
        """The points and what they were before the bounds."""
        if self.mode == "per_period":
            raw = counts["on_time"] * self.on_time + counts["late"] * self.late + counts["missing"] * self.missing
            return clamp(raw, ZERO, max_points), raw
        raw = max_points - counts["late"] * self.late - counts["missing"] * self.missing
        return clamp(raw, self.floor, max_points), raw

    def _detail(
        self,
        reports: Reports,
        statuses: dict[int, Status],
        counts: dict[str, int],
        max_points: Decimal,
        raw: Decimal,
        points: Decimal,
    ) -> Detail:
        by_status = {name: tuple(m for m, s in statuses.items() if s == name) for name in counts}
        steps = [
            Step("explain.reports_due", {"due_day": self.due_day, "timezone": zone_name(self.timezone)}),
            Step("explain.reports", {"expected": len(statuses), **counts}),
        ]
        conflicts = tuple(sorted(set(reports.late) & set(reports.missing))) if reports.statuses_given else ()
        if conflicts:
            resolution = Step("status.late" if self.late_and_missing == "late" else "status.missing")
            steps.append(Step("explain.reports_conflict", {"months": Months(conflicts), "resolution": resolution}))
        if self.mode == "per_period":
            args = {**counts, "p_on_time": self.on_time, "p_late": self.late, "p_missing": self.missing}
            steps.append(Step("explain.reports_points", {**args, "points": points}))
        else:
            args = {"max": max_points, "late": counts["late"], "missing": counts["missing"], "d_late": self.late}
            args |= {"d_missing": self.missing, "raw": raw, "floor": self.floor, "points": points}
            steps.append(Step("explain.reports_deductions", args))
        facts: dict[str, Value] = {
            "late_months": Months(by_status["late"]),
            "missing_months": Months(by_status["missing"]),
            "on_time_months": Months(by_status["on_time"]),
            "late_count": counts["late"],
            "missing_count": counts["missing"],
            "on_time_count": counts["on_time"],
            "expected_count": len(statuses),
            "conflict_months": Months(conflicts),
        }
        return steps, facts


def _with(inp: RuleInput, code: str, fact: FactValue) -> RuleInput:
    facts = {**inp.facts, code: fact}
    return RuleInput(inp.max_points, facts, inp.period, inp.peers, inp.active_months, inp.summaries)


_NO_REPORTS = Reports()


def _counted(
    reports: Reports,
    dues: list[tuple[int, datetime.date]],
    zone: ZoneInfo,
    as_of: datetime.date | None,
    active: tuple[int, ...] | None,
) -> tuple[int, int, int]:
    """On-time, late and missing months from the time stamps, as `report_status` judges each month."""
    on_time = late = missing = 0
    received = reports.received
    for month, due in dues:
        if active is not None and month not in active:
            continue
        stamp = received.get(month)
        if stamp is not None:
            local = stamp.astimezone(zone) if stamp.tzinfo else stamp
            if local.date() <= due:
                on_time += 1
            else:
                late += 1
        elif as_of is None or as_of > due:
            missing += 1
    return on_time, late, missing


def reporting_rule(framework: Framework) -> PeriodicReporting | None:
    """The framework's monthly-reporting rule: it decides which months are expected and when each is due,
    so a reporting calendar shown to units must follow it rather than a setting of its own."""
    for criterion in framework.walk():
        if isinstance(criterion.rule, PeriodicReporting):
            return criterion.rule
    return None
