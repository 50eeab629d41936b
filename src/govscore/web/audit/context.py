"""Who is acting, from where, and why: known to every model signal of the current request or command.

Model signals receive only the instance, so the request's user and address travel in a context
variable that `AuditMiddleware` sets for the length of a request. Outside a request (the `govscore`
command, the demo, a shell) the actor is the command that runs, named by `acting_as` or else taken
from the process's own command line.
"""

from __future__ import annotations

import ipaddress
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from django.http import HttpRequest

from govscore.web.security import network

# A word of a command line that names a subcommand (`demo`, `import`), not a path or an option.
_SUBCOMMAND = re.compile(r"[a-z][a-z0-9_-]{0,40}")
ACTOR_MAX = 150


@dataclass(frozen=True)
class AuditContext:
    request: HttpRequest | None = None
    command: str = ""
    reason: str = ""
    # The user an action was told acts (`acting`), when not the request's own.
    user: object = None


@dataclass(frozen=True)
class Actor:
    """Who acted: a user through the web (with the address), or a command (without)."""

    name: str
    user_id: int | None = None
    ip: str | None = None
    path: str = ""
    origin: str = "command"


_current: ContextVar[AuditContext | None] = ContextVar("govscore_audit", default=None)


@contextmanager
def _with(context: AuditContext) -> Iterator[None]:
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)


def _context() -> AuditContext:
    return _current.get() or AuditContext()


@contextmanager
def in_request(request: HttpRequest) -> Iterator[None]:
    with _with(AuditContext(request=request)):
        yield


@contextmanager
def acting_as(command: str) -> Iterator[None]:
    """Writes inside are recorded as done by `command` (e.g. "govscore demo"), unless a request acts."""
    with _with(replace(_context(), command=command)):
        yield


@contextmanager
def reason(text: str) -> Iterator[None]:
    """Changes inside are recorded with this reason (e.g. the reason an amendment was opened)."""
    with _with(replace(_context(), reason=text)):
        yield


@contextmanager
def acting(user: object, reason: str = "") -> Iterator[None]:
    """Writes inside are recorded as done by `user` (an action's `by`), from the request's address when
    there is a request, and with `reason` when given; no user leaves the actor as it was."""
    context = _context()
    authenticated = bool(getattr(user, "is_authenticated", False))
    with _with(replace(context, user=user if authenticated else context.user, reason=reason or context.reason)):
        yield


def current_reason() -> str:
    return _context().reason


def command_name(argv: list[str] | None = None) -> str:
    """The running program and its subcommand, e.g. "govscore demo" or "manage.py migrate"."""
    argv = sys.argv if argv is None else argv
    if not argv:
        return "python"
    program = os.path.basename(argv[0]) or "python"
    if program == "__main__.py":  # `python -m govscore` runs the package's __main__.py
        program = os.path.basename(os.path.dirname(argv[0])) or "python"
    words = [program]
    if len(argv) > 1 and _SUBCOMMAND.fullmatch(argv[1]):
        words.append(argv[1])
    return " ".join(words)[:ACTOR_MAX]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the log-in lock-out sees it: one rule for which proxies are believed
    (GOVSCORE_TRUSTED_PROXIES), so the trail and the lock-out never name different addresses."""
    return _valid_ip(network.client_ip(request))


def _valid_ip(text: object) -> str | None:
    try:
        return str(ipaddress.ip_address(str(text).strip())) if text else None
    except ValueError:
        return None


def request_actor(request: HttpRequest, user: object = None) -> Actor:
    """The person behind a request; `user` when the request's own user is not the one (log-out)."""
    user = user if user is not None else getattr(request, "user", None)
    authenticated = bool(getattr(user, "is_authenticated", False))
    return Actor(
        name=str(user.get_username())[:ACTOR_MAX] if authenticated else "",  # type: ignore[union-attr]
        user_id=user.pk if authenticated else None,  # type: ignore[union-attr]
        ip=client_ip(request),
        path=request.get_full_path()[:500],
        origin="web",
    )


def current_actor() -> Actor:
    context = _context()
    if context.request is not None:
        return request_actor(context.request, context.user)
    if context.user is not None:
        name = str(context.user.get_username())[:ACTOR_MAX]  # type: ignore[attr-defined]
        return Actor(name=name, user_id=context.user.pk)  # type: ignore[attr-defined]
    return Actor(name=(context.command or command_name())[:ACTOR_MAX])
