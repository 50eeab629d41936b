"""`manifest.json`: what a backup holds, and the proof that it still holds exactly that. No Django here.

{
  "format": "govscore-backup", "format_version": 1,
  "govscore_version": "0.1.0", "created_at": "2026-05-10T01:00:00Z", "host": "...",
  "database": {"vendor": "sqlite" | "postgresql", "file": "database.sqlite3", "server_version": "...",
               "name": "...", "journal_mode": "delete" (SQLite only), "tables": {"table": rows, ...}},
  "migrations": {"app_label": ["0001_initial", ...], ...},          # applied, in the order applied
  "uploads": {"folder": "uploads", "source": "/srv/data/uploads", "files": 2, "bytes": 1234,
              "referenced": 2, "missing_referenced": []},              # files rows name but the folder lacked
  "files": [{"path": "database.sqlite3", "size": 123, "sha256": "..."}, ...]
}

`created_at` is when the database snapshot was taken. `files` lists every file of the folder except the
manifest itself, with paths relative to the folder.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from govscore.web.backup.files import FileEntry, fsync_dir, hash_file

MANIFEST = "manifest.json"
FORMAT = "govscore-backup"
FORMAT_VERSION = 1
UPLOADS = "uploads"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
DATABASE_FILES = {"sqlite": SQLITE_FILE, "postgresql": POSTGRES_FILE}
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a backup folder: a message key and its arguments (the path first)."""

    key: str
    args: dict[str, object] = field(default_factory=dict)


class BackupInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def vendor(self) -> str:
        return str(self.data["database"]["vendor"])

    @property
    def database_file(self) -> str:
        return str(self.data["database"]["file"])

    @property
    def tables(self) -> dict[str, int]:
        return dict(self.data["database"]["tables"])

    @property
    def migrations(self) -> dict[str, list[str]]:
        return {app: list(names) for app, names in self.data["migrations"].items()}

    @property
    def files(self) -> list[FileEntry]:
        return [FileEntry(item["path"], item["size"], item["sha256"]) for item in self.data["files"]]

    @property
    def upload_files(self) -> list[FileEntry]:
        return [entry for entry in self.files if entry.path.startswith(UPLOADS + "/")]

    def entry(self, path: str) -> FileEntry:
        return next(entry for entry in self.files if entry.path == path)


def write_manifest(folder: Path, data: dict[str, Any]) -> None:
    path = folder / MANIFEST
    with path.open("x", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    fsync_dir(folder)


def read_manifest(folder: Path) -> Manifest:
    """The manifest, checked for shape; BackupInvalid names what is wrong."""
    if not folder.is_dir():
        raise BackupInvalid([Problem("backup.backup_missing", {"path": folder})])
    path = folder / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BackupInvalid([Problem("backup.manifest_missing", {"path": path})]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BackupInvalid([Problem("backup.file_unreadable", {"path": path, "detail": error})]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BackupInvalid([Problem("backup.manifest_invalid", {"path": path, "detail": error})]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupInvalid(
            [Problem("backup.manifest_invalid", {"path": path, "detail": f'"format" is not "{FORMAT}"'})]
        )
    version = data.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise BackupInvalid([Problem("backup.manifest_invalid", {"path": path, "detail": '"format_version"'})])
    if version > FORMAT_VERSION:
        raise BackupInvalid(
            [Problem("backup.format_unsupported", {"path": path, "version": version, "supported": FORMAT_VERSION})]
        )
    detail = _shape_problem(data)
    if detail:
        raise BackupInvalid([Problem("backup.manifest_invalid", {"path": path, "detail": detail})])
    return Manifest(data)


def _shape_problem(data: dict[str, Any]) -> str:
    database = data.get("database")
    if not isinstance(database, dict) or database.get("vendor") not in DATABASE_FILES:
        return '"database.vendor" is not "sqlite" or "postgresql"'
    if database.get("file") != DATABASE_FILES[database["vendor"]]:
        return f'"database.file" is not "{DATABASE_FILES[database["vendor"]]}"'
    tables = database.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(v, int) and v >= 0 for v in tables.values()):
        return '"database.tables" is not a map of table names to row counts'
    migrations = data.get("migrations")
    if not isinstance(migrations, dict) or not all(
        isinstance(names, list) and all(isinstance(name, str) for name in names) for names in migrations.values()
    ):
        return '"migrations" is not a map of apps to lists of migration names'
    files = data.get("files")
    if not isinstance(files, list):
        return '"files" is not a list'
    seen: set[str] = set()
    for index, item in enumerate(files):
        where = f"files[{index}]"
        if not isinstance(item, dict):
            return f"{where} is not an object"
        path, size, sha256 = item.get("path"), item.get("size"), item.get("sha256")
        if not isinstance(path, str) or not _safe_relative(path):
            return f"{where}.path is not a relative path inside the backup"
        if path in seen or path == MANIFEST:
            return f"{where}.path {path!r} is listed twice"
        seen.add(path)
        if not isinstance(size, int) or size < 0:
            return f"{where}.size is not a byte count"
        if not isinstance(sha256, str) or not SHA256.fullmatch(sha256):
            return f"{where}.sha256 is not a SHA-256 in hexadecimal"
        if path != database["file"] and not path.startswith(UPLOADS + "/"):
            return f"{where}.path {path!r} is neither the database nor an uploaded file"
    if database["file"] not in seen:
        return f'"files" does not list the database file {database["file"]}'
    return ""


def _safe_relative(path: str) -> bool:
    # A manifest must never make a restore read or write outside the backup and the uploads folder.
    pure = PurePosixPath(path)
    return bool(path) and not pure.is_absolute() and ".." not in pure.parts and "\\" not in path


def verify_files(folder: Path, manifest: Manifest) -> None:
    """Every listed file present with its size and SHA-256, and no file the manifest does not list."""
    problems: list[Problem] = []
    listed = set()
    for entry in manifest.files:
        listed.add(entry.path)
        path = folder / entry.path
        try:
            if not path.is_file():
                problems.append(Problem("backup.file_missing", {"path": path}))
                continue
            size = path.stat().st_size
            if size != entry.size:
                problems.append(Problem("backup.file_size", {"path": path, "actual": size, "expected": entry.size}))
                continue
            _size, sha256 = hash_file(path)
        except OSError as error:
            problems.append(Problem("backup.file_unreadable", {"path": path, "detail": error.strerror or error}))
            continue
        if sha256 != entry.sha256:
            problems.append(Problem("backup.file_hash", {"path": path}))
    for path in _all_files(folder):
        relative = path.relative_to(folder).as_posix()
        if relative != MANIFEST and relative not in listed:
            problems.append(Problem("backup.file_extra", {"path": path}))
    if problems:
        raise BackupInvalid(problems)


def _all_files(folder: Path) -> list[Path]:
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        found += [Path(parent) / name for name in sorted(names)]
    return found
