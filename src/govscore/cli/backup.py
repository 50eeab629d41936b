"""`govscore backup DIR` and `govscore restore DIR [--force] [--check]`: the database and the uploaded files
as one verified folder, and back (`web/backup/operations.py` does the work, this module says it).

Exit codes as the rest of the command line: 0 success, 2 anything else, always with a message naming the
path and what is wrong, never a traceback.
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.scoring.messages import render
from govscore.scoring.vietnamese import format_size
from govscore.web.backup.database import BackupError, Database, database_for_settings
from govscore.web.backup.manifest import BackupInvalid, Manifest, read_manifest, verify_files
from govscore.web.backup.operations import Summary, code_migrations, make_backup, restore


def register(commands: Any, lang: str) -> None:
    """Add `backup` and `restore`: the database and the uploaded files into a verified folder, and back."""
    backup = commands.add_parser(
        "backup", help=render("backup.help_backup", lang), description=render("backup.about_backup", lang)
    )
    backup.add_argument("dir", metavar="DIR", help=render("backup.help_backup_dir", lang))
    restore_cmd = commands.add_parser(
        "restore", help=render("backup.help_restore", lang), description=render("backup.about_restore", lang)
    )
    restore_cmd.add_argument("dir", metavar="DIR", help=render("backup.help_restore_dir", lang))
    restore_cmd.add_argument("--force", action="store_true", help=render("backup.help_force", lang))
    restore_cmd.add_argument("--check", action="store_true", help=render("backup.help_check", lang))
    for parser, handler in ((backup, cmd_backup), (restore_cmd, cmd_restore)):
        parser.add_argument(
            "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=render("cli.help_lang", lang)
        )
        parser.set_defaults(handler=handler)


def error_text(error: BackupError, lang: str) -> str:
    """The message; a `detail` that is a list of problems is rendered inline, `lines` one per line."""
    params = dict(error.params)
    detail = params.get("detail")
    if isinstance(detail, list):
        params["detail"] = "; ".join(render(problem.key, lang, **problem.args) for problem in detail)
    lines = params.pop("lines", [])
    assert isinstance(lines, list)
    return "\n".join([render(error.key, lang, **params), *(f"- {render(p.key, lang, **p.args)}" for p in lines)])


def _summary_line(key: str, summary: Summary, seconds: float, lang: str) -> str:
    return render(
        key,
        lang,
        path=summary.path,
        vendor=summary.vendor,
        tables=len(summary.state.tables),
        rows=summary.state.rows,
        files=summary.files,
        uploads=format_size(summary.upload_bytes, lang),
        total=format_size(summary.total_bytes, lang),
        seconds=_seconds(seconds, lang),
    )


def _seconds(seconds: float, lang: str) -> str:
    text = f"{seconds:.1f}" if seconds >= 10 else f"{seconds:.2f}"
    return text if lang == "en" else text.replace(".", ",")


def _print_missing(missing: list[str], lang: str) -> None:
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        sys.stderr.write(render("backup.referenced_missing", lang, count=len(missing), paths=shown) + "\n")


def cmd_backup(args: argparse.Namespace) -> int:
    def action() -> int:
        _setup()
        started = time.monotonic()
        summary = make_backup(Path(args.dir))
        from govscore.web.audit.record import record_backup  # the app's models load after the set-up

        _record(lambda: record_backup(str(summary.path), summary.files, summary.total_bytes), args.lang)
        print(_summary_line("backup.backed_up", summary, time.monotonic() - started, args.lang))
        _print_missing(summary.missing_referenced, args.lang)
        return EXIT_OK

    return _guarded(action, args.lang)


def _checked_backup(source: Path) -> Manifest:
    """The manifest of a backup whose every file is present and unaltered; else every problem, located."""
    try:
        manifest = read_manifest(source)
        verify_files(source, manifest)
    except BackupInvalid as invalid:
        raise BackupError(
            "backup.backup_invalid", path=source, count=len(invalid.problems), lines=invalid.problems
        ) from None
    return manifest


def _setup() -> None:
    """Start Django; a bad environment value (DATABASE_URL, DEBUG…) is a message, not a traceback."""
    try:
        setup_django()
    except Exception as error:
        raise BackupError("backup.settings", detail=_first_line(error)) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def cmd_restore(args: argparse.Namespace) -> int:
    lang = args.lang

    def action() -> int:
        started = time.monotonic()
        source = Path(args.dir).absolute()
        manifest = _checked_backup(source)
        _setup()
        unknown, pending = code_migrations(manifest)
        if unknown:
            shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
            version = manifest.data.get("govscore_version", "?")
            raise BackupError("backup.migrations_newer", path=source, version=version, count=len(unknown), names=shown)
        if args.check:
            return _check_only(source, manifest, lang)
        database = database_for_settings()
        if database.vendor != manifest.vendor:
            raise BackupError("backup.vendor_mismatch", path=source, backup=manifest.vendor, target=database.vendor)
        try:
            summary = restore(source, manifest, database, force=args.force, lang=lang, notify=print)
        finally:
            database.discard()
            database.close()
        if not pending:
            from govscore.web.audit.record import record_restore  # the app's models load after the set-up

            # With migrations pending, the restored trail may not have the shape this code writes.
            made_at = str(manifest.data.get("created_at", ""))
            _record(lambda: record_restore(str(source), made_at, str(summary.safety) if summary.safety else ""), lang)
        print(_summary_line("backup.restored", summary, time.monotonic() - started, lang))
        if pending:
            print(render("backup.pending_migrations", lang, count=pending))
        return EXIT_OK

    return _guarded(action, lang)


def _check_only(source: Path, manifest: Manifest, lang: str) -> int:
    from govscore.web.backup.postgres import PostgresDatabase
    from govscore.web.backup.sqlite import SqliteDatabase

    checker: Database = (
        SqliteDatabase(source / manifest.database_file) if manifest.vendor == "sqlite" else PostgresDatabase({})
    )
    checker.check_backup(source / manifest.database_file)
    tables = manifest.tables
    print(
        render(
            "backup.checked",
            lang,
            path=source,
            files=len(manifest.files),
            total=format_size(sum(entry.size for entry in manifest.files), lang),
            vendor=manifest.vendor,
            tables=len(tables),
            rows=sum(tables.values()),
            uploads=len(manifest.upload_files),
            created=manifest.data.get("created_at", "?"),
            version=manifest.data.get("govscore_version", "?"),
        )
    )
    return EXIT_OK


def _record(write: Callable[[], object], lang: str) -> None:
    """Write the audit row of a finished backup or restore. Failing to (a writer holding SQLite's lock
    past the timeout) does not undo the work, so it is said, not raised."""
    from django.db import DatabaseError

    try:
        write()
    except DatabaseError as error:
        print(render("backup.not_recorded", lang, detail=error), file=sys.stderr)


def _guarded(action: Callable[[], int], lang: str) -> int:
    """Run a command: expected failures become one located message and exit 2, never a traceback."""

    def terminate(signum: int, _frame: FrameType | None) -> None:
        # Under systemd or cron a stop is SIGTERM: unwinding lets every temporary folder be removed.
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        return action()
    except BackupError as error:
        message = error_text(error, lang)
    except OSError as error:
        message = render("backup.file_error", lang, path=error.filename or "", detail=error.strerror or error)
    except sqlite3.Error as error:
        message = render("backup.database", lang, detail=_first_line(error))
    except Exception as error:
        from django.db import DatabaseError

        if isinstance(error, DatabaseError):
            message = render("backup.database", lang, detail=_first_line(error))
        else:
            message = render("backup.unexpected", lang, detail=f"{type(error).__name__}: {_first_line(error)}")
    finally:
        signal.signal(signal.SIGTERM, previous)
    sys.stderr.write(message + "\n")
    return EXIT_BAD_INPUT


EXIT_OK, EXIT_BAD_INPUT = 0, 2
