"""Writing thousands of rows in a fraction of a second: an import's values, a period's results.

Django's `bulk_create` spends some 60 µs of Python per row (a model instance, every field prepared
through the compiler) and `bulk_update` builds CASE expressions SQLite evaluates row by row: 200,000
new values took 12 s and 20,000 changed ones 24 s. Here each value is still prepared by its own model
field (so JSON, decimals and time stamps are stored exactly as Django stores them, on any database),
but rows go out as multi-row INSERTs (COPY on PostgreSQL), and updates as one statement the driver
runs over all rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import connection, models
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

# Rows per INSERT when the database sets no parameter limit (SQLite allows 999 parameters).
DEFAULT_ROWS = 1000
Prepare = Callable[[object], object]


def _fields(model: type[models.Model], names: Sequence[str]) -> list[Any]:
    return [model._meta.get_field(name) for name in names]


# Values whose preparation is memoised: plain and immutable, and equal only when stored alike
# (unlike Decimal("1") and Decimal("1.0"), or objects).
_PLAIN = (str, bool, int, datetime.date, type(None))


def _preparer(field: Any) -> Prepare:
    """The field's preparation of a value for the database, once per distinct plain value: rows
    repeat values (an import's counts and yes/no, its time stamp, a unit's id), and preparing a
    value through its field is most of the cost of a bulk write."""
    known: dict[tuple[type, object], object] = {}

    def prepare(value: object) -> object:
        if not isinstance(value, _PLAIN):
            return field.get_db_prep_save(value, connection)
        key = (type(value), value)
        if key not in known:
            known[key] = field.get_db_prep_save(value, connection)
        return known[key]

    return prepare


def insert_rows(
    model: type[models.Model],
    names: Sequence[str],
    rows: Sequence[Sequence[object]],
    shared: Mapping[str, object] | None = None,
) -> None:
    """Insert `rows` (values in the order of the field `names`) with the values every row `shares`,
    each prepared by its field. A foreign key is given as the related row's id. Fields named in
    neither get what `Model.save()` would give them: their default, or the time for `auto_now`."""
    if not rows:
        return
    defaults, per_row = _unnamed(model, {*names, *(shared or {})})
    shared = {**defaults, **(shared or {})}
    if per_row:  # a callable default (a new uuid, a token) gives each row its own value
        names = [*names, *(field.name for field in per_row)]
        rows = [[*row, *(field.get_default() for field in per_row)] for row in rows]
    fields = _fields(model, [*names, *shared])
    preparers = [_preparer(field) for field in fields[: len(names)]]
    common = [_preparer(field)(value) for field, value in zip(fields[len(names) :], shared.values(), strict=True)]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    if connection.vendor == "postgresql":
        _copy(table, columns, rows, preparers, common)
        return
    group = "(" + ", ".join(["%s"] * len(fields)) + ")"
    limit = connection.features.max_query_params
    size = max(1, limit // len(fields)) if limit else DEFAULT_ROWS
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params: list[object] = []
            for row in chunk:
                params += map(_call, preparers, row)
                params += common
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {', '.join([group] * len(chunk))}", params)


def insert_objects(objects: Sequence[models.Model]) -> None:
    """Unsaved instances of one model, stored as `bulk_create` would store them (ids are not set)."""
    if not objects:
        return
    model = type(objects[0])
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not _left_to_the_database(field, objects)
    ]
    rows = [[field.pre_save(instance, True) for field in fields] for instance in objects]
    insert_rows(model, [field.name for field in fields], rows)


def _left_to_the_database(field: Any, objects: Sequence[models.Model]) -> bool:
    """A field whose value the database supplies (`db_default`) in every object."""
    return bool(field.has_db_default()) and all(
        isinstance(getattr(instance, field.attname), DatabaseDefault) for instance in objects
    )


def _copy(
    table: str, columns: str, rows: Sequence[Sequence[object]], preparers: list[Prepare], common: list[object]
) -> None:
    """PostgreSQL's COPY: Django's driver binds parameters on the client, so a multi-row INSERT of
    200,000 values spends most of its time quoting them into one huge statement and parsing it."""
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([*map(_call, preparers, row), *common])


def update_rows(
    model: type[models.Model],
    names: Sequence[str],
    rows: Sequence[tuple[int, Sequence[object]]],
    shared: Mapping[str, object] | None = None,
    *,
    increment: str | None = None,
) -> None:
    """Set the fields `names` of each row (id, values in that order) and those every row `shares`;
    `increment` names an integer field every updated row adds one to (a version)."""
    if not rows:
        return
    shared = shared or {}
    fields = _fields(model, [*names, *shared])
    preparers = [_preparer(field) for field in fields[: len(names)]]
    common = [_preparer(field)(value) for field, value in zip(fields[len(names) :], shared.values(), strict=True)]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    if increment is not None:
        column = quote(model._meta.get_field(increment).column)
        assignments += f", {column} = {column} + 1"
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    params = [(*map(_call, preparers, values), *common, pk) for pk, values in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {key} = %s", params)


def _unnamed(model: type[models.Model], named: set[str]) -> tuple[dict[str, object], list[Any]]:
    """The fields named nowhere, as `Model.save()` fills them: (values every row shares, fields whose
    callable default gives each row its own). Database defaults are left to the database."""
    shared: dict[str, object] = {}
    per_row = []
    for field in model._meta.concrete_fields:
        if field.name in named or field.primary_key or field.has_db_default():
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            shared[field.name] = timezone.now()
        elif field.has_default() and callable(field.default):
            per_row.append(field)
        else:
            shared[field.name] = field.get_default()  # "" for text, None for nullable fields
    return shared, per_row


def _call(prepare: Prepare, value: object) -> object:
    return prepare(value)
