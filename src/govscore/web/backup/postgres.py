"""PostgreSQL's half of a backup and of a restore.

A REPEATABLE READ transaction exports its snapshot, the row counts and file references are read in it
and `pg_dump --snapshot` dumps exactly that state; a restore is one `pg_restore --single-transaction`,
so it either completes or changes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from govscore.web.backup.database import BackupError, DatabaseState, Snapshot, TargetState, quote, read_state
from govscore.web.backup.files import fsync_file
from govscore.web.backup.manifest import POSTGRES_FILE, Manifest

# Django settings of the PostgreSQL back end that are not libpq connection parameters.
DJANGO_ONLY_OPTIONS = frozenset({"pool", "server_side_binding", "isolation_level", "assume_role", "cursor_factory"})
# Secrets stay off the command line, where every user of the machine can read them.
SECRET_OPTIONS = frozenset({"password", "sslpassword"})
PG_BIN_ROOT = Path("/usr/lib/postgresql")


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
        fsync_file(target)
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
