"""Load test: gunicorn serving a 150-unit province to 50 concurrent users (reporters, evaluators, leaders).

    scripts/postgres .venv/bin/python bench/load.py            # the production database (recommended)
    .venv/bin/python bench/load.py --users 20 --duration 30s   # SQLite, shorter

Loads a generated province (the 60-criterion framework of bench/realistic.py, see bench/province.py)
into a fresh database, starts gunicorn on a free loopback port, drives it with locust
(bench/locustfile.py) for the given time and prints requests/s, p50/p95/p99 per page and the errors.
The figures count the users at work: the statistics start again once all have logged in.
Goal on 2 cores: 50 users for 2 minutes, 0 errors, ranking and send-report p95 ≤ 300 ms.
Needs locust: `.venv/bin/pip install -e ".[bench]"`.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import province  # the province generator shared with bench/web_pages.py

PASSWORD = "load-" + secrets.token_hex(8)
EVALUATORS = LEADERS = 3


def configure(data_dir: Path) -> dict[str, str]:
    """Settings for both this process and the server: DATABASE_URL from the caller, or a SQLite file."""
    env = {
        "DJANGO_SETTINGS_MODULE": "govscore.web.settings",
        "GOVSCORE_DATA_DIR": str(data_dir),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir / 'load.sqlite3'}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        # The browsers here are scripts: two-factor log-in would only measure the TOTP form.
        "GOVSCORE_REQUIRE_2FA": "false",
        "LOG_LEVEL": "ERROR",
        "GOVSCORE_LOG_JSON": "false",
    }
    os.environ.update(env)
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()
    return env


def prepare(units: int) -> tuple[int, list[str], list[str]]:
    from django.core.management import call_command

    from govscore.web.accounts.actions import do_ensure_user
    from govscore.web.accounts.models import Role
    from govscore.web.orgs.models import Unit
    from govscore.web.periods.models import EvaluationPeriod
    from govscore.web.scores.rescoring import rescore_period

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # served by the app, as in production
    loaded = province.load_realistic(units)
    for index in range(1, EVALUATORS + 1):
        do_ensure_user(f"evaluator{index}", PASSWORD, Role.EVALUATOR)
    for index in range(1, LEADERS + 1):
        do_ensure_user(f"leader{index}", PASSWORD, Role.LEADER)
    pairs = []
    for unit in Unit.objects.all():
        do_ensure_user(f"bc-{unit.code.lower()}", PASSWORD, Role.REPORTER, unit)
        pairs.append(f"{unit.code}:{unit.pk}")
    rescore_period(EvaluationPeriod.objects.get(pk=loaded.period_id))
    fields = [f"{code}:{kind}" for code, kind in loaded.indicators.items() if kind in ("ratio", "number", "count")]
    return loaded.period_id, pairs, fields


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url + "/healthz/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz/ in time")


def report(stats_csv: Path, duration: str) -> bool:
    with stats_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"{'page':<20} {'requests':>8} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}  (ms)")
    for row in rows:
        print(
            f"{row['Name']:<20} {row['Request Count']:>8} {float(row['Requests/s']):>7.1f} {row['50%']:>6} "
            f"{row['95%']:>6} {row['99%']:>6} {row['Failure Count']:>6}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    p95 = {name: _p95(rows, name) for name in ("ranking", "send report")}
    met = errors == 0 and all(value <= 300 for value in p95.values())
    print(
        f"\n{duration}: {float(total['Requests/s']):.1f} requests/s, p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"p99 {total['99%']} ms, {errors} errors; ranking p95 {p95['ranking']:.0f} ms, send-report p95 "
        f"{p95['send report']:.0f} ms — goal (0 errors, both p95 ≤ 300 ms) {'met' if met else 'NOT met'}"
    )
    return met


def _p95(rows: list[dict[str, str]], name: str) -> float:
    row = next((row for row in rows if row["Name"] == name), None)
    return float(row["95%"]) if row else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", default="2m")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govscore-load-") as folder:
        data_dir = Path(folder)
        env = configure(data_dir)
        period_id, units, fields = prepare(args.units)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            # The production configuration (threads, timeouts), quieter: no access log.
            [sys.executable, "-m", "gunicorn", "-c", "python:govscore.web.security.gunicorn_conf"]
            + ["govscore.web.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)]
            + ["--access-logfile", "/dev/null", "--log-level", "warning"],
            env={**os.environ, **env, "GOVSCORE_THREADS": str(args.threads)},
        )
        try:
            wait_until_up(url, server)
            database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
            print(f"{args.units} units on {database}, gunicorn: {args.workers} workers × {args.threads} threads, {url}")
            load_env = {
                **os.environ,
                "LOAD_PERIOD": str(period_id),
                "LOAD_PASSWORD": PASSWORD,
                "LOAD_UNITS": ",".join(units),
                "LOAD_EVALUATORS": str(EVALUATORS),
                "LOAD_LEADERS": str(LEADERS),
                "LOAD_FIELDS": ",".join(fields),
            }
            prefix = data_dir / "load"
            locustfile = Path(__file__).with_name("locustfile.py")
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--only-summary"]
                + ["-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.duration, "--host", url]
                # Figures are for the users at work: the spawning minute, when every one of them logs in
                # at once (a password hash each, by design slow), is not counted.
                + ["--csv", str(prefix), "--loglevel", "ERROR", "--reset-stats"],
                env=load_env,
                check=False,
                stdout=subprocess.DEVNULL,
            )
            met = report(Path(f"{prefix}_stats.csv"), f"{args.users} users for {args.duration}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
