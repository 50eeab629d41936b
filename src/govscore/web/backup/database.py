"""The database half of a backup and of a restore: what both back ends share (the state a backup records
and checks, the interface), and the choice of back end for the settings (`sqlite`, `postgres`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from govscore.web.backup.manifest import Manifest, Problem

# Rows that `migrate` itself writes: a database holding only these has no data of its users.
SETUP_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})


class BackupError(Exception):
    """A located, expected failure: a message key and its arguments; nothing is left half done."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = args


class Cursor(Protocol):
    @property
    def description(self) -> Any: ...

    def execute(self, sql: str) -> Any: ...

    def fetchall(self) -> list[Any]: ...


@dataclass
class DatabaseState:
    """What a restore must reproduce: every table's rows, the applied migrations, the files rows refer to."""

    tables: dict[str, int] = field(default_factory=dict)
    migrations: dict[str, list[str]] = field(default_factory=dict)
    referenced: set[str] = field(default_factory=set)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def data_tables(self) -> list[str]:
        """Tables holding rows that people entered (not just those `migrate` writes)."""
        return sorted(table for table, rows in self.tables.items() if rows and table not in SETUP_TABLES)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def file_columns() -> list[tuple[str, str]]:
    """(table, column) of every file field: the rows that name uploaded files."""
    from django.apps import apps
    from django.db import models

    columns = {
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.FileField)
    }
    return sorted(columns)


def read_state(cursor: Cursor, vendor: str) -> DatabaseState:
    if vendor == "sqlite":
        # sqlite_* tables are SQLite's own bookkeeping; they travel inside the file anyway.
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")
    else:
        cursor.execute(
            "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"
        )
    state = DatabaseState()
    for (table,) in sorted(cursor.fetchall()):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        state.tables[table] = int(cursor.fetchall()[0][0])
    if "django_migrations" in state.tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            state.migrations.setdefault(app, []).append(name)
    for table, column in file_columns():
        if table not in state.tables:
            continue
        # A backup made before a file field existed lacks its column: look before asking for it.
        cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")
        if column not in {item[0] for item in cursor.description}:
            continue
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")
        state.referenced.update(str(value) for (value,) in cursor.fetchall() if value)
    return state


@dataclass
class Snapshot:
    state: DatabaseState
    server_version: str
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class TargetState:
    """A restore target's database: None when there is none yet; `damaged` when it cannot be read."""

    state: DatabaseState | None
    damaged: str = ""


class Database(Protocol):
    vendor: str
    file_name: str

    def describe(self) -> str: ...

    def snapshot(self, folder: Path) -> Snapshot: ...

    def check_backup(self, path: Path) -> None: ...

    def current(self) -> TargetState: ...

    def stage(self, path: Path, manifest: Manifest) -> None: ...

    def keep_damaged(self, folder: Path) -> None: ...

    def commit(self, path: Path, manifest: Manifest) -> list[str]: ...

    def discard(self) -> None: ...

    def close(self) -> None: ...


def database_for_settings() -> Database:
    from django.conf import settings
    from django.db import connection

    config = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        from govscore.web.backup.sqlite import SqliteDatabase, sqlite_path

        return SqliteDatabase(sqlite_path(str(config["NAME"])))
    if connection.vendor == "postgresql":
        from govscore.web.backup.postgres import PostgresDatabase

        return PostgresDatabase(config)
    raise BackupError("backup.vendor_unsupported", vendor=connection.vendor)


def compare(state: DatabaseState, manifest: Manifest, key: str) -> None:
    """The database against its manifest: same tables, same row counts, same applied migrations."""
    problems = differences(state, manifest)
    if problems:
        raise BackupError(key, detail=problems)


def differences(state: DatabaseState, manifest: Manifest) -> list[Problem]:
    problems: list[Problem] = []
    expected = manifest.tables
    if set(state.tables) != set(expected):
        changed = sorted(set(state.tables) ^ set(expected))
        problems.append(Problem("backup.tables_differ", {"tables": ", ".join(changed[:10])}))
    for table in sorted(set(state.tables) & set(expected)):
        if state.tables[table] != expected[table]:
            problems.append(
                Problem(
                    "backup.rows_differ", {"table": table, "actual": state.tables[table], "expected": expected[table]}
                )
            )
    if state.migrations != manifest.migrations:
        problems.append(Problem("backup.applied_differ"))
    return problems
