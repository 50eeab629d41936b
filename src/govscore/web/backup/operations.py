"""Making a backup and restoring one: what `govscore backup` and `govscore restore` do, without the printing.

A failed backup leaves no folder; a refused restore changes nothing; a restore over existing data first
backs that data up into the data folder (before-restore-…).
"""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govscore.scoring.messages import render
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
    Manifest,
    write_manifest,
)

SAFETY_PREFIX = "before-restore-"


def govscore_version() -> str:
    try:
        return importlib.metadata.version("govscore")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def media_root() -> Path:
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
            raise BackupError("backup.target_not_dir", path=target)
        if any(target.iterdir()):
            raise BackupError("backup.target_not_empty", path=target)
    database = database_for_settings()
    media = media_root()
    if target.resolve().is_relative_to(media):
        raise BackupError("backup.target_in_uploads", path=target, media=media)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # mkdtemp makes it readable by its owner only: a backup holds password hashes.
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.partial-"))
    except OSError as error:
        raise BackupError("backup.cannot_write", path=target.parent, detail=error.strerror or error) from None
    try:
        created = datetime.datetime.now(datetime.UTC)
        # The database first, the files after: the application never deletes a file a row refers to, so every
        # file of the snapshot is still there; files uploaded meanwhile are merely extra.
        snapshot = database.snapshot(staging)
        state = snapshot.state
        if not allow_empty and "django_migrations" not in state.tables:
            raise BackupError("backup.not_set_up", database=database.describe())
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
            raise BackupError("backup.target_taken", path=target, detail=error.strerror or error) from None
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        database.close()
    return Summary(target, database.vendor, state, len(uploads), upload_bytes, size + upload_bytes, missing)


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


def restore(
    source: Path, manifest: Manifest, database: Database, *, force: bool, lang: str, notify: Callable[[str], None]
) -> Summary:
    """Replace the database and the uploads with the backup's, after every check that can fail slowly;
    `notify` receives what the operator should read on the way (the safety backup's folder)."""
    media = media_root()
    if source.resolve().is_relative_to(media):
        raise BackupError("backup.source_in_uploads", path=source, media=media)
    target = database.current()
    present = tree_files(media)
    data_tables = target.state.data_tables() if target.state else []
    if (data_tables or present or target.damaged) and not force:
        what = []
        if target.damaged:
            what.append(f"{database.describe()}: {target.damaged}")
        if data_tables:
            shown = ", ".join(data_tables[:5]) + (" …" if len(data_tables) > 5 else "")
            what.append(render("backup.has_data_tables", lang, tables=shown))
        if present:
            what.append(render("backup.has_data_files", lang, count=len(present), path=media))
        raise BackupError("backup.has_data", what="; ".join(what), data_dir=_data_dir())
    database.close()

    # Everything that can fail slowly happens before the first change: copies, hashes, checks, and the
    # backup of what is replaced (taken before the uploads are staged, which may be inside the uploads folder).
    database.stage(source / manifest.database_file, manifest)
    safety = (
        _safety_backup(database, bool(target.damaged), lang, notify)
        if data_tables or present or target.damaged
        else None
    )
    with _staged_uploads(source, manifest, media) as staged:
        dropped = database.commit(source / manifest.database_file, manifest)
        if dropped:
            notify(render("backup.dropped_tables", lang, count=len(dropped), tables=", ".join(dropped)))
        try:
            _put_uploads(staged, media)
        except OSError as error:
            raise BackupError(
                "backup.uploads_failed", path=media, detail=error.strerror or error, staged=staged
            ) from None
    after = database.current().state or DatabaseState()
    problems = differences(after, manifest)
    if problems:
        raise BackupError("backup.restore_mismatch", detail=problems, data_dir=_data_dir())
    # Pages kept for the replaced data's versions must not outlive it (the restored ids come again).
    from django.core.cache import cache

    cache.clear()
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
                raise BackupError("backup.file_hash", path=source / entry.path) from None
        for folder, _dirs, _names in os.walk(staged):
            fsync_dir(Path(folder))
        # The server's user must own what root restores, as it owned the folder before.
        uid, gid = _owner(media)
        fix_owner(staged, uid, gid)
        os.chmod(staged, 0o755 if not media.exists() else media.stat().st_mode & 0o7777)
        yield staged
    except BackupError as error:
        keep = error.key == "backup.uploads_failed"
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


def _safety_backup(database: Database, damaged: bool, lang: str, notify: Callable[[str], None]) -> Path:
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
        copy_tree(media_root(), folder / UPLOADS, UPLOADS)
        notify(render("backup.damaged_kept", lang, path=folder))
    else:
        make_backup(folder, allow_empty=True)
        notify(render("backup.safety_backup", lang, path=folder))
    return folder
