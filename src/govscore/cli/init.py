"""`govscore init`: the database created or brought up to date, and the first administrator.

On PostgreSQL the tables belong to an owner role that only this command uses (`DATABASE_OWNER_URL`);
the application runs as another role (`DATABASE_URL`) that may read and write the data but may only
add to and read the audit trail: not the owner, it cannot disable the trail's trigger, truncate it or
drop it. Running the command again changes nothing that is already in place, and says so.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.scoring.messages import render

EXIT_OK, EXIT_BAD_INPUT = 0, 2
AUDIT_TABLE = "audit_auditentry"


def register(commands: Any, lang: str) -> None:
    init = commands.add_parser("init", help=render("cli.init.help", lang))
    init.add_argument("--admin", required=True, metavar="NAME", help=render("cli.init.help_admin", lang))
    init.set_defaults(handler=cmd_init)


def cmd_init(args: argparse.Namespace) -> int:
    lang = args.lang
    runtime_url = os.environ.get("DATABASE_URL", "")
    owner_url = os.environ.get("DATABASE_OWNER_URL", "")
    if owner_url:
        if not runtime_url.startswith("postgres") or not owner_url.startswith("postgres"):
            sys.stderr.write(render("cli.init.owner_needs_postgres", lang) + "\n")
            return EXIT_BAD_INPUT
        os.environ["DATABASE_URL"] = owner_url  # this process migrates as the owner
    data_dir = Path(os.environ.get("GOVSCORE_DATA_DIR") or "data").resolve()
    (data_dir / "uploads").mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    from django.db import DatabaseError

    try:
        applied = _migrate()
        print(render("cli.init.migrated", lang, count=applied) if applied else render("cli.init.up_to_date", lang))
        if owner_url:
            granted = _grant_runtime(runtime_url)
            print(render("cli.init.granted", lang, role=granted, table=AUDIT_TABLE))
        return _first_administrator(args.admin, lang)
    except DatabaseError as error:
        sys.stderr.write(render("cli.init.database_error", lang, reason=str(error).strip()) + "\n")
        return EXIT_BAD_INPUT


def _migrate() -> int:
    """Apply the migrations not yet applied; how many there were."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    return len(pending)


def _grant_runtime(runtime_url: str) -> str:
    """Let the runtime role use every table and sequence, but only read and add to the audit trail;
    tables later migrations create get the same grants (default privileges)."""
    import dj_database_url
    from django.db import connection

    role = str(dj_database_url.parse(runtime_url)["USER"])
    quoted = connection.ops.quote_name(role)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {AUDIT_TABLE} FROM {quoted}",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return role


def _first_administrator(name: str, lang: str) -> int:
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from govscore.web.accounts.actions import do_ensure_user
    from govscore.web.accounts.models import Role

    if User.objects.filter(username=name).exists():
        print(render("cli.init.admin_exists", lang, name=name))
        return EXIT_OK
    password = os.environ.get("GOVSCORE_ADMIN_PASSWORD") or _ask_password(lang)
    if password is None:
        sys.stderr.write(render("cli.init.password_mismatch", lang) + "\n")
        return EXIT_BAD_INPUT
    from django.utils import translation

    try:
        with translation.override(lang):
            validate_password(password, User(username=name))
    except ValidationError as error:
        with translation.override(lang):
            reasons = " ".join(str(message) for message in error.messages)
        sys.stderr.write(render("cli.init.weak_password", lang, reasons=reasons) + "\n")
        return EXIT_BAD_INPUT
    do_ensure_user(name, password, Role.ADMINISTRATOR)
    print(render("cli.init.admin_created", lang, name=name))
    return EXIT_OK


def _ask_password(lang: str) -> str | None:
    """The password typed twice; None when the two differ."""
    first = getpass.getpass(render("cli.init.password", lang))
    return first if first == getpass.getpass(render("cli.init.password_again", lang)) else None
