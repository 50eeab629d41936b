"""`govscore demo` and `govscore serve`: the web application, with the bundled example or on DATABASE_URL."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

from govscore.cli.django_setup import migrate, setup_django
from govscore.scoring.messages import render


def register(commands: Any, lang: str) -> None:
    """Add `demo` and `serve` to the CLI's subcommands."""
    demo = commands.add_parser("demo", help=render("cli.help_demo", lang))
    demo.add_argument("--data-dir", metavar="DIR", help=render("cli.help_data_dir", lang))
    demo.add_argument("--no-serve", action="store_true", help=render("cli.help_no_serve", lang))
    demo.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help=render("cli.help_addr", lang))
    demo.set_defaults(handler=cmd_demo)

    serve = commands.add_parser("serve", help=render("cli.help_serve", lang))
    serve.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help=render("cli.help_addr", lang))
    serve.add_argument("--production", action="store_true", help=render("cli.help_production", lang))
    serve.set_defaults(handler=cmd_serve)


def _runserver(addr: str) -> None:
    from django.core.management import call_command

    call_command("runserver", addr, use_reloader=False)


def cmd_demo(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir or os.environ.get("GOVSCORE_DATA_DIR") or "data").resolve()
    (data_dir / "uploads").mkdir(parents=True, exist_ok=True)
    # Whitenoise serves the static files from the packages here; an absent root only earns a warning.
    (data_dir / "static").mkdir(exist_ok=True)
    setup_django(data_dir, sqlite=True)
    migrate()
    from govscore.web.demo import setup_demo

    _period, logins = setup_demo()
    lang = args.lang
    print(render("cli.ready", lang, db=data_dir / "govscore.sqlite3"))
    print(render("cli.logins", lang, password=logins[0].password))
    for login in logins:
        if not login.unit:
            # The role as the department says it ("Cán bộ thẩm định"), in English with --lang en.
            print(f"  {login.username} ({login.role.label if lang == 'vi' else login.role.value})")
    reporters = [login for login in logins if login.unit]
    if reporters:
        print(render("cli.reporters", lang, example=reporters[0].username))
    print(render("cli.url", lang, url=f"http://{args.addr}/"))
    from django.conf import settings

    if not settings.GOVSCORE_REQUIRE_2FA:
        print(render("cli.two_factor_off", lang))
    sys.stdout.flush()
    if not args.no_serve:
        _runserver(args.addr)
    return 0


def _is_loopback(addr: str) -> bool:
    host = addr.rsplit(":", 1)[0] if ":" in addr else addr
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    if args.production:
        return _serve_production(args.addr, args.lang)
    setup_django()
    from django.conf import settings

    if settings.SECRET_KEY == settings.INSECURE_KEY and not settings.DEBUG and not _is_loopback(args.addr):
        sys.stderr.write(render("cli.insecure", args.lang) + "\n")
        return 2
    migrate()
    _runserver(args.addr)
    return 0


def _serve_production(addr: str, lang: str) -> int:
    """Migrate, collect the static files into the data folder, then become gunicorn (same process id,
    so systemd's signals reach gunicorn's master directly)."""
    from govscore.web.security.environment import SettingsError

    os.environ["GOVSCORE_PRODUCTION"] = "true"
    try:
        # The settings refuse DEBUG and a weak SECRET_KEY in production; say so plainly, without a traceback.
        setup_django()
    except SettingsError as error:
        sys.stderr.write(render("cli.production_refused", lang) + "\n" + str(error) + "\n")
        return 2
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connections

    if not settings.GOVSCORE_REQUIRE_2FA:
        sys.stderr.write(render("cli.two_factor_off", lang) + "\n")
    try:
        migrate()
    except DatabaseError as error:
        # With the tables owned by another role (docs/deployment.md), only `govscore init` may migrate.
        sys.stderr.write(render("cli.migrate_refused", lang, reason=str(error).strip()) + "\n")
        return 2
    # Incremental: only changed files are copied, so every start can run it.
    call_command("collectstatic", interactive=False, verbosity=0)
    # gunicorn's workers open their own connections; none may be inherited.
    connections.close_all()
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:govscore.web.security.gunicorn_conf",
        "--bind",
        addr,
        "govscore.web.wsgi:application",
    ]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)
    return 0  # not reached: execv replaces this process
