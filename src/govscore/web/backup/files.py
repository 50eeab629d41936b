"""Copying files with their SHA-256, durably, and swapping folders: no Django here.

Every copy is hashed while it is written (one read of the source), flushed and fsync'ed, so a backup or a
restore that reports success has its bytes on disk, not only in the page cache.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileEntry:
    """One file of a backup: its path relative to the backup folder (always with `/`), size and SHA-256."""

    path: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


class HashMismatch(Exception):
    """A file's bytes changed between its verification and its copy."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def copy_file(source: Path, target: Path, expected_sha256: str | None = None) -> tuple[int, str]:
    """Copy bytes, hash them on the way and fsync the copy; the target must not exist yet."""
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reader, target.open("xb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    sha256 = digest.hexdigest()
    if expected_sha256 is not None and sha256 != expected_sha256:
        raise HashMismatch(source)
    # The modification time is kept: the application sweeps some files by age.
    shutil.copystat(source, target)
    return size, sha256


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (new names, renames) durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def tree_files(root: Path) -> list[Path]:
    """Every regular file under root (following no folder links), sorted so that manifests are stable."""
    found: list[Path] = []
    if not root.is_dir():
        return found
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file():
                found.append(path)
    return found


def copy_tree(source: Path, target: Path, prefix: str) -> list[FileEntry]:
    """Copy every regular file under source into target (created here); entries are named prefix/relative.

    A file that vanishes while the tree is copied is skipped: the application only deletes its own
    temporary files (import previews), which no database row refers to.
    """
    target.mkdir(parents=True, exist_ok=True)
    entries: list[FileEntry] = []
    folders = {target}
    for path in tree_files(source):
        relative = path.relative_to(source)
        destination = target / relative
        if destination.parent not in folders:
            destination.parent.mkdir(parents=True, exist_ok=True)
            folders.add(destination.parent)
        try:
            size, sha256 = copy_file(path, destination)
        except FileNotFoundError:
            destination.unlink(missing_ok=True)
            continue
        entries.append(FileEntry(f"{prefix}/{relative.as_posix()}", size, sha256))
    for folder in folders:
        fsync_dir(folder)
    return entries


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where that is unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def replace_dir(staged: Path, target: Path) -> None:
    """Put the staged folder in target's place and delete what was there.

    Atomic where the kernel can swap two folders; otherwise two renames, with the old folder put back
    if the second fails. The staged folder must be on target's file system (a sibling).
    """
    if not target.exists():
        staged.rename(target)
        fsync_dir(target.parent)
        return
    if _exchange(staged, target):
        fsync_dir(target.parent)
        shutil.rmtree(staged)  # now holds the old contents
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    old.rmdir()
    target.rename(old)
    try:
        staged.rename(target)
    except OSError:
        old.rename(target)
        raise
    fsync_dir(target.parent)
    shutil.rmtree(old)


def replace_contents(staged: Path, target: Path) -> None:
    """For a target that cannot be renamed (a mount point): swap its entries one by one.

    The staged folder must be inside target. The old entries are moved aside first and deleted last.
    """
    old = Path(tempfile.mkdtemp(dir=target, prefix=".old-"))
    for entry in sorted(target.iterdir()):
        if entry not in (staged, old):
            entry.rename(old / entry.name)
    for entry in sorted(staged.iterdir()):
        entry.rename(target / entry.name)
    fsync_dir(target)
    staged.rmdir()
    shutil.rmtree(old)


def fix_owner(root: Path, uid: int, gid: int) -> None:
    """Give a restored tree to the service's user when root runs the restore: the server must write there."""
    if os.geteuid() != 0:
        return
    for folder, _dirs, names in os.walk(root):
        os.chown(folder, uid, gid)
        for name in names:
            os.chown(Path(folder) / name, uid, gid, follow_symlinks=False)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
