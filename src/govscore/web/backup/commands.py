"""`govscore backup DIR` and `govscore restore DIR [--force] [--check]`.

Exit codes as the rest of the command line: 0 success, 2 anything else, always with a message naming the
path and what is wrong, never a traceback. A failed backup leaves no folder; a refused restore changes
nothing; a restore over existing data first backs that data up into the data folder (before-restore-…).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import shutil
import signal
import socket
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from govscore.web.backup.database import BackupError, Database, DatabaseState, database_for_settings, differences
from govscore.web.backup.files import (
    HashMismatch,
    copy_file,
    copy_tree,
    fix_owner,
    fsync_dir,
    hash_file,
    replace_contents,
    replace_dir,
    tree_files,
)
from govscore.web.backup.manifest import (
    FORMAT,
    FORMAT_VERSION,
    UPLOADS,
    BackupInvalid,
    Manifest,
    read_manifest,
    verify_files,
    write_manifest,
)
from govscore.web.backup.messages import count_text, say, size_text

EXIT_OK, EXIT_BAD_INPUT = 0, 2
SAFETY_PREFIX = "before-restore-"


def render(error: BackupError, lang: str) -> str:
    """The message; a `detail` that is a list of problems is rendered inline, `lines` one per line."""
    params = dict(error.params)
    detail = params.get("detail")
    if isinstance(detail, list):
        params["detail"] = "; ".join(say(problem.key, lang, **problem.args) for problem in detail)
    lines = params.pop("lines", [])
    assert isinstance(lines, list)
    return "\n".join([say(error.key, lang, **params), *(f"- {say(p.key, lang, **p.args)}" for p in lines)])


def govscore_version() -> str:
    try:
        return importlib.metadata.version("govscore")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _media_root() -> Path:
    from django.conf import settings

    # The real folder: a symbolic link to it is followed, so the link itself survives a restore.
    return Path(settings.MEDIA_ROOT).resolve()


def _data_dir() -> Path:
    from django.conf import settings

    return Path(getattr(settings, "DATA_DIR", Path(settings.MEDIA_ROOT).parent)).resolve()


@dataclass(frozen=True)
class Summary:
    path: Path
    vendor: str
    state: DatabaseState
    files: int
    upload_bytes: int
    total_bytes: int
    missing_referenced: list[str]
    # Where a forced restore kept what it replaced.
    safety: Path | None = None


def make_backup(target: Path, *, allow_empty: bool = False) -> Summary:
    """Write the backup into a hidden sibling folder, then rename it to target: never a half backup at target."""
    target = target.absolute()
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise BackupError("target_not_dir", path=target)
        if any(target.iterdir()):
            raise BackupError("target_not_empty", path=target)
    database = database_for_settings()
    media = _media_root()
    if target.resolve().is_relative_to(media):
        raise BackupError("target_in_uploads", path=target, media=media)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # mkdtemp makes it readable by its owner only: a backup holds password hashes.
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.partial-"))
    except OSError as error:
        raise BackupError("cannot_write", path=target.parent, detail=error.strerror or error) from None
    try:
        created = datetime.datetime.now(datetime.UTC)
        # The database first, the files after: the application never deletes a file a row refers to, so every
        # file of the snapshot is still there; files uploaded meanwhile are merely extra.
        snapshot = database.snapshot(staging)
        state = snapshot.state
        if not allow_empty and "django_migrations" not in state.tables:
            raise BackupError("not_set_up", database=database.describe())
        size, sha256 = hash_file(staging / database.file_name)
        uploads = copy_tree(media, staging / UPLOADS, UPLOADS)
        copied = {entry.path.removeprefix(UPLOADS + "/") for entry in uploads}
        missing = sorted(state.referenced - copied)
        upload_bytes = sum(entry.size for entry in uploads)
        files = [{"path": database.file_name, "size": size, "sha256": sha256}] + [e.as_dict() for e in uploads]
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "govscore_version": govscore_version(),
            "created_at": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "host": socket.gethostname(),
            "database": {
                "vendor": database.vendor,
                "file": database.file_name,
                "server_version": snapshot.server_version,
                **snapshot.extra,
                "tables": state.tables,
            },
            "migrations": state.migrations,
            "uploads": {
                "folder": UPLOADS,
                "source": str(media),
                "files": len(uploads),
                "bytes": upload_bytes,
                "referenced": len(state.referenced),
                "missing_referenced": missing,
            },
            "files": files,
        }
        write_manifest(staging, manifest)
        fsync_dir(staging)
        try:
            # Replaces an empty target folder; fails on one that got content meanwhile.
            staging.rename(target)
        except OSError as error:
            raise BackupError("target_taken", path=target, detail=error.strerror or error) from None
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        database.close()
    return Summary(target, database.vendor, state, len(uploads), upload_bytes, size + upload_bytes, missing)


def _summary_line(key: str, summary: Summary, seconds: float, lang: str) -> str:
    return say(
        key,
        lang,
        path=summary.path,
        vendor=summary.vendor,
        tables=count_text(len(summary.state.tables), lang),
        rows=count_text(summary.state.rows, lang),
        files=count_text(summary.files, lang),
        uploads=size_text(summary.upload_bytes, lang),
        total=size_text(summary.total_bytes, lang),
        seconds=_seconds(seconds, lang),
    )


def _seconds(seconds: float, lang: str) -> str:
    text = f"{seconds:.1f}" if seconds >= 10 else f"{seconds:.2f}"
    return text if lang == "en" else text.replace(".", ",")


def _print_missing(missing: list[str], lang: str) -> None:
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        sys.stderr.write(say("referenced_missing", lang, count=len(missing), paths=shown) + "\n")


def run_backup(args: argparse.Namespace, setup: Callable[[], None]) -> int:
    def action() -> int:
        _setup(setup)
        started = time.monotonic()
        summary = make_backup(Path(args.dir))
        from govscore.web.audit.record import record_backup  # the app's models load after the set-up

        _record(lambda: record_backup(str(summary.path), summary.files, summary.total_bytes), args.lang)
        print(_summary_line("backed_up", summary, time.monotonic() - started, args.lang))
        _print_missing(summary.missing_referenced, args.lang)
        return EXIT_OK

    return _guarded(action, args.lang)


def code_migrations(manifest: Manifest) -> tuple[list[str], int]:
    """(migrations the backup has and this code lacks, migrations this code has and the backup lacks)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known: set[tuple[str, str]] = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    applied = {(app, name) for app, names in manifest.migrations.items() for name in names}
    unknown = sorted(f"{app}.{name}" for app, name in applied - known)
    pending = 0
    for key, migration in loader.disk_migrations.items():
        # A squashed migration counts as applied when everything it replaces was.
        done = key in applied or (migration.replaces and all(tuple(r) in applied for r in migration.replaces))
        replaced_elsewhere = any(key in {tuple(r) for r in m.replaces} for m in loader.disk_migrations.values())
        if not done and not replaced_elsewhere:
            pending += 1
    return unknown, pending


def _checked_backup(source: Path) -> Manifest:
    """The manifest of a backup whose every file is present and unaltered; else every problem, located."""
    try:
        manifest = read_manifest(source)
        verify_files(source, manifest)
    except BackupInvalid as invalid:
        raise BackupError("backup_invalid", path=source, count=len(invalid.problems), lines=invalid.problems) from None
    return manifest


def _setup(setup: Callable[[], None]) -> None:
    """Start Django; a bad environment value (DATABASE_URL, DEBUG…) is a message, not a traceback."""
    try:
        setup()
    except Exception as error:
        raise BackupError("settings", detail=_first_line(error)) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def run_restore(args: argparse.Namespace, setup: Callable[[], None]) -> int:
    lang = args.lang

    def action() -> int:
        started = time.monotonic()
        source = Path(args.dir).absolute()
        manifest = _checked_backup(source)
        _setup(setup)
        unknown, pending = code_migrations(manifest)
        if unknown:
            shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
            version = manifest.data.get("govscore_version", "?")
            raise BackupError("migrations_newer", path=source, version=version, count=len(unknown), names=shown)
        if args.check:
            return _check_only(source, manifest, lang)
        database = database_for_settings()
        if database.vendor != manifest.vendor:
            raise BackupError("vendor_mismatch", path=source, backup=manifest.vendor, target=database.vendor)
        try:
            summary = _restore(source, manifest, database, args.force, lang)
        finally:
            database.discard()
            database.close()
        if not pending:
            from govscore.web.audit.record import record_restore  # the app's models load after the set-up

            # With migrations pending, the restored trail may not have the shape this code writes.
            made_at = str(manifest.data.get("created_at", ""))
            _record(lambda: record_restore(str(source), made_at, str(summary.safety) if summary.safety else ""), lang)
        print(_summary_line("restored", summary, time.monotonic() - started, lang))
        if pending:
            print(say("pending_migrations", lang, count=pending))
        return EXIT_OK

    return _guarded(action, lang)


def _check_only(source: Path, manifest: Manifest, lang: str) -> int:
    from govscore.web.backup.database import PostgresDatabase, SqliteDatabase

    checker: Database = (
        SqliteDatabase(source / manifest.database_file) if manifest.vendor == "sqlite" else PostgresDatabase({})
    )
    checker.check_backup(source / manifest.database_file)
    tables = manifest.tables
    print(
        say(
            "checked",
            lang,
            path=source,
            files=count_text(len(manifest.files), lang),
            total=size_text(sum(entry.size for entry in manifest.files), lang),
            vendor=manifest.vendor,
            tables=count_text(len(tables), lang),
            rows=count_text(sum(tables.values()), lang),
            uploads=count_text(len(manifest.upload_files), lang),
            created=manifest.data.get("created_at", "?"),
            version=manifest.data.get("govscore_version", "?"),
        )
    )
    return EXIT_OK


def _restore(source: Path, manifest: Manifest, database: Database, force: bool, lang: str) -> Summary:
    media = _media_root()
    if source.resolve().is_relative_to(media):
        raise BackupError("source_in_uploads", path=source, media=media)
    target = database.current()
    present = tree_files(media)
    data_tables = target.state.data_tables() if target.state else []
    if (data_tables or present or target.damaged) and not force:
        what = []
        if target.damaged:
            what.append(f"{database.describe()}: {target.damaged}")
        if data_tables:
            shown = ", ".join(data_tables[:5]) + (" …" if len(data_tables) > 5 else "")
            what.append(say("has_data_tables", lang, tables=shown))
        if present:
            what.append(say("has_data_files", lang, count=len(present), path=media))
        raise BackupError("has_data", what="; ".join(what), data_dir=_data_dir())
    database.close()

    # Everything that can fail slowly happens before the first change: copies, hashes, checks, and the
    # backup of what is replaced (taken before the uploads are staged, which may be inside the uploads folder).
    database.stage(source / manifest.database_file, manifest)
    safety = _safety_backup(database, bool(target.damaged), lang) if data_tables or present or target.damaged else None
    with _staged_uploads(source, manifest, media) as staged:
        dropped = database.commit(source / manifest.database_file, manifest)
        if dropped:
            print(say("dropped_tables", lang, count=len(dropped), tables=", ".join(dropped)))
        try:
            _put_uploads(staged, media)
        except OSError as error:
            raise BackupError("uploads_failed", path=media, detail=error.strerror or error, staged=staged) from None
    after = database.current().state or DatabaseState()
    problems = differences(after, manifest)
    if problems:
        raise BackupError("restore_mismatch", detail=problems, data_dir=_data_dir())
    uploads = manifest.upload_files
    upload_bytes = sum(entry.size for entry in uploads)
    total = upload_bytes + manifest.entry(manifest.database_file).size
    return Summary(source, database.vendor, after, len(uploads), upload_bytes, total, [], safety)


@contextmanager
def _staged_uploads(source: Path, manifest: Manifest, media: Path) -> Iterator[Path]:
    """The backup's uploads copied (and hashed again) beside the uploads folder, ready to be swapped in.

    Beside it, so that the swap is a rename on one file system; inside it when it is a mount point, which
    cannot be renamed.
    """
    mount = media.is_dir() and os.path.ismount(media)
    parent = media if mount else media.parent
    parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=parent, prefix=".restore-" if mount else f".{media.name}.restore-"))
    keep = False
    try:
        for entry in manifest.upload_files:
            destination = staged / entry.path.removeprefix(UPLOADS + "/")
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                copy_file(source / entry.path, destination, entry.sha256)
            except HashMismatch:
                raise BackupError("file_hash", path=source / entry.path) from None
        for folder, _dirs, _names in os.walk(staged):
            fsync_dir(Path(folder))
        # The server's user must own what root restores, as it owned the folder before.
        uid, gid = _owner(media)
        fix_owner(staged, uid, gid)
        os.chmod(staged, 0o755 if not media.exists() else media.stat().st_mode & 0o7777)
        yield staged
    except BackupError as error:
        keep = error.key == "uploads_failed"
        raise
    finally:
        if not keep and staged.exists():
            shutil.rmtree(staged, ignore_errors=True)


def _owner(path: Path) -> tuple[int, int]:
    while not path.exists():
        path = path.parent
    info = path.stat()
    return info.st_uid, info.st_gid


def _put_uploads(staged: Path, media: Path) -> None:
    if staged.parent == media:
        replace_contents(staged, media)
    else:
        replace_dir(staged, media)


def _safety_backup(database: Database, damaged: bool, lang: str) -> Path:
    """What a forced restore replaces is backed up first, as a backup that `govscore restore` takes back."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    folder = _data_dir() / f"{SAFETY_PREFIX}{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = _data_dir() / f"{SAFETY_PREFIX}{stamp}-{suffix}"
    if damaged:
        # An unreadable database cannot go through a backup: its bytes are kept as they are.
        database.keep_damaged(folder / "damaged-database")
        copy_tree(_media_root(), folder / UPLOADS, UPLOADS)
        print(say("damaged_kept", lang, path=folder))
    else:
        make_backup(folder, allow_empty=True)
        print(say("safety_backup", lang, path=folder))
    return folder


def _record(write: Callable[[], object], lang: str) -> None:
    """Write the audit row of a finished backup or restore. Failing to (a writer holding SQLite's lock
    past the timeout) does not undo the work, so it is said, not raised."""
    from django.db import DatabaseError

    try:
        write()
    except DatabaseError as error:
        print(say("not_recorded", lang, detail=error), file=sys.stderr)


def _guarded(action: Callable[[], int], lang: str) -> int:
    """Run a command: expected failures become one located message and exit 2, never a traceback."""

    def terminate(signum: int, _frame: FrameType | None) -> None:
        # Under systemd or cron a stop is SIGTERM: unwinding lets every temporary folder be removed.
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        return action()
    except BackupError as error:
        message = render(error, lang)
    except OSError as error:
        message = say("file_error", lang, path=error.filename or "", detail=error.strerror or error)
    except sqlite3.Error as error:
        message = say("database", lang, detail=_first_line(error))
    except Exception as error:
        from django.db import DatabaseError

        if isinstance(error, DatabaseError):
            message = say("database", lang, detail=_first_line(error))
        else:
            message = say("unexpected", lang, detail=f"{type(error).__name__}: {_first_line(error)}")
    finally:
        signal.signal(signal.SIGTERM, previous)
    sys.stderr.write(message + "\n")
    return EXIT_BAD_INPUT
