"""A server process killed with SIGKILL in the middle of an XLSX import or of a publication leaves,
after a restart, either the whole change or none of it.

Each scenario runs the real code in a separate process against its own database (a SQLite file, or
a scratch database on the PostgreSQL server the suite runs on), stops it inside its transaction at a
named pause point (govscore.web.faults), kills it, and inspects the database from a fresh process.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import openpyxl
import psycopg
import pytest

from govscore.web.faults import VARIABLE

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from govscore.web.demo import setup_demo
setup_demo()
"""

PUBLISH = """
import django; django.setup()
from govscore.web.periods.actions import do_close
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_publish
period = EvaluationPeriod.objects.get(year=2012)  # the demo's live year is beside it
if period.status == "open":
    do_close(period)
do_publish(period, None)
"""

STATE = """
import json, django; django.setup()
from govscore.web.indicators.models import IndicatorValue
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.models import Publication, PublicationFile
from govscore.web.scores.models import Result

period = EvaluationPeriod.objects.get(year=2012)  # the demo's live year is beside it
print(json.dumps({
    "status": period.status,
    "editions": list(Publication.objects.values_list("edition", flat=True)),
    "files": PublicationFile.objects.count(),
    "values": sorted([unit, code, json.dumps(value, sort_keys=True)]
                     for unit, code, value in IndicatorValue.objects.values_list("unit__code", "code", "value")),
    "totals": sorted([code, str(total)] for code, total in Result.objects.values_list("unit__code", "total")),
}))
"""


def _server(url: str) -> dict[str, object]:
    settings = dj_database_url.parse(url)
    return {
        "host": settings["HOST"],
        "port": settings["PORT"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "dbname": settings["NAME"],
        "autocommit": True,
    }


@contextlib.contextmanager
def scratch_database(folder: Path, template: str | None = None) -> Iterator[str]:
    """A database of its own, on the back end this test run uses, optionally copied from `template`."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        target = folder / "govscore.sqlite3"
        if template is not None:
            shutil.copyfile(template.removeprefix("sqlite:///"), target)
        yield f"sqlite:///{target}"
        return
    name = f"govscore_fault_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
    with psycopg.connect(**_server(url)) as connection:  # type: ignore[arg-type]
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(**_server(url)) as connection:  # type: ignore[arg-type]
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Instance:
    def __init__(self, folder: Path, database_url: str) -> None:
        self.folder = folder
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "GOVSCORE_DATA_DIR": str(folder),
            "DJANGO_SETTINGS_MODULE": "govscore.web.settings",
        }
        self.env.pop(VARIABLE, None)

    def run(self, code: str, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code, *args], env=self.env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "govscore", *args], env=self.env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def killed_at(self, point: str, command: list[str]) -> None:
        """Run `command`, wait until it reaches `point` inside its transaction, then SIGKILL it."""
        process = subprocess.Popen(
            [sys.executable, *command], env={**self.env, VARIABLE: point}, stderr=subprocess.PIPE, text=True
        )
        assert process.stderr is not None
        try:
            for line in process.stderr:
                if line.strip() == f"paused at {point}":
                    break
            else:
                raise AssertionError(f"the process ended without reaching {point} (exit {process.wait()})")
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL

    def state(self) -> dict[str, object]:
        return json.loads(self.run(STATE))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def demo_database() -> Iterator[str]:
    """The demo's 2012 data, set up once; each test works on its own copy."""
    with tempfile.TemporaryDirectory(prefix="govscore-faults-") as folder, scratch_database(Path(folder)) as url:
        Instance(Path(folder), url).run(SETUP)
        yield url


@pytest.fixture
def instance(tmp_path: Path, demo_database: str) -> Iterator[Instance]:
    with scratch_database(tmp_path, template=demo_database) as url:
        yield Instance(tmp_path, url)


def test_a_publication_killed_midway_leaves_no_edition(instance: Instance) -> None:
    before = instance.state()
    instance.killed_at("publish.edition_written", ["-c", PUBLISH])
    after = instance.state()
    # The period was closed in its own, earlier transaction; the edition and its files are all gone.
    assert after["editions"] == [] and after["files"] == 0
    assert after["status"] == "closed"
    assert after["values"] == before["values"] and after["totals"] == before["totals"]
    # After the restart the same publication goes through whole.
    instance.run(PUBLISH)
    published = instance.state()
    assert published["status"] == "published" and published["editions"] == [1] and published["files"] == 3


def test_an_import_killed_midway_changes_nothing(instance: Instance) -> None:
    template = instance.folder / "so-lieu.xlsx"
    instance.cli("template", "2012", "--output", str(template))
    workbook = openpyxl.load_workbook(template)
    sheet = workbook["Số liệu"]
    column = [cell.value for cell in sheet[1]].index("email_accounts.ty_le") + 1
    changed = 0
    for row in range(3, sheet.max_row + 1):
        if sheet.cell(row, 1).value and sheet.cell(row, column).value not in (None, 50):
            sheet.cell(row, column).value = 50
            changed += 1
    assert changed > 5
    workbook.save(template)
    before = instance.state()
    instance.killed_at("import.written", ["-m", "govscore", "import", "2012", str(template)])
    assert instance.state() == before
    instance.cli("import", "2012", str(template))
    after = instance.state()
    assert after["values"] != before["values"]
    percents = [json.loads(value) for _unit, code, value in after["values"] if code == "email_accounts"]  # type: ignore[union-attr]
    assert sum(1 for value in percents if value == {"percent": "50"}) >= changed
