"""Production mode as an operator starts it: Django's deploy checks pass, insecure settings are refused,
and `govscore serve --production` really serves through gunicorn (each in a process of its own, with
the environment a server would have)."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from govscore.web.security.gunicorn_conf import MAX_DEFAULT_WORKERS, default_workers

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it


# Variables of the developer's shell that would change what the child process is configured with.
CLEARED = (
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "LOG_LEVEL",
    "DJANGO_SETTINGS_MODULE",
    "SECURE_COOKIES",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "GOVSCORE_PRODUCTION",
    "GOVSCORE_REQUIRE_2FA",
    "GOVSCORE_LOG_JSON",
    "GOVSCORE_WORKERS",
    "GOVSCORE_TRUSTED_PROXIES",
)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="govscore-deploy-") as folder:
        yield Path(folder)


def server_env(data_dir: Path, **values: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in CLEARED}
    env.update(
        DJANGO_SETTINGS_MODULE="govscore.web.settings",
        GOVSCORE_DATA_DIR=str(data_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="govscore.example.vn,127.0.0.1",
        PYTHONWARNINGS="ignore",
    )
    env.update(values)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"], env)


def test_the_deploy_checks_find_nothing_in_production_mode(data_dir: Path) -> None:
    done = deploy_check(server_env(data_dir, GOVSCORE_PRODUCTION="true"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_deploy_checks_would_catch_a_server_left_in_development_mode(data_dir: Path) -> None:
    # The test above means something: without production mode the same checks fail.
    done = deploy_check(server_env(data_dir))
    assert done.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in done.stderr


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-govscore-development-key-change-me"}, "SECRET_KEY"),
        ({"SECRET_KEY": "ngan-qua"}, "SECRET_KEY"),
        ({"DEBUG": "true"}, "DEBUG"),
    ],
)
def test_production_refuses_a_weak_key_and_debug(data_dir: Path, values: dict[str, str], named: str) -> None:
    done = run([sys.executable, "-m", "govscore", "serve", "--production"], server_env(data_dir, **values))
    assert done.returncode == 2
    assert "Không chạy ở chế độ production" in done.stderr
    assert named in done.stderr
    assert "Traceback" not in done.stderr
    # Nothing was set up for a server that must not start.
    assert not (data_dir / "govscore.sqlite3").exists()


def test_production_believes_the_proxy_on_this_machine_and_refuses_a_malformed_one(data_dir: Path) -> None:
    show = "import django; django.setup(); from django.conf import settings; print(settings.GOVSCORE_TRUSTED_PROXIES)"
    done = run([sys.executable, "-c", show], server_env(data_dir, GOVSCORE_PRODUCTION="true"))
    assert done.stdout.strip() == "['127.0.0.1/32', '::1/128']", done.stderr
    done = run([sys.executable, "-c", show], server_env(data_dir))
    assert done.stdout.strip() == "[]", done.stderr
    serve = [sys.executable, "-m", "govscore", "serve", "--production"]
    done = run(serve, server_env(data_dir, GOVSCORE_TRUSTED_PROXIES="127.0.0.1,nginx.noi-bo"))
    assert done.returncode == 2
    assert "GOVSCORE_TRUSTED_PROXIES" in done.stderr
    assert "Traceback" not in done.stderr


def test_gunicorn_gets_two_workers_per_core_plus_one_capped() -> None:
    assert default_workers(1) == 3
    assert default_workers(2) == 5
    assert default_workers(64) == MAX_DEFAULT_WORKERS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def production_server(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """`govscore serve --production` on a free loopback port; yields its address and its log file."""
    port = free_port()
    log = data_dir / "server.log"
    env = server_env(data_dir, GOVSCORE_WORKERS="1", LOG_LEVEL="INFO")
    command = [sys.executable, "-m", "govscore", "serve", "--production", "--addr", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz/", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start:\n{log.read_text()}")
                time.sleep(0.3)
        yield base, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Host": "govscore.example.vn", **headers})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_serve_production_runs_gunicorn_with_https_static_files_and_json_logs(data_dir: Path) -> None:
    with production_server(data_dir) as (base, log):
        status, headers, body = fetch(f"{base}/healthz/")
        assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok"})
        # gunicorn does not name itself: no Server header, on pages, redirects, errors and files alike.
        assert "Server" not in headers

        # Plain HTTP is sent to HTTPS; the proxy's X-Forwarded-Proto is believed from the loopback address.
        status, headers, _body = fetch(f"{base}/accounts/login/")
        assert status == 301
        assert "Server" not in headers
        assert headers["Location"] == "https://govscore.example.vn/accounts/login/"
        status, headers, body = fetch(f"{base}/accounts/login/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "Đăng nhập" in body.decode()
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert "Server" not in headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "Secure" in headers["Set-Cookie"]
        # Two-factor log-in is on: no "off" banner.
        assert "Xác thực hai bước đang tắt" not in body.decode()

        # Static files collected into the data folder and served by the app itself, compressed.
        status, headers, _body = fetch(
            f"{base}/static/govscore/govscore.css", **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
        )
        assert status == 200
        assert headers.get("Content-Encoding") == "gzip"
        assert "Server" not in headers
        status, headers, _body = fetch(f"{base}/khong-co-trang-nay/", **{"X-Forwarded-Proto": "https"})
        assert (status, "Server" in headers) == (404, False)
        assert (data_dir / "static" / "govscore" / "govscore.css").is_file()

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    health = [line for line in access if line["path"] == "/healthz/"]
    assert (health[0]["method"], health[0]["status"]) == ("GET", 200)
    assert all(len(line["request_id"]) == 32 for line in access)
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)
