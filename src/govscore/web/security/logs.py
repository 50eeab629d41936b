"""JSON log lines: one object per line with time, level, logger, message and, within a request, its id,
method, path, status and user.

Imported by gunicorn's configuration before Django is set up: nothing here may read settings at import.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.functional import LazyObject, empty

# nginx's $request_id is 32 hex digits; anything else a client sends is replaced, never logged.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")
REQUEST_ID_HEADER = "X-Request-ID"


@dataclass
class RequestInfo:
    request_id: str
    method: str
    path: str
    request: HttpRequest | None = field(default=None, repr=False)

    @property
    def user(self) -> str:
        return username_if_known(self.request) if self.request is not None else ""


def username_if_known(request: HttpRequest) -> str:
    """The user name once the request has looked the user up: a log line must never query the database
    (the line may be the one saying the database is down)."""
    user: Any = getattr(request, "user", None)
    while isinstance(user, LazyObject):
        wrapped = user._wrapped
        if wrapped is empty:
            return ""
        user = wrapped
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.get_username())


current_request: ContextVar[RequestInfo | None] = ContextVar("govscore_request", default=None)


def request_id_for(request: HttpRequest) -> str:
    """The proxy's request id when it looks like one (so nginx's and our lines match), else a new one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if REQUEST_ID_PATTERN.fullmatch(given) else uuid.uuid4().hex


def request_info(request: HttpRequest) -> RequestInfo:
    """What the log says about a request; set up by RequestLogMiddleware, built here for requests it missed."""
    info = getattr(request, "govscore_log", None)
    if isinstance(info, RequestInfo):
        return info
    return RequestInfo(request_id="", method=request.method or "", path=request.path, request=request)


class JsonFormatter(logging.Formatter):
    """A `logging.Formatter` writing JSON objects, one a line, non-ASCII kept readable."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            data.update(self._access_fields(record.args))
        else:
            data["message"] = record.getMessage()
            data.update(self._request_fields(record))
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            data["stack"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False, default=str)

    @staticmethod
    def _request_fields(record: logging.LogRecord) -> dict[str, Any]:
        # django.request and django.security attach the request; other records within one find it here.
        request = getattr(record, "request", None)
        info = request_info(request) if isinstance(request, HttpRequest) else current_request.get()
        fields: dict[str, Any] = {}
        if info is not None:
            fields.update(request_id=info.request_id, method=info.method, path=info.path)
            if info.user:
                fields["user"] = info.user
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            fields["status"] = status
        return {key: value for key, value in fields.items() if value != ""}

    @staticmethod
    def _access_fields(atoms: dict[str, Any]) -> dict[str, Any]:
        # gunicorn passes its access-log atoms as the record's arguments: keep them as fields.
        method, path, status = atoms.get("m", "-"), atoms.get("U", "-"), atoms.get("s", "-")
        fields: dict[str, Any] = {
            "message": f"{method} {path} {status}",
            "method": method,
            "path": path,
            "status": int(status) if str(status).isdigit() else status,
            "duration_ms": atoms.get("M"),
            "remote": atoms.get("h"),
            "request_id": atoms.get("{x-request-id}o"),
        }
        return {key: value for key, value in fields.items() if value not in (None, "-", "")}
