"""`govscore init`: a database from nothing and the first administrator, again without changing anything;
on PostgreSQL, an application role that can read and add to the audit trail and nothing more."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses, and PostgreSQL for the roles

PASSWORD = "Quan-tri-vien-2026!"


def init(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "govscore", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def sqlite_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return {**env, "GOVSCORE_DATA_DIR": str(tmp_path / "data"), **extra}


def test_init_creates_the_database_and_the_administrator_then_changes_nothing(tmp_path: Path) -> None:
    first = init(sqlite_env(tmp_path, GOVSCORE_ADMIN_PASSWORD=PASSWORD), "init", "--admin", "quantri")
    assert first.returncode == 0, first.stderr
    assert "bước cập nhật cấu trúc" in first.stdout and "Đã tạo quản trị viên 'quantri'" in first.stdout
    database = tmp_path / "data" / "govscore.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT is_superuser FROM auth_user WHERE username = 'quantri'").fetchone() == (1,)
        hashed = db.execute("SELECT password FROM auth_user WHERE username = 'quantri'").fetchone()
    again = init(
        sqlite_env(tmp_path, GOVSCORE_ADMIN_PASSWORD="Mot-mat-khau-khac-2026"),
        "--lang",
        "en",
        "init",
        "--admin",
        "quantri",
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        "The database is already up to date; nothing changed.",
        "Administrator 'quantri' already exists; nothing changed (the password is kept).",
    ]
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT password FROM auth_user WHERE username = 'quantri'").fetchone() == hashed


def test_a_weak_password_creates_no_administrator_and_says_why(tmp_path: Path) -> None:
    weak = init(sqlite_env(tmp_path, GOVSCORE_ADMIN_PASSWORD="12345"), "init", "--admin", "quantri")
    assert weak.returncode == 2
    assert weak.stderr.startswith("Mật khẩu không dùng được:") and "Traceback" not in weak.stderr
    with sqlite3.connect(tmp_path / "data" / "govscore.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM auth_user").fetchone() == (0,)


def test_an_unreachable_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    env = sqlite_env(
        tmp_path, DATABASE_URL="postgres://nobody:nothing@127.0.0.1:1/none", GOVSCORE_ADMIN_PASSWORD=PASSWORD
    )
    failed = init(env, "init", "--admin", "quantri")
    assert failed.returncode == 2
    assert failed.stderr.startswith("Không dùng được cơ sở dữ liệu") and "Traceback" not in failed.stderr


OWNER, APP = os.environ.get("GOVSCORE_TEST_OWNER_URL"), os.environ.get("GOVSCORE_TEST_APP_URL")
ATTEMPTS = [
    "UPDATE audit_auditentry SET actor = 'someone else'",
    "DELETE FROM audit_auditentry",
    "TRUNCATE audit_auditentry",
    "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
    "DROP TABLE audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_append_only ON audit_auditentry",
]


@pytest.mark.skipif(OWNER is None, reason="needs the owner and application roles of scripts/postgres")
def test_the_application_s_role_can_read_and_add_to_the_audit_trail_and_nothing_more(tmp_path: Path) -> None:
    import psycopg

    assert OWNER is not None and APP is not None
    env = sqlite_env(tmp_path, DATABASE_URL=APP, DATABASE_OWNER_URL=OWNER, GOVSCORE_ADMIN_PASSWORD=PASSWORD)
    done = init(env, "init", "--admin", "quantri")
    assert done.returncode == 0, done.stderr
    assert "'govscore_app'" in done.stdout
    with psycopg.connect(APP, autocommit=True) as app:
        (before,) = app.execute("SELECT count(*) FROM audit_auditentry").fetchone()  # type: ignore[misc]
        assert before >= 1  # the administrator's creation
        app.execute(
            "INSERT INTO audit_auditentry (at, action, actor, origin, path, model, object_id, object_repr, reason,"
            " batch) VALUES (now(), 'create', 'app', 'web', '', '', '', '', '', '')"
        )
        app.execute("UPDATE auth_user SET first_name = 'Quản trị' WHERE username = 'quantri'")  # other data: yes
        for statement in ATTEMPTS:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)
        (after,) = app.execute("SELECT count(*) FROM audit_auditentry").fetchone()  # type: ignore[misc]
        assert after == before + 1
    again = init(env, "init", "--admin", "quantri")
    assert again.returncode == 0, again.stderr
    assert "không thay đổi gì" in again.stdout
