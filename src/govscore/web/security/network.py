"""The client's address, as the log-in lock-out counts it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def is_trusted_proxy(address: str, trusted: list[str]) -> bool:
    """Whether the address is one of the proxies (addresses or networks, as gunicorn accepts them)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in trusted:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind a trusted reverse proxy the address that proxy saw.

    Behind nginx every request comes from 127.0.0.1: counting failures by that address would lock the
    whole province out at once. Only the right-most X-Forwarded-For entry is taken, the one our proxy
    appended; anything to its left was sent by the client and could be made up.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None or not is_trusted_proxy(remote, settings.GOVSCORE_TRUSTED_PROXIES):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return remote
