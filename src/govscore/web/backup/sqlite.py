"""SQLite's half of a backup and of a restore.

The online backup API copies the live file in one step under a read lock, so the copy is a committed
state even while the server writes; a restore copies the file next to the target, checks it and renames
it over the target (one atomic step).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
import urllib.parse
from pathlib import Path

from govscore.web.backup.database import BackupError, Snapshot, TargetState, compare, read_state
from govscore.web.backup.files import HashMismatch, copy_file, fsync_dir, fsync_file
from govscore.web.backup.manifest import SQLITE_FILE, Manifest


def sqlite_path(name: str) -> Path:
    if name in ("", ":memory:") or name.startswith("file::memory:") or "mode=memory" in name:
        raise BackupError("backup.sqlite_memory")
    return Path(name).absolute()


def _sqlite_uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path))}?{mode}"


def _integrity(conn: sqlite3.Connection) -> str:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return "" if rows == [("ok",)] else "; ".join(str(row[0]) for row in rows[:5])


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
        fsync_file(target)
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
            compare(state, manifest, "backup.migrations_differ")
            if str(manifest.data["database"].get("journal_mode", "")).lower() == "wal":
                conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        fsync_file(self.staged)
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
