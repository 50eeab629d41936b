"""Reading settings from the environment; imported by the settings module before Django is set up."""

from __future__ import annotations

import ipaddress
import os

# Django's `check --deploy` (security.W009) calls a key weak below these.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5
INSECURE_PREFIX = "django-insecure-"


class SettingsError(RuntimeError):
    """A bad environment value: raised at start-up so a typo never runs silently."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {raw!r}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_networks(name: str, default: str) -> list[str]:
    """Addresses or networks (`10.1.0.0/16`), comma-separated; a typo stops the start instead of being
    ignored (an unrecognised proxy would put every user behind the proxy's one address)."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise SettingsError(f"{name} must list IP addresses or networks, not {item!r}") from None
    return networks


# The reverse proxy that production runs behind, nginx on the same machine (docs/deployment.md). Outside
# production there is none: the demo and development servers are reached directly, and a client there
# must not pick the address its failed log-ins are counted under.
PRODUCTION_PROXIES = "127.0.0.1,::1"


def weak_secret_key(key: str) -> bool:
    """The development key, an empty one, or one Django's deploy check would call weak."""
    return key.startswith(INSECURE_PREFIX) or len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE


def production_problems(secret_key: str, debug: bool) -> list[str]:
    """Why these values must not serve real data; both languages, as the operator may read either."""
    problems = []
    if weak_secret_key(secret_key):
        problems.append(
            "SECRET_KEY chưa đặt hoặc quá yếu: đặt một chuỗi ngẫu nhiên dài (ít nhất 50 ký tự) / "
            "SECRET_KEY is unset or weak: set a long random string (at least 50 characters), e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if debug:
        problems.append(
            "DEBUG=true để lộ mã nguồn và dữ liệu khi có lỗi: bỏ DEBUG / "
            "DEBUG=true shows source code and data on errors: unset DEBUG"
        )
    return problems
