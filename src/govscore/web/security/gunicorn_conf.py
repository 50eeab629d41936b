"""gunicorn's settings for `govscore serve --production`.

Also usable directly: `gunicorn -c python:govscore.web.security.gunicorn_conf govscore.web.wsgi:application`.
Read by gunicorn before Django is set up: only the environment is consulted here.
"""

from __future__ import annotations

import os

from govscore.web.security.environment import PRODUCTION_PROXIES, env_bool, env_int, env_networks, env_str

# Each sync worker holds one request at a time and ~100 MB; past this more workers only cost memory.
MAX_DEFAULT_WORKERS = 8


def default_workers(cores: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 × cores + 1, capped."""
    return min(2 * (cores or os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)


workers = env_int("GOVSCORE_WORKERS", default_workers())
# Threads let a worker go on serving pages while one of its requests waits for the period's rescoring
# (writes to one period are rescored one at a time).
worker_class = "gthread"
threads = env_int("GOVSCORE_THREADS", 4)
# gunicorn's default (2 s) closes idle keep-alive connections so soon that a client sending its next
# request at that moment gets "connection reset"; the reverse proxy's upstream idles longer than that.
keepalive = env_int("GOVSCORE_KEEPALIVE", 75)
# Building a publication's PDF and DOCX takes seconds; a minute leaves room without hiding a stuck worker.
timeout = 60
graceful_timeout = 30
# X-Forwarded-Proto (HTTPS) is believed only from these: the reverse proxy on this machine by default
# (gunicorn runs in production only: the settings' production default).
forwarded_allow_ips = ",".join(env_networks("GOVSCORE_TRUSTED_PROXIES", PRODUCTION_PROXIES))
# systemd starts, reloads and stops the service; a management socket would only be one more way in.
control_socket_disable = True


def hide_server_header() -> None:
    """gunicorn names itself in a `Server` header on every answer and has no setting to stop it; the
    header only tells an attacker which software and which of its flaws to try. Its response class's
    default headers are filtered instead (Django, behind it, sends none)."""
    from gunicorn.http.wsgi import Response

    if getattr(Response.default_headers, "govscore_hides_server", False):
        return
    default_headers = Response.default_headers

    def without_server(self: Response) -> list[str]:
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    without_server.govscore_hides_server = True  # type: ignore[attr-defined]
    Response.default_headers = without_server  # type: ignore[method-assign]


def post_worker_init(worker: object) -> None:
    """gunicorn's hook, in every worker before it serves."""
    hide_server_header()


accesslog = "-"
errorlog = "-"
loglevel = env_str("LOG_LEVEL", "INFO").strip().lower()

if env_bool("GOVSCORE_LOG_JSON", True):
    # gunicorn's own lines as JSON too, all on stderr with Django's, so the journal holds one format.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "govscore.web.security.logs.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": "WARNING", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        },
    }
