"""An uploaded workbook kept between its preview and its confirmation.

The file lives in the (non-public) storage under a random name; the session holds the token with the
period and the file's digest, so only the user who previewed it can confirm it, for that period,
and only the very bytes that were previewed are imported. Without JavaScript the browser cannot
send the file twice, so the server keeps it.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone

SESSION_KEY = "govscore_imports"
FOLDER = "imports/pending"
MAX_AGE = datetime.timedelta(hours=24)
# A user previews a few files at most before confirming one; older previews are dropped.
KEEP_PER_SESSION = 3


def _entries(request: HttpRequest) -> dict[str, dict[str, object]]:
    entries = request.session.get(SESSION_KEY)
    return dict(entries) if isinstance(entries, dict) else {}


def _path(token: str) -> str:
    return f"{FOLDER}/{token}.xlsx"


def save(request: HttpRequest, period_id: int, data: bytes) -> str:
    """Keep the file; the returned token names it in the confirmation form."""
    _sweep()
    token = uuid.uuid4().hex
    default_storage.save(_path(token), ContentFile(data))
    entries = _entries(request)
    entries[token] = {"period": period_id, "sha256": hashlib.sha256(data).hexdigest()}
    for old in list(entries)[:-KEEP_PER_SESSION]:
        _delete(old)
        del entries[old]
    request.session[SESSION_KEY] = entries
    return token


def load(request: HttpRequest, period_id: int, token: str) -> bytes | None:
    """The previewed bytes, or None when the token is not this session's for this period, or expired."""
    entry = _entries(request).get(token)
    if entry is None or entry.get("period") != period_id or not default_storage.exists(_path(token)):
        return None
    with default_storage.open(_path(token), "rb") as handle:
        data = handle.read()
    return data if hashlib.sha256(data).hexdigest() == entry.get("sha256") else None


def discard(request: HttpRequest, token: str) -> None:
    entries = _entries(request)
    if entries.pop(token, None) is not None:
        request.session[SESSION_KEY] = entries
    _delete(token)


def _delete(token: str) -> None:
    if token.isalnum():
        default_storage.delete(_path(token))


def _sweep() -> None:
    """Previews never confirmed are removed after a day."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = timezone.now() - MAX_AGE
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except FileNotFoundError:
            continue
