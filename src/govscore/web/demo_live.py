"""The demo's live year: a period for the current year (by the real date) beside 2012, so that every role
sees deadlines that are live today.

The framework is the bundled one reissued for the year: the same criteria, with monthly reports due for
every month (2012's document covered months 1 to 10 only, which would leave November and December with no
deadline). Each unit has reported the months already due: on time, except one month late and one missing
(which months turns with the unit), and the report of the month under way is not due yet; the period
closes at the end of January after the year. Run again later, it adds the months that have come due.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from govscore.scoring.rules.reporting import due_date
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.actions import do_import_reports

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# The 2012 text's reporting criterion, and what it says in the reissued version.
REPORTING_MONTHS = ("to_month: 10", "to_month: 12")
REPORTING_TITLE = ("(tháng 1 đến tháng 10)", "(tháng 1 đến tháng 12)")


def reissued(text_2012: str, year: int) -> str:
    """The 2012 framework's text as the version of `year`: every month reported."""
    text = text_2012
    for old, new in (REPORTING_MONTHS, REPORTING_TITLE, ('version: "2012"', f'version: "{year}"')):
        if text.count(old) != 1:
            raise ValueError(f"the bundled framework no longer has exactly one {old!r}")
        text = text.replace(old, new)
    return text


def statuses_for(index: int, months: tuple[int, ...], year: int, due_day: int, today: datetime.date) -> dict[int, str]:
    """Each month's report for the unit at `index`: "on_time", "late" or "missing" for the months already
    due; the months not yet due are left out. The late and missing months are chosen among the months due
    before the latest one, so that a late report's receipt lies in the past."""
    due = [month for month in months if due_date(year, month, due_day) < today]
    statuses = dict.fromkeys(due, "on_time")
    earlier = due[:-1]
    if len(earlier) >= 2:
        statuses[earlier[index % len(earlier)]] = "late"
        statuses[earlier[(index + 1) % len(earlier)]] = "missing"
    return statuses


def received(year: int, month: int, due_day: int, late: bool) -> datetime.datetime:
    day = due_date(year, month, due_day) + datetime.timedelta(days=3 if late else -2)
    return datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=LOCAL)


def setup_live_year(
    version_2012: FrameworkVersion, units: dict[str, Unit], today: datetime.date | None = None
) -> EvaluationPeriod:
    today = today or timezone.localdate()
    year = today.year
    version = do_store_framework(reissued(version_2012.yaml_text, year))
    period = do_ensure_period(
        year,
        version,
        title=f"Đánh giá năm {year} (minh hoạ)",
        data_from=datetime.date(year, 1, 1),
        data_to=datetime.date(year, 12, 31),
        closes_on=datetime.date(year + 1, 1, 31),
    )
    months = period.reporting_months()
    records = []
    for index, unit in enumerate(sorted(units.values(), key=lambda unit: unit.code)):
        for month, status in statuses_for(index, months, year, period.report_due_day, today).items():
            if status != "missing":
                stamp = received(year, month, period.report_due_day, status == "late")
                records.append((unit, month, stamp, f"Báo cáo ứng dụng CNTT tháng {month}/{year}."))
    if records:
        do_import_reports(period, records)
    return period
