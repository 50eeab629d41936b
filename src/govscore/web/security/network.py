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
    """REMOTE_ADDR, or behind trusted reverse proxies the address the first of them saw.

    Behind nginx every request comes from 127.0.0.1: counting failures by that address would lock the
    whole province out at once. X-Forwarded-For is believed only when the request comes from one of
    GOVSCORE_TRUSTED_PROXIES (none outside production), and then read from the right: each proxy appends
    the address it was reached from, so the right-most entry that is not itself a trusted proxy is the
    client. Anything to its left was sent by the client and could be made up.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = settings.GOVSCORE_TRUSTED_PROXIES
    if remote is None or not is_trusted_proxy(remote, trusted):
        return remote
    address = remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        try:
            address = str(ipaddress.ip_address(entry.strip()))
        except ValueError:
            # Not an address a proxy would write: the last one a trusted proxy vouched for stands.
            break
        if not is_trusted_proxy(address, trusted):
            break
    return address
