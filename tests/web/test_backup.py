"""`govscore backup` and `govscore restore`, run as the operator runs them: commands in subprocesses.

Each installation under test has its own database and data folder: a SQLite file in a temporary folder
when the suite runs on SQLite, a scratch database created on the suite's PostgreSQL server (and dropped
afterwards) when DATABASE_URL names one. The data is the demo (the Đồng Nai 2012 example) plus uploaded
files; "identical" means every row of every table, the sequences, and every uploaded file's bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any, ClassVar

import dj_database_url
import pytest
from django.test import SimpleTestCase

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

SUITE_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SUITE_DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://"))
VENDOR = "postgresql" if ON_POSTGRES else "sqlite"
DATABASE_FILE = "database.pgdump" if ON_POSTGRES else "database.sqlite3"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
TIMEOUT = 300

DJANGO = """
import json, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govscore.web.settings")
django.setup()
"""

SEED = f"""
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from govscore.web.demo import setup_demo
from govscore.web.indicators.actions import do_add_evidence
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.models import Unit
from govscore.web.reports.actions import do_submit_report
from django.test.utils import override_settings
# The default hasher is slow on purpose; the demo's two dozen users need no such strength here.
with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
    period, _logins = setup_demo()
PDF = {PDF!r}
value = IndicatorValue.objects.filter(period=period).order_by("pk").first()
do_add_evidence(
    period, value.unit, value.code, SimpleUploadedFile("minh-chứng.pdf", PDF), description="Danh sách hộp thư"
)
unit = Unit.objects.order_by("code").first()
do_submit_report(
    period, unit, 10, content="Báo cáo tháng 10", attachment=SimpleUploadedFile("bao-cao.pdf", PDF + b"% 10")
)
"""

# Every row of every table (as text, sorted: the order of rows is not data) and every sequence's position,
# but for the audit trail's own record of backups and restores: a backup is recorded after it is taken (so
# is not in it), and a restore in the database it restored.
SNAPSHOT = """
from django.db import connection


TRAIL = "audit_auditentry"
WHERE = {
    TRAIL: " WHERE action NOT IN ('backup', 'restore')",
    "sqlite_sequence": " WHERE name != '" + TRAIL + "'",
}

def cell(value):
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return repr(value)

out = {}
with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    tables = sorted(row[0] for row in cursor.fetchall())
    for table in tables:
        cursor.execute("SELECT * FROM " + connection.ops.quote_name(table) + WHERE.get(table, ""))
        out[table] = sorted(json.dumps([cell(value) for value in row], ensure_ascii=False) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()"
            " AND sequencename != '" + TRAIL + "_id_seq'"
        )
        out["(sequences)"] = sorted(repr(row) for row in cursor.fetchall())
print(json.dumps(out, ensure_ascii=False))
"""

MUTATE = """
from django.contrib.auth.models import User
from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.orgs.models import Unit
Unit.objects.filter(pk=Unit.objects.order_by("pk").first().pk).update(name="Đơn vị đã đổi tên")
EvidenceFile.objects.all().delete()
first_five = list(IndicatorValue.objects.order_by("pk").values_list("pk", flat=True)[:5])
IndicatorValue.objects.filter(pk__in=first_five).delete()
User.objects.create_user("nguoi-moi", password="mat-khau-moi")
"""


def server_connection() -> Any:
    import psycopg

    return psycopg.connect(SUITE_DATABASE_URL, autocommit=True)


class Instance:
    """One installation: its own database (empty until seeded) and its own data folder."""

    def __init__(self, root: Path, name: str, *, database: str | None = None) -> None:
        self.data_dir = root / name
        self.data_dir.mkdir(parents=True)
        self.dbname = ""
        if ON_POSTGRES:
            self.dbname = database or f"govscore_backup_{uuid.uuid4().hex[:12]}"
            config = dj_database_url.parse(SUITE_DATABASE_URL)
            if database is None:
                with server_connection() as conn:
                    conn.execute(f'CREATE DATABASE "{self.dbname}"')
            self.database_url = (
                f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST']}:{config['PORT']}/{self.dbname}"
            )
        else:
            self.database_url = f"sqlite:///{self.data_dir / 'govscore.sqlite3'}"

    @property
    def media(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "govscore.sqlite3"

    def env(self) -> dict[str, str]:
        return {**os.environ, "GOVSCORE_DATA_DIR": str(self.data_dir), "DATABASE_URL": self.database_url}

    def run(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *arguments], env=self.env(), capture_output=True, text=True, timeout=TIMEOUT, check=False
        )

    def govscore(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "govscore", *arguments)

    def python(self, script: str) -> str:
        done = self.run("-c", DJANGO + script)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def seed(self) -> None:
        self.python(SEED)
        # Files no row refers to are uploads too (an import waiting for confirmation, any name).
        pending = self.media / "imports" / "pending"
        pending.mkdir(parents=True, exist_ok=True)
        (pending / "cho-xac-nhan.xlsx").write_bytes(os.urandom(70_000))
        (self.media / "ghi chú — tệp riêng.txt").write_text("Tệp có tên tiếng Việt\n", encoding="utf-8")

    def rows(self) -> dict[str, list[str]]:
        return json.loads(self.python(SNAPSHOT))

    def trail_of_backups(self) -> list[list[object]]:
        """The audit rows of backups and restores, oldest first: [action, actor, folder, details]."""
        script = (
            "from govscore.web.audit.models import AuditEntry\n"
            "rows = AuditEntry.objects.filter(action__in=['backup', 'restore']).order_by('pk')\n"
            "print(json.dumps([[r.action, r.actor, r.object_repr, r.new] for r in rows], ensure_ascii=False))"
        )
        return json.loads(self.python(script))

    def files(self) -> dict[str, bytes]:
        return {
            path.relative_to(self.media).as_posix(): path.read_bytes()
            for path in sorted(self.media.rglob("*"))
            if path.is_file()
        }

    def state(self) -> tuple[dict[str, list[str]], dict[str, bytes]]:
        return self.rows(), self.files()

    def drop(self) -> None:
        if ON_POSTGRES and self.dbname:
            with server_connection() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


def copy_backup(backup: Path, root: Path) -> Path:
    copy = Path(tempfile.mkdtemp(dir=root, prefix="copy-")) / "backup"
    shutil.copytree(backup, copy)
    return copy


def manifest_of(backup: Path) -> dict[str, Any]:
    return json.loads((backup / "manifest.json").read_text(encoding="utf-8"))


def rewrite_manifest(backup: Path, manifest: dict[str, Any]) -> None:
    (backup / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


class BackupRestoreTests(SimpleTestCase):
    root: ClassVar[Path]
    source: ClassVar[Instance]
    backup: ClassVar[Path]
    backup_output: ClassVar[subprocess.CompletedProcess[str]]
    rows_at_backup: ClassVar[dict[str, list[str]]]
    files_at_backup: ClassVar[dict[str, bytes]]
    instances: ClassVar[list[Instance]]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.root = Path(tempfile.mkdtemp(prefix="govscore-backup-test-"))
        cls.instances = []
        try:
            cls.source = cls.instance("source")
            cls.source.seed()
            cls.rows_at_backup, cls.files_at_backup = cls.source.state()
            cls.backup = cls.root / "backups" / "2012-12-07"
            cls.backup_output = cls.source.govscore("backup", str(cls.backup))
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls) -> None:
        for instance in cls.instances:
            instance.drop()
        shutil.rmtree(cls.root, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def instance(cls, name: str) -> Instance:
        created = Instance(cls.root, f"{name}-{uuid.uuid4().hex[:6]}")
        cls.instances.append(created)
        return created

    def assert_refused(self, done: subprocess.CompletedProcess[str], *fragments: str) -> None:
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertNotIn("Traceback", done.stderr)
        for fragment in fragments:
            self.assertIn(fragment, done.stderr)

    def safety_backups(self, instance: Instance) -> list[Path]:
        return sorted(instance.data_dir.glob("before-restore-*"))

    # The backup itself.

    def test_the_backup_succeeds_with_a_summary(self) -> None:
        done = self.backup_output
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("Đã sao lưu vào", done.stdout)
        self.assertIn(f"CSDL {VENDOR}", done.stdout)
        self.assertIn("4 tệp tải lên", done.stdout)
        self.assertEqual(done.stderr, "")
        # The folder is written under a hidden name and renamed: nothing else is left beside it.
        self.assertEqual([path.name for path in self.backup.parent.iterdir()], [self.backup.name])

    def test_the_manifest_lists_every_file_with_its_size_and_hash(self) -> None:
        import hashlib

        manifest = manifest_of(self.backup)
        self.assertEqual((manifest["format"], manifest["format_version"]), ("govscore-backup", 1))
        self.assertEqual(manifest["database"]["vendor"], VENDOR)
        self.assertEqual(manifest["database"]["file"], DATABASE_FILE)
        self.assertTrue(manifest["created_at"].endswith("Z"))
        self.assertEqual(manifest["govscore_version"], "0.1.0")
        on_disk = {
            path.relative_to(self.backup).as_posix(): path.read_bytes()
            for path in self.backup.rglob("*")
            if path.is_file() and path.name != "manifest.json"
        }
        listed = {item["path"]: item for item in manifest["files"]}
        self.assertEqual(set(listed), set(on_disk))
        for path, data in on_disk.items():
            self.assertEqual(listed[path]["size"], len(data), path)
            self.assertEqual(listed[path]["sha256"], hashlib.sha256(data).hexdigest(), path)
        self.assertEqual({f"uploads/{name}" for name in self.files_at_backup}, set(listed) - {DATABASE_FILE})
        # Row counts and the migration state as the database had them.
        tables = manifest["database"]["tables"]
        for table in ("orgs_unit", "reports_monthlyreport", "indicators_evidencefile", "auth_user"):
            self.assertEqual(tables[table], len(self.rows_at_backup[table]), table)
        applied = {app: sorted(names) for app, names in manifest["migrations"].items()}
        recorded: dict[str, list[str]] = {}
        for row in self.rows_at_backup["django_migrations"]:
            cells = json.loads(row)  # id, app, name, applied, each as repr()
            recorded.setdefault(cells[1].strip("'"), []).append(cells[2].strip("'"))
        self.assertEqual(applied, {app: sorted(names) for app, names in recorded.items()})
        self.assertEqual(manifest["uploads"]["referenced"], 2)
        self.assertEqual(manifest["uploads"]["missing_referenced"], [])

    def test_a_folder_with_content_is_never_overwritten(self) -> None:
        target = self.root / "occupied"
        target.mkdir()
        (target / "notes.txt").write_text("giữ nguyên", encoding="utf-8")
        done = self.source.govscore("backup", str(target))
        self.assert_refused(done, str(target), "không trống")
        self.assertEqual([path.name for path in target.iterdir()], ["notes.txt"])
        english = self.source.govscore("backup", str(target), "--lang", "en")
        self.assert_refused(english, "is not empty")

    def test_an_empty_folder_is_used(self) -> None:
        target = self.root / "empty-folder"
        target.mkdir()
        done = self.source.govscore("backup", str(target))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue((target / "manifest.json").is_file())

    def test_a_failed_backup_leaves_no_folder(self) -> None:
        # A database that does not exist: a missing SQLite file, or a PostgreSQL database never created.
        missing = Instance(self.root, f"missing-{uuid.uuid4().hex[:6]}", database="govscore_no_such_database")
        parent = self.root / "failed-backups"
        parent.mkdir()
        done = missing.govscore("backup", str(parent / "backup"))
        self.assert_refused(done)
        self.assertIn("govscore_no_such_database" if ON_POSTGRES else str(missing.sqlite_file), done.stderr)
        self.assertEqual(list(parent.iterdir()), [])
        self.assertFalse(missing.sqlite_file.exists(), "a backup must not create an empty database")

    def test_uncommitted_writes_are_left_out_and_do_not_block_the_backup(self) -> None:
        target = self.root / "during-a-write"
        if ON_POSTGRES:
            import psycopg

            writer: Any = psycopg.connect(self.source.database_url)
        else:
            writer = sqlite3.connect(self.source.sqlite_file, isolation_level=None)
        try:
            committed = writer.execute("SELECT COUNT(*) FROM auth_group").fetchone()[0]
            if not ON_POSTGRES:
                writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO auth_group (name) VALUES ('chưa ghi')")
            done = self.source.govscore("backup", str(target))
        finally:
            writer.rollback() if ON_POSTGRES else writer.execute("ROLLBACK")
            writer.close()
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(manifest_of(target)["database"]["tables"]["auth_group"], committed)
        recorded = [folder for action, _actor, folder, _new in self.source.trail_of_backups() if action == "backup"]
        if ON_POSTGRES:
            self.assertIn(str(target), recorded)
        else:
            # SQLite's writer held the only write lock past the timeout: the backup is made and says so.
            self.assertNotIn(str(target), recorded)
            self.assertIn("chưa ghi được việc này vào nhật ký thay đổi (database is locked)", done.stderr)

    # Restoring.

    def test_a_restore_brings_back_every_row_and_every_file(self) -> None:
        self.source.python(MUTATE)
        media = self.source.media
        evidence = sorted((media / "evidence").rglob("*.pdf"))
        evidence[0].unlink()
        report = next((media / "reports").rglob("*.pdf"))
        report.write_bytes("%PDF-1.4 thay bằng tệp khác".encode())
        (media / "tệp mới.txt").write_text("thêm sau khi sao lưu", encoding="utf-8")
        changed_rows, changed_files = self.source.state()
        self.assertNotEqual(changed_rows, self.rows_at_backup)
        self.assertNotEqual(changed_files, self.files_at_backup)

        done = self.source.govscore("restore", str(self.backup), "--force")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("Đã khôi phục", done.stdout)
        rows, files = self.source.state()
        self.assertEqual(rows, self.rows_at_backup)
        self.assertEqual(files, self.files_at_backup)

        # What the restore replaced was backed up first, and restoring that undoes the restore.
        kept = self.safety_backups(self.source)
        self.assertEqual(len(kept), 1, done.stdout)
        self.assertIn(str(kept[0]), done.stdout)
        # The restored trail ends with the restore: where from, and where the replaced data went.
        [restored] = self.source.trail_of_backups()
        self.assertEqual(restored[:3], ["restore", "govscore restore", str(self.backup)])
        self.assertEqual(restored[3]["replaced_data_kept_in"], str(kept[0]))
        self.assertEqual(restored[3]["backup_made_at"], manifest_of(self.backup)["created_at"])
        undo = self.source.govscore("restore", str(kept[0]), "--force")
        self.assertEqual(undo.returncode, 0, undo.stderr)
        self.assertEqual(self.source.state(), (changed_rows, changed_files))
        again = self.source.govscore("restore", str(self.backup), "--force")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(self.source.state(), (self.rows_at_backup, self.files_at_backup))

    def test_a_restore_into_a_new_installation_needs_no_force(self) -> None:
        fresh = self.instance("fresh")
        done = fresh.govscore("restore", str(self.backup))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(fresh.state(), (self.rows_at_backup, self.files_at_backup))
        self.assertEqual(self.safety_backups(fresh), [])
        # The restored installation backs up like the original: same tables, rows and files.
        second = self.root / "second-generation"
        self.assertEqual(fresh.govscore("backup", str(second)).returncode, 0)
        # The backup a restore came from does not hold its own record; the new one is recorded after it.
        self.assertEqual(
            [(action, folder) for action, _actor, folder, _new in fresh.trail_of_backups()],
            [("restore", str(self.backup)), ("backup", str(second))],
        )
        original, copy = manifest_of(self.backup), manifest_of(second)
        grown = {
            **original["database"]["tables"],
            "audit_auditentry": original["database"]["tables"]["audit_auditentry"] + 1,
        }
        self.assertEqual(copy["database"]["tables"], grown)
        self.assertEqual(copy["migrations"], original["migrations"])
        self.assertEqual(
            [item for item in copy["files"] if item["path"] != DATABASE_FILE],
            [item for item in original["files"] if item["path"] != DATABASE_FILE],
        )

    def test_a_restore_into_a_database_with_data_needs_force(self) -> None:
        before = self.source.state()
        listing = sorted(path.name for path in self.source.data_dir.iterdir())
        done = self.source.govscore("restore", str(self.backup))
        self.assert_refused(done, "--force", "accounts_profile")  # the first tables holding data, by name
        self.assertEqual(self.source.state(), before)
        self.assertEqual(sorted(path.name for path in self.source.data_dir.iterdir()), listing)
        english = self.source.govscore("--lang", "en", "restore", str(self.backup))
        self.assert_refused(english, "already holds data", "--force")

    def test_files_in_the_uploads_folder_count_as_data(self) -> None:
        fresh = self.instance("uploads-only")
        fresh.media.mkdir()
        (fresh.media / "le-loi.pdf").write_bytes(PDF)
        done = fresh.govscore("restore", str(self.backup))
        self.assert_refused(done, "--force", str(fresh.media))
        self.assertEqual(fresh.files(), {"le-loi.pdf": PDF})

    def assert_tampered_backup_is_refused(self, tampered: Path, *fragments: str, rows: bool = True) -> None:
        """Refused by a forced restore (which changes nothing: rows, files, data folder) and by --check."""
        before = self.source.rows() if rows else None
        files = self.source.files()
        listing = sorted(path.name for path in self.source.data_dir.iterdir())
        done = self.source.govscore("restore", str(tampered), "--force")
        self.assert_refused(done, *fragments)
        if rows:
            self.assertEqual(self.source.rows(), before)
        self.assertEqual(self.source.files(), files)
        self.assertEqual(sorted(path.name for path in self.source.data_dir.iterdir()), listing)
        if rows:
            check = self.source.govscore("restore", "--check", str(tampered))
            self.assert_refused(check, *fragments)

    def test_a_changed_byte_is_refused_and_changes_nothing(self) -> None:
        tampered = copy_backup(self.backup, self.root)
        database = tampered / DATABASE_FILE
        data = bytearray(database.read_bytes())
        data[len(data) // 2] ^= 0x01
        database.write_bytes(bytes(data))
        self.assert_tampered_backup_is_refused(tampered, str(database), "SHA-256", "không thay đổi gì")

    def test_a_removed_file_is_refused_and_changes_nothing(self) -> None:
        tampered = copy_backup(self.backup, self.root)
        removed = sorted((tampered / "uploads" / "evidence").rglob("*.pdf"))[0]
        removed.unlink()
        self.assert_tampered_backup_is_refused(tampered, str(removed), "Thiếu tệp")

    def test_an_added_file_is_refused(self) -> None:
        tampered = copy_backup(self.backup, self.root)
        (tampered / "uploads" / "them.pdf").write_bytes(PDF)
        self.assert_tampered_backup_is_refused(tampered, str(tampered / "uploads" / "them.pdf"), rows=False)

    def test_a_manifest_cannot_point_outside_the_backup(self) -> None:
        tampered = copy_backup(self.backup, self.root)
        manifest = manifest_of(tampered)
        manifest["files"].append({"path": "uploads/../../../etc/passwd", "size": 1, "sha256": "0" * 64})
        rewrite_manifest(tampered, manifest)
        self.assert_tampered_backup_is_refused(tampered, "manifest.json", "files[", rows=False)

    def test_a_folder_without_manifest_is_refused(self) -> None:
        tampered = copy_backup(self.backup, self.root)
        (tampered / "manifest.json").unlink()
        self.assert_tampered_backup_is_refused(tampered, str(tampered / "manifest.json"), rows=False)

    def test_a_backup_of_the_other_database_vendor_is_refused(self) -> None:
        other, other_file = ("sqlite", "database.sqlite3") if ON_POSTGRES else ("postgresql", "database.pgdump")
        tampered = copy_backup(self.backup, self.root)
        (tampered / DATABASE_FILE).rename(tampered / other_file)
        manifest = manifest_of(tampered)
        manifest["database"]["vendor"], manifest["database"]["file"] = other, other_file
        for item in manifest["files"]:
            if item["path"] == DATABASE_FILE:
                item["path"] = other_file
        rewrite_manifest(tampered, manifest)
        fresh = self.instance("other-vendor")
        done = fresh.govscore("--lang", "en", "restore", str(tampered))
        self.assert_refused(done, f"holds a {other} database", f"names a {VENDOR} database")
        self.assertEqual(fresh.files(), {})

    def test_a_backup_from_newer_code_is_refused(self) -> None:
        tampered = copy_backup(self.backup, self.root)
        manifest = manifest_of(tampered)
        manifest["migrations"]["scores"].append("9999_from_the_future")
        manifest["govscore_version"] = "9.0.0"
        rewrite_manifest(tampered, manifest)
        fresh = self.instance("older-code")
        done = fresh.govscore("restore", str(tampered))
        self.assert_refused(done, "scores.9999_from_the_future", "9.0.0")
        self.assertEqual(fresh.files(), {})

    def test_check_verifies_a_backup_without_a_database(self) -> None:
        fresh = self.instance("check-only")
        done = fresh.govscore("restore", "--check", str(self.backup))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("nguyên vẹn", done.stdout)
        self.assertFalse(fresh.sqlite_file.exists())
        self.assertFalse(fresh.media.exists())

    def test_a_backup_never_goes_inside_the_uploads_folder(self) -> None:
        inside = self.source.media / "backups" / "today"
        done = self.source.govscore("backup", str(inside))
        self.assert_refused(done, str(inside), str(self.source.media))
        self.assertFalse((self.source.media / "backups").exists())

    def test_a_backup_inside_the_uploads_folder_is_not_restored(self) -> None:
        fresh = self.instance("backup-in-uploads")
        fresh.media.mkdir()
        inside = fresh.media / "backup"
        shutil.copytree(self.backup, inside)
        done = fresh.govscore("restore", str(inside), "--force")
        self.assert_refused(done, str(inside))
        self.assertTrue((inside / "manifest.json").is_file())

    @pytest.mark.skipif(ON_POSTGRES, reason="a database file exists only with SQLite")
    def test_an_unreadable_database_file_is_kept_before_it_is_replaced(self) -> None:
        fresh = self.instance("damaged")
        garbage = b"not a database " * 300
        fresh.sqlite_file.write_bytes(garbage)
        refused = fresh.govscore("restore", str(self.backup))
        self.assert_refused(refused, "--force", str(fresh.sqlite_file))
        self.assertEqual(fresh.sqlite_file.read_bytes(), garbage)
        done = fresh.govscore("restore", str(self.backup), "--force")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(fresh.state(), (self.rows_at_backup, self.files_at_backup))
        [kept] = self.safety_backups(fresh)
        self.assertEqual((kept / "damaged-database" / "govscore.sqlite3").read_bytes(), garbage)

    @pytest.mark.skipif(ON_POSTGRES, reason="a database file exists only with SQLite")
    def test_a_database_file_in_use_is_not_replaced(self) -> None:
        fresh = self.instance("in-use")
        self.assertEqual(fresh.govscore("restore", str(self.backup)).returncode, 0)
        server = sqlite3.connect(fresh.sqlite_file)
        try:
            # What a running server in WAL mode looks like: an open connection that has read the database.
            server.execute("PRAGMA journal_mode=WAL")
            server.execute("SELECT COUNT(*) FROM auth_user").fetchall()
            done = fresh.govscore("--lang", "en", "restore", str(self.backup), "--force")
        finally:
            server.close()
        self.assert_refused(done, "in use", "stop the govscore server")
        self.assertEqual(self.safety_backups(fresh), [])

    def test_the_help_says_to_stop_the_server(self) -> None:
        done = self.source.govscore("--lang", "en", "restore", "--help")
        self.assertEqual(done.returncode, 0)
        self.assertIn("STOP the govscore server", " ".join(done.stdout.split()))


def test_a_missing_pg_dump_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govscore.web.backup import postgres as database

    monkeypatch.setattr(database, "PG_BIN_ROOT", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(database.BackupError) as raised:
        database.find_tool("pg_dump", 15)
    assert raised.value.key == "backup.tool_missing"
    assert raised.value.params == {"tool": "pg_dump", "version": 15}


def test_the_server_version_of_pg_dump_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govscore.web.backup import postgres as database

    for version in ("14", "15", "16"):
        tool = tmp_path / version / "bin" / "pg_dump"
        tool.parent.mkdir(parents=True)
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)
    monkeypatch.setattr(database, "PG_BIN_ROOT", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert database.find_tool("pg_dump", 15) == tmp_path / "15" / "bin" / "pg_dump"
    assert database.find_tool("pg_dump", 17) == tmp_path / "16" / "bin" / "pg_dump"
