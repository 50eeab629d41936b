"""Writing tens of thousands of indicator values in seconds.

Django's `bulk_create` spends some 60 µs of Python per row (a model instance, every field prepared
through the compiler) and `bulk_update` builds CASE expressions SQLite evaluates row by row: 200,000
new values took 12 s and 20,000 changed ones 24 s. Here each value is still prepared by its own model
field (so JSON and time stamps are stored exactly as Django stores them, on any database), but rows
go out as multi-row INSERTs and one UPDATE statement run by the driver over all changed rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from govscore.web.indicators.models import IndicatorValue

INSERT_COLUMNS = ("period", "unit", "code", "value", "source", "entered_by", "entered_at")
UPDATE_COLUMNS = ("value", "source", "entered_by", "entered_at")
# Rows per INSERT when the database sets no parameter limit (SQLite allows 999 parameters).
DEFAULT_ROWS = 1000


@dataclass(frozen=True)
class Stamp:
    """What every written row shares: where it came from, who entered it, when."""

    period_id: int
    source: str
    entered_by_id: int | None
    entered_at: datetime.datetime


def _field(name: str) -> Any:
    return IndicatorValue._meta.get_field(name)


def _column(name: str) -> str:
    return str(connection.ops.quote_name(_field(name).column))


def _time(stamp: Stamp) -> object:
    return _field("entered_at").get_db_prep_save(stamp.entered_at, connection)


def insert_values(rows: Sequence[tuple[int, str, object]], stamp: Stamp) -> None:
    """New rows: (unit id, indicator code, stored value)."""
    if not rows:
        return
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    columns = ", ".join(_column(name) for name in INSERT_COLUMNS)
    group = "(" + ", ".join(["%s"] * len(INSERT_COLUMNS)) + ")"
    limit = connection.features.max_query_params
    size = max(1, limit // len(INSERT_COLUMNS)) if limit else DEFAULT_ROWS
    entered_at = _time(stamp)
    prepare = _field("value").get_db_prep_save
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params: list[object] = []
            for unit_id, code, value in chunk:
                params += [
                    stamp.period_id,
                    unit_id,
                    code,
                    prepare(value, connection),
                    stamp.source,
                    stamp.entered_by_id,
                    entered_at,
                ]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {', '.join([group] * len(chunk))}", params)


def update_values(rows: Sequence[tuple[int, object]], stamp: Stamp) -> None:
    """Changed rows: (row id, new stored value)."""
    if not rows:
        return
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    assignments = ", ".join(f"{_column(name)} = %s" for name in UPDATE_COLUMNS)
    # A form loaded before the import must see its version as stale, as after any other save.
    assignments += f", {_column('version')} = {_column('version')} + 1"
    entered_at = _time(stamp)
    prepare = _field("value").get_db_prep_save
    params = [(prepare(value, connection), stamp.source, stamp.entered_by_id, entered_at, pk) for pk, value in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {_column('id')} = %s", params)
