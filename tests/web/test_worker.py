"""`govscore worker` runs the jobs that are due (here: an e-mail, delivered to a real SMTP server) and
stops cleanly on SIGTERM; it schedules the daily reminders when it starts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .smtp import Inbox, smtp_server

pytestmark = pytest.mark.slow  # subprocesses: a database made by `govscore init`, then the worker

GOVSCORE = [sys.executable, "-m", "govscore"]
PASSWORD = "Mat-khau-quan-tri-2026"
QUEUE_AN_EMAIL = """
from govscore.cli.django_setup import setup_django
setup_django()
from django.contrib.auth.models import User
from django.db import transaction
from govscore.web.notifications.delivery import notify
from govscore.web.notifications.models import Kind
user = User.objects.get(username="quantri")
user.email = "quantri@example.gov.vn"
user.save()
with transaction.atomic():
    notify(user, Kind.THREAD, "Tiêu chí 5 bị trả lại", "Đề nghị bổ sung minh chứng.", "/periods/")
"""


def environment(tmp_path: Path, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return {
        **env,
        "GOVSCORE_DATA_DIR": str(tmp_path / "data"),
        "GOVSCORE_ADMIN_PASSWORD": PASSWORD,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }


def wait_for(inbox: Inbox, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.1)


def test_the_worker_sends_a_queued_email_and_stops_on_sigterm(tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        env = environment(tmp_path, port)
        done = subprocess.run([*GOVSCORE, "init", "--admin", "quantri"], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        queued = subprocess.run([sys.executable, "-c", QUEUE_AN_EMAIL], env=env, capture_output=True, text=True)
        assert queued.returncode == 0, queued.stderr
        assert inbox.messages == []  # nothing is sent until a worker runs
        worker = subprocess.Popen(
            [*GOVSCORE, "worker", "--interval", "0.2"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for(inbox, 60)
            worker.send_signal(signal.SIGTERM)
            stdout, stderr = worker.communicate(timeout=30)
        finally:
            worker.kill()
    assert worker.returncode == 0, stderr
    assert "Đang chạy các việc nền" in stdout
    (message,) = inbox.messages
    assert message["To"] == "quantri@example.gov.vn"
    assert Inbox.subject(message) == "[govscore] Tiêu chí 5 bị trả lại"
    assert "Xem và thực hiện tại: http://127.0.0.1:8000/periods/" in message.get_content()
    with sqlite3.connect(tmp_path / "data" / "govscore.sqlite3") as database:
        statuses = dict(database.execute("SELECT task_path, status FROM django_tasks_database_dbtaskresult").fetchall())
    assert statuses == {
        "govscore.web.notifications.jobs.send_email": "SUCCESSFUL",
        "govscore.web.notifications.jobs.daily": "READY",  # tomorrow's or today's 07:00 run, waiting
    }


def test_the_worker_without_a_database_says_to_run_init(tmp_path: Path) -> None:
    env = environment(tmp_path, 25)
    (tmp_path / "data").mkdir()
    failed = subprocess.run([*GOVSCORE, "worker", "--batch"], env=env, capture_output=True, text=True, timeout=120)
    assert failed.returncode == 2
    assert "hãy chạy govscore init trước" in failed.stderr
    assert "Traceback" not in failed.stderr
