"""periodic_reporting: statuses derived from time stamps in the local time zone, and points."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from govscore.scoring.model import Reports
from govscore.scoring.rules.reporting import PeriodicReporting, due_date, report_status
from govscore.scoring.values import Months

D = Decimal
VN = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = datetime.UTC


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


def on_time(*months: int, year: int = 2012) -> dict[int, datetime.datetime]:
    """Time stamps on the 1st of the following month, well before the due day."""
    return {m: local(year + (m == 12), m % 12 + 1, 1) for m in months}


# Đồng Nai 2012: months 1..10, due on the 5th, −0.5 per late month, −1 per missing, floor 0.
DONGNAI = PeriodicReporting("rep", tuple(range(1, 11)), 5, late=D("0.5"), missing=D(1), floor=D(0))


# --- report_status -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "received", "expected"),
    [
        # The report on January is due on 5 February, local time.
        (1, local(2012, 2, 5, 23, 59), "on_time"),
        (1, datetime.datetime(2012, 2, 5, 23, 59, 59, 999999, tzinfo=VN), "on_time"),
        (1, local(2012, 2, 6, 0, 0), "late"),
        (1, local(2012, 1, 20), "on_time"),
        # 16:59 UTC is 23:59 in Việt Nam (UTC+7): still the due day.
        (1, datetime.datetime(2012, 2, 5, 16, 59, tzinfo=UTC), "on_time"),
        # 17:30 UTC on the 5th is already 00:30 on the 6th in Việt Nam: late.
        (1, datetime.datetime.fromisoformat("2012-02-05T17:30:00+00:00"), "late"),
        # 10:00 on the 5th at UTC−10 is 03:00 on the 6th in Việt Nam: late, though still the 5th there.
        (1, datetime.datetime.fromisoformat("2012-02-05T10:00:00-10:00"), "late"),
        (1, datetime.datetime.fromisoformat("2012-02-04T12:00:00-10:00"), "on_time"),
        # A naive time stamp is read as local time.
        (1, datetime.datetime(2012, 2, 5, 23, 59), "on_time"),
        (1, datetime.datetime(2012, 2, 6, 0, 1), "late"),
        # December's report is due in January of the next year.
        (12, local(2013, 1, 5, 23, 59), "on_time"),
        (12, local(2013, 1, 6, 0, 0), "late"),
        (12, local(2012, 12, 31), "on_time"),
        (1, None, "missing"),
        (12, None, "missing"),
    ],
)
def test_it_derives_a_report_status_from_its_time_stamp(month, received, expected):
    assert report_status(2012, month, received, due_day=5, timezone="Asia/Ho_Chi_Minh") == expected


@pytest.mark.parametrize(
    ("month", "as_of", "expected"),
    [
        (1, datetime.date(2012, 2, 4), "not_due"),
        (1, datetime.date(2012, 2, 5), "not_due"),
        (1, datetime.date(2012, 2, 6), "missing"),
        (12, datetime.date(2012, 12, 31), "not_due"),
        (12, datetime.date(2013, 1, 6), "missing"),
        (6, None, "missing"),
    ],
)
def test_it_does_not_count_a_report_not_yet_due_as_missing(month, as_of, expected):
    assert report_status(2012, month, None, due_day=5, as_of=as_of) == expected


def test_it_uses_the_status_of_a_received_report_whatever_the_cut_off():
    received = local(2012, 2, 10)
    assert report_status(2012, 1, received, due_day=5, as_of=datetime.date(2012, 2, 1)) == "late"


@pytest.mark.parametrize(
    ("month", "due_day", "expected"),
    [(1, 5, datetime.date(2012, 2, 5)), (11, 10, datetime.date(2012, 12, 10)), (12, 5, datetime.date(2013, 1, 5))],
)
def test_it_computes_the_due_date(month, due_day, expected):
    assert due_date(2012, month, due_day) == expected


def test_it_honours_another_time_zone():
    received = datetime.datetime(2012, 2, 5, 23, 30, tzinfo=UTC)  # 00:30 on 6 February in Paris (CET)
    assert report_status(2012, 1, received, due_day=5, timezone="Europe/Paris") == "late"
    assert report_status(2012, 1, received, due_day=5, timezone="UTC") == "on_time"


# --- points ----------------------------------------------------------------------------------


def test_it_counts_every_expected_month_missing_when_the_fact_is_absent(make_inp):
    outcome = DONGNAI.evaluate(make_inp(10, {}))
    assert outcome.points == D(0)
    assert outcome.facts["missing_months"] == Months(tuple(range(1, 11)))
    assert outcome.facts["missing_count"] == 10
    assert outcome.facts["expected_count"] == 10


@pytest.mark.parametrize(
    ("received", "expected", "late", "missing"),
    [
        (on_time(*range(1, 11)), D(10), (), ()),
        ({**on_time(1, 2, 3, 5, 6, 7, 8, 9, 10), 4: local(2012, 5, 6, 0, 0)}, D("9.5"), (4,), ()),
        ({**on_time(1, 2, 3, 5, 6, 7, 8), 4: local(2012, 5, 7), 10: local(2012, 11, 30)}, D(8), (4, 10), (9,)),
        (on_time(1, 2), D(2), (), (3, 4, 5, 6, 7, 8, 9, 10)),
        # Months outside 1..10 are not expected and do not count.
        ({**on_time(*range(1, 11)), 11: local(2013, 1, 1)}, D(10), (), ()),
    ],
)
def test_it_deducts_for_late_and_missing_months(make_inp, received, expected, late, missing):
    outcome = DONGNAI.evaluate(make_inp(10, {"rep": Reports(received=received)}))
    assert outcome.points == expected
    assert outcome.facts["late_months"] == Months(late)
    assert outcome.facts["missing_months"] == Months(missing)
    assert outcome.facts["late_count"] == len(late)
    assert outcome.facts["missing_count"] == len(missing)
    assert outcome.facts["on_time_count"] == 10 - len(late) - len(missing)
    assert outcome.steps[-1].key == "explain.reports_deductions"


@pytest.mark.parametrize(
    ("floor", "expected"),
    [(D(0), D(0)), (D(-5), D(-5)), (D(-50), D(-10)), (D(3), D(3))],
)
def test_it_never_deducts_below_the_floor(make_inp, floor, expected):
    rule = PeriodicReporting("rep", tuple(range(1, 11)), 5, late=D(1), missing=D(2), floor=floor)
    outcome = rule.evaluate(make_inp(10, {}))  # raw: 10 − 10 × 2 = −10
    assert outcome.points == expected
    assert outcome.points >= floor
    assert outcome.steps[-1].args["raw"] == D(-10)


def test_it_knows_the_reporting_bounds():
    assert PeriodicReporting("rep", (1,), 5, floor=D(-5)).possible_min(D(10)) == D(-5)
    assert PeriodicReporting("rep", (1,), 5, floor=D(3)).possible_min(D(10)) == D(0)
    per_period = PeriodicReporting("rep", tuple(range(1, 13)), 5, mode="per_period", on_time=D(1), late=D("0.5"))
    assert per_period.possible_max(D(99)) == D(12)


@pytest.mark.parametrize(
    ("received", "max_points", "expected"),
    [
        (on_time(*range(1, 13)), D(12), D(12)),
        ({**on_time(*range(1, 11)), 11: local(2012, 12, 9)}, D(12), D("10.5")),
        ({}, D(12), D(0)),
        # Capped at the criterion's max.
        (on_time(*range(1, 13)), D(10), D(10)),
    ],
)
def test_it_earns_points_per_period(make_inp, received, max_points, expected):
    rule = PeriodicReporting("rep", tuple(range(1, 13)), 5, mode="per_period", on_time=D(1), late=D("0.5"))
    outcome = rule.evaluate(make_inp(max_points, {"rep": Reports(received=received)}))
    assert outcome.points == expected
    assert outcome.steps[-1].key == "explain.reports_points"


def test_it_expects_only_the_months_a_unit_was_active(make_inp):
    outcome = DONGNAI.evaluate(make_inp(10, {"rep": Reports(received=on_time(7, 8))}, active_months=(7, 8, 9, 10)))
    assert outcome.facts["expected_count"] == 4
    assert outcome.facts["on_time_months"] == Months((7, 8))
    assert outcome.facts["missing_months"] == Months((9, 10))
    assert outcome.points == D(8)


def test_it_leaves_months_not_yet_due_out_of_the_expected(make_inp):
    # Cut-off 5 June: May's report is due that day, so only January..April are expected.
    inp = make_inp(10, {"rep": Reports(received=on_time(1, 2, 3))}, as_of=datetime.date(2012, 6, 5))
    outcome = DONGNAI.evaluate(inp)
    assert outcome.facts["expected_count"] == 4
    assert outcome.facts["missing_months"] == Months((4,))
    assert outcome.points == D(9)


def test_it_counts_a_received_report_even_before_it_is_due(make_inp):
    inp = make_inp(10, {"rep": Reports(received=on_time(1, 2, 3, 4, 5))}, as_of=datetime.date(2012, 6, 5))
    outcome = DONGNAI.evaluate(inp)
    assert outcome.facts["on_time_months"] == Months((1, 2, 3, 4, 5))
    assert outcome.facts["expected_count"] == 5
    assert outcome.points == D(10)


# --- statuses as published -------------------------------------------------------------------

GIVEN = Reports(late=(1, 4, 5), missing=(1, 4, 5, 7), statuses_given=True)


@pytest.mark.parametrize(
    ("policy", "late", "missing", "expected", "resolution"),
    [
        ("late", (1, 4, 5), (7,), D("7.5"), "status.late"),
        ("missing", (), (1, 4, 5, 7), D(6), "status.missing"),
    ],
)
def test_it_resolves_a_month_both_late_and_missing_by_the_parameter(
    make_inp, policy, late, missing, expected, resolution
):
    rule = PeriodicReporting(
        "rep", tuple(range(1, 11)), 5, late=D("0.5"), missing=D(1), floor=D(0), late_and_missing=policy
    )
    outcome = rule.evaluate(make_inp(10, {"rep": GIVEN}))
    assert outcome.facts["late_months"] == Months(late)
    assert outcome.facts["missing_months"] == Months(missing)
    assert outcome.facts["conflict_months"] == Months((1, 4, 5))
    assert outcome.points == expected
    conflict = next(step for step in outcome.steps if step.key == "explain.reports_conflict")
    assert conflict.args["resolution"].key == resolution


def test_it_takes_unlisted_months_as_on_time_when_statuses_are_given(make_inp):
    outcome = DONGNAI.evaluate(make_inp(10, {"rep": Reports(late=(2,), statuses_given=True)}))
    assert outcome.facts["on_time_count"] == 9
    assert outcome.facts["conflict_months"] == Months(())
    assert outcome.points == D("9.5")
    assert all(step.key != "explain.reports_conflict" for step in outcome.steps)
