"""The database half of a backup and of a restore, for SQLite and for PostgreSQL.

SQLite: the online backup API copies the live file in one step under a read lock, so the copy is a
committed state even while the server writes; a restore copies the file next to the target, checks it and
renames it over the target (one atomic step). PostgreSQL: a REPEATABLE READ transaction exports its
snapshot, the row counts and file references are read in it and `pg_dump --snapshot` dumps exactly that
state; a restore is one `pg_restore --single-transaction`, so it either completes or changes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from govscore.web.backup.files import HashMismatch, copy_file, fsync_dir
from govscore.web.backup.manifest import POSTGRES_FILE, SQLITE_FILE, Manifest, Problem

# Rows that `migrate` itself writes: a database holding only these has no data of its users.
SETUP_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
# Django settings of the PostgreSQL back end that are not libpq connection parameters.
DJANGO_ONLY_OPTIONS = frozenset({"pool", "server_side_binding", "isolation_level", "assume_role", "cursor_factory"})
# Secrets stay off the command line, where every user of the machine can read them.
SECRET_OPTIONS = frozenset({"password", "sslpassword"})
PG_BIN_ROOT = Path("/usr/lib/postgresql")


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
        return SqliteDatabase(sqlite_path(str(config["NAME"])))
    if connection.vendor == "postgresql":
        return PostgresDatabase(config)
    raise BackupError("backup.vendor_unsupported", vendor=connection.vendor)


def sqlite_path(name: str) -> Path:
    if name in ("", ":memory:") or name.startswith("file::memory:") or "mode=memory" in name:
        raise BackupError("backup.sqlite_memory")
    return Path(name).absolute()


def _sqlite_uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path))}?{mode}"


def _integrity(conn: sqlite3.Connection) -> str:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return "" if rows == [("ok",)] else "; ".join(str(row[0]) for row in rows[:5])


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _owner_of(path: Path) -> tuple[int, int]:
    while not path.exists():
        path = path.parent
    info = path.stat()
    return info.st_uid, info.st_gid


class SqliteDatabase:
    vendor = "sqlite"
    file_name = SQLITE_FILE

    def __init__(self, path: Path) -> None:
        self.path = path
        self.staged: Path | None = None
        self.journal_mode = "delete"

    def describe(self) -> str:
        return str(self.path)

    def _open(self, timeout: float = 30) -> sqlite3.Connection:
        # mode=rw: a missing file is an error, never silently created empty.
        return sqlite3.connect(_sqlite_uri(self.path, "mode=rw"), uri=True, timeout=timeout, isolation_level=None)

    def snapshot(self, folder: Path) -> Snapshot:
        if not self.path.is_file():
            raise BackupError("backup.sqlite_missing", path=self.path)
        target = folder / SQLITE_FILE
        try:
            source = self._open()
        except sqlite3.Error as error:
            raise BackupError("backup.sqlite_broken", path=self.path, detail=error) from None
        try:
            journal_mode = str(source.execute("PRAGMA journal_mode").fetchone()[0])
            copy = sqlite3.connect(target, isolation_level=None)
            try:
                # One step (pages=-1): the whole file under one read lock, hence one committed state.
                source.backup(copy)
                # The copy stands alone: no -wal file beside it, whatever the live database uses.
                copy.execute("PRAGMA journal_mode=DELETE")
                problem = _integrity(copy)
                if problem:
                    raise BackupError("backup.sqlite_broken", path=self.path, detail=problem)
                state = read_state(copy.cursor(), self.vendor)
            finally:
                copy.close()
        except sqlite3.DatabaseError as error:
            raise BackupError("backup.sqlite_broken", path=self.path, detail=error) from None
        finally:
            source.close()
        _fsync_file(target)
        return Snapshot(state, sqlite3.sqlite_version, {"name": str(self.path), "journal_mode": journal_mode})

    def check_backup(self, path: Path) -> None:
        # immutable=1: reading the backup must not create a journal beside it (the folder must stay as listed).
        conn = sqlite3.connect(_sqlite_uri(path.absolute(), "mode=ro&immutable=1"), uri=True)
        try:
            problem = _integrity(conn)
        except sqlite3.DatabaseError as error:
            problem = str(error)
        finally:
            conn.close()
        if problem:
            raise BackupError("backup.sqlite_broken", path=path, detail=problem)

    def current(self) -> TargetState:
        if not self.path.exists():
            return TargetState(None)
        self._check_not_in_use()
        try:
            conn = self._open(timeout=5)
            try:
                return TargetState(read_state(conn.cursor(), self.vendor))
            finally:
                conn.close()
        except sqlite3.DatabaseError as error:
            return TargetState(None, damaged=str(error))

    def _check_not_in_use(self) -> None:
        """Refuse while another program has the file open, as far as SQLite lets anyone see it.

        In WAL mode a checkpoint reports other connections, and the -wal file outlives only the last one; in
        rollback mode a -journal exists only during someone's write. An idle server in rollback mode cannot be
        seen: hence the help's "stop the server first".
        """
        try:
            conn = self._open(timeout=2)
        except sqlite3.DatabaseError:
            return
        mode = ""
        try:
            # Reading also rolls back a journal left by a crash, so none is left to spoil the new file.
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            if mode == "wal":
                busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if busy:
                    raise BackupError("backup.in_use", path=self.path, detail="WAL checkpoint busy")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise BackupError("backup.in_use", path=self.path, detail=error) from None
        except sqlite3.DatabaseError:
            return  # damaged: `current` reports it
        finally:
            conn.close()
        # The last connection to close removes the -wal and -shm files: any left belong to another program.
        companions = ("-wal", "-shm") if mode == "wal" else ("-journal",)
        for suffix in companions:
            companion = Path(f"{self.path}{suffix}")
            if companion.exists() and (mode == "wal" or companion.stat().st_size > 0):
                raise BackupError("backup.in_use", path=self.path, detail=companion.name)

    def stage(self, path: Path, manifest: Manifest) -> None:
        """Copy the backup beside the target (same file system, so the final rename is atomic) and check it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.restore-")
        os.close(fd)
        os.unlink(name)
        self.staged = Path(name)
        try:
            copy_file(path, self.staged, manifest.entry(manifest.database_file).sha256)
        except HashMismatch:
            raise BackupError("backup.file_hash", path=path) from None
        conn = sqlite3.connect(_sqlite_uri(self.staged, "mode=rw"), uri=True, isolation_level=None)
        try:
            problem = _integrity(conn)
            if problem:
                raise BackupError("backup.sqlite_broken", path=path, detail=problem)
            state = read_state(conn.cursor(), self.vendor)
            _compare(state, manifest, "backup.migrations_differ")
            if str(manifest.data["database"].get("journal_mode", "")).lower() == "wal":
                conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        _fsync_file(self.staged)
        fsync_dir(self.path.parent)

    def keep_damaged(self, folder: Path) -> None:
        """An unreadable database is kept byte for byte (with its journals) before it is replaced."""
        folder.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-journal", "-shm"):
            companion = Path(f"{self.path}{suffix}")
            if companion.exists():
                copy_file(companion, folder / companion.name)
        fsync_dir(folder)

    def commit(self, path: Path, manifest: Manifest) -> list[str]:
        assert self.staged is not None, "stage() comes first"
        if self.path.exists():
            info = self.path.stat()
            os.chmod(self.staged, stat.S_IMODE(info.st_mode))
            owner = info.st_uid, info.st_gid
        else:
            owner = _owner_of(self.path.parent)
        if os.geteuid() == 0:
            os.chown(self.staged, *owner)
        self._check_not_in_use()
        for suffix in ("-wal", "-journal", "-shm"):
            # Only stale leftovers can remain here (see _check_not_in_use); none may pair with the new file.
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        os.replace(self.staged, self.path)
        self.staged = None
        fsync_dir(self.path.parent)
        return []

    def discard(self) -> None:
        if self.staged is not None:
            self.staged.unlink(missing_ok=True)
            self.staged = None

    def close(self) -> None:
        from django.db import connection

        connection.close()


def _compare(state: DatabaseState, manifest: Manifest, key: str) -> None:
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


class PostgresDatabase:
    vendor = "postgresql"
    file_name = POSTGRES_FILE

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.pg_restore: Path | None = None

    def describe(self) -> str:
        host = self.config.get("HOST") or "localhost"
        port = self.config.get("PORT") or 5432
        return f"{self.config.get('NAME')} @ {host}:{port}"

    def conninfo(self) -> str:
        """The libpq connection string for pg_dump and pg_restore, without the password."""
        from psycopg.conninfo import make_conninfo

        params: dict[str, str] = {}
        for key, setting in (("dbname", "NAME"), ("user", "USER"), ("host", "HOST"), ("port", "PORT")):
            if self.config.get(setting):
                params[key] = str(self.config[setting])
        for key, value in (self.config.get("OPTIONS") or {}).items():
            if key not in DJANGO_ONLY_OPTIONS and key not in SECRET_OPTIONS and isinstance(value, str | int):
                params[key] = str(value)
        return make_conninfo(**params)

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.config.get("PASSWORD"):
            env["PGPASSWORD"] = str(self.config["PASSWORD"])
        return env

    def server_major(self) -> int:
        from django.db import connection

        connection.ensure_connection()
        version = int(connection.pg_version)
        return version // 10000 if version >= 100000 else version // 100

    def _run(self, tool: Path, arguments: list[str]) -> None:
        done = subprocess.run(
            [str(tool), *arguments], env=self.environment(), capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
            raise BackupError("backup.tool_failed", tool=tool.name, code=done.returncode, detail=" | ".join(lines[-5:]))

    def snapshot(self, folder: Path) -> Snapshot:
        from django.db import connection, transaction

        pg_dump = find_tool("pg_dump", self.server_major())
        target = folder / POSTGRES_FILE
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, version = cursor.fetchone()
            state = read_state(cursor, self.vendor)
            # The snapshot lives as long as this transaction: pg_dump must run inside it.
            self._run(
                pg_dump,
                ["--format=custom", f"--file={target}", f"--snapshot={snapshot}", "--no-password", self._dbname()],
            )
        _fsync_file(target)
        return Snapshot(state, str(version), {"name": self.describe()})

    def _dbname(self) -> str:
        return f"--dbname={self.conninfo()}"

    def check_backup(self, path: Path) -> None:
        tool = find_tool("pg_restore", 0, required=False)
        if tool is not None:
            # Reads the archive's table of contents: a truncated or foreign file fails here.
            done = subprocess.run([str(tool), "--list", str(path)], capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise BackupError(
                    "backup.tool_failed", tool=tool.name, code=done.returncode, detail=done.stderr.strip()
                )

    def current(self) -> TargetState:
        from django.db import connection

        with connection.cursor() as cursor:
            return TargetState(read_state(cursor, self.vendor))

    def stage(self, path: Path, manifest: Manifest) -> None:
        self.pg_restore = find_tool("pg_restore", self.server_major())

    def keep_damaged(self, folder: Path) -> None:
        raise AssertionError("a PostgreSQL database is never read as damaged")

    def commit(self, path: Path, manifest: Manifest) -> list[str]:
        from django.db import connection

        current = self.current().state or DatabaseState()
        # Tables the backup lacks (made by newer migrations) would survive --clean and confuse `migrate`.
        extra = sorted(set(current.tables) - set(manifest.tables))
        if extra:
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE IF EXISTS " + ", ".join(quote(table) for table in extra) + " CASCADE")
        connection.close()
        self._run(
            self.pg_restore,
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                # Grants name roles of the source server, which need not exist here.
                "--no-privileges",
                # One transaction: a failure half way leaves the database as it was.
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                self._dbname(),
                str(path),
            ],
        )
        return extra

    def discard(self) -> None:
        pass

    def close(self) -> None:
        from django.db import connection

        connection.close()


def find_tool(name: str, server_major: int, required: bool = True) -> Path | None:
    """pg_dump or pg_restore: the server's own major version if installed, else PATH, else the newest one.

    pg_dump refuses a server newer than itself, and pg_restore an archive from a newer pg_dump, so an exact
    match is the safest choice and the newest installed the best fallback.
    """
    installed: dict[int, Path] = {}
    if PG_BIN_ROOT.is_dir():
        for folder in PG_BIN_ROOT.iterdir():
            candidate = folder / "bin" / name
            if re.fullmatch(r"\d+", folder.name) and os.access(candidate, os.X_OK):
                installed[int(folder.name)] = candidate
    if server_major in installed:
        return installed[server_major]
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    if installed:
        return installed[max(installed)]
    if required:
        raise BackupError("backup.tool_missing", tool=name, version=server_major or "")
    return None
