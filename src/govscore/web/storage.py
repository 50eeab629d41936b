"""File storage that never leaves half a file, and a clear answer when the disk is full.

A file is written under a temporary name beside its final place, flushed to disk, then renamed:
a full disk, a killed process or a power cut leaves either the whole file or no file under the
name the database refers to. Left-over temporary parts are removed on failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: File) -> str:  # type: ignore[type-arg]
        full_path = self.path(name)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        if os.path.exists(full_path):
            name = self.get_available_name(name)
            full_path = self.path(name)
        part = f"{full_path}.part-{uuid.uuid4().hex}"
        try:
            with open(part, "xb") as handle:
                content.seek(0)
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(part, full_path)
        except BaseException:
            _remove_quietly(part)
            raise
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in DISK_FULL


class DiskFullMiddleware:
    """A write that fails for lack of space answers 507 with what happened: nothing was saved."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_disk_full(exception):
            return None
        message = gettext("Máy chủ đã hết chỗ lưu tệp nên chưa lưu gì. Hãy báo quản trị viên rồi gửi lại sau.")
        return render(request, "storage_full.html", {"message": message}, status=507)
