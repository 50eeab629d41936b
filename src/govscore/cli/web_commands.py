"""Commands that need the web application: demo, serve, template, import, import-history, backup, restore."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

from govscore.web.imports.history import cli as history_cli

TEXT: dict[str, tuple[str, str]] = {
    "help_demo": (
        "tạo CSDL mẫu Đồng Nai 2012 (20 đơn vị, người dùng theo vai trò) và chạy web",
        "create the Đồng Nai 2012 demo database (20 units, one user per role) and serve it",
    ),
    "help_serve": ("chạy ứng dụng web với CSDL trong DATABASE_URL", "serve the web application on DATABASE_URL"),
    "help_data_dir": (
        "thư mục dữ liệu (mặc định $GOVSCORE_DATA_DIR hoặc ./data)",
        "data folder (default $GOVSCORE_DATA_DIR or ./data)",
    ),
    "help_no_serve": ("chỉ chuẩn bị dữ liệu, không chạy web", "prepare the data only, do not serve"),
    "help_addr": ("địa chỉ:cổng", "address:port"),
    "ready": ("Dữ liệu mẫu đã sẵn sàng: {db}", "Demo data ready: {db}"),
    "logins": ("Tài khoản (mật khẩu chung: {password}):", "Logins (shared password: {password}):"),
    "reporters": (
        "  cán bộ báo cáo: bc-<mã đơn vị>, ví dụ {example}",
        "  unit reporters: bc-<unit code>, e.g. {example}",
    ),
    "url": ("Mở {url}", "Open {url}"),
    "help_template": (
        "ghi mẫu số liệu XLSX của một kỳ đánh giá (kèm số liệu hiện có)",
        "write a period's XLSX data template (with the current data)",
    ),
    "help_import": (
        "nhập số liệu từ tệp XLSX theo mẫu (kiểm tra cả tệp, có lỗi thì không ghi gì)",
        "import data from a filled XLSX template (the whole file is checked; nothing is written on error)",
    ),
    "help_period": ("mã kỳ đánh giá hoặc năm", "the period's id or year"),
    "help_output": ("tệp ghi ra (mặc định so-lieu-NĂM-ky-MÃ.xlsx)", "output file (default so-lieu-YEAR-ky-ID.xlsx)"),
    "help_file": ("tệp XLSX đã điền", "the filled XLSX file"),
    "help_dry_run": ("chỉ kiểm tra và liệt kê thay đổi, không ghi", "check and list the changes, write nothing"),
    "help_user": ("tên người dùng ghi là người nhập", "username recorded as the one who entered the data"),
    "help_lang": ("ngôn ngữ thông báo (vi hoặc en)", "message language (vi or en)"),
    "insecure": (
        "Chưa đặt SECRET_KEY: chỉ được chạy trên địa chỉ nội bộ (127.0.0.1) hoặc khi DEBUG=true.",
        "SECRET_KEY is not set: serving only on a loopback address (127.0.0.1) or with DEBUG=true.",
    ),
    "help_production": (
        "chạy thật: gunicorn, HTTPS, xác thực hai bước, nhật ký JSON (xem docs/deployment.md)",
        "serve for real: gunicorn, HTTPS, two-factor log-in, JSON logs (see docs/deployment.md)",
    ),
    "production_refused": (
        "Không chạy ở chế độ production với cấu hình này:",
        "Refusing to serve in production mode with this configuration:",
    ),
    "two_factor_off": (
        "Xác thực hai bước đang TẮT (GOVSCORE_REQUIRE_2FA=false): chỉ để chạy thử, không dùng với dữ liệu thật.",
        "Two-factor log-in is OFF (GOVSCORE_REQUIRE_2FA=false): for trying out only, never with real data.",
    ),
}


def say(key: str, lang: str, **args: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**args)


def register(commands: Any, lang: str) -> None:
    """Add `demo` and `serve` to the CLI's subcommands."""
    demo = commands.add_parser("demo", help=say("help_demo", lang))
    demo.add_argument("--data-dir", metavar="DIR", help=say("help_data_dir", lang))
    demo.add_argument("--no-serve", action="store_true", help=say("help_no_serve", lang))
    demo.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help=say("help_addr", lang))
    demo.set_defaults(handler=cmd_demo)

    serve = commands.add_parser("serve", help=say("help_serve", lang))
    serve.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help=say("help_addr", lang))
    serve.add_argument("--production", action="store_true", help=say("help_production", lang))
    serve.set_defaults(handler=cmd_serve)
    register_imports(commands, lang)
    register_backup(commands, lang)
    history_cli.register(commands, lang)


def register_imports(commands: Any, lang: str) -> None:
    """Add `template` and `import`: a period's XLSX data template and its import."""
    template = commands.add_parser("template", help=say("help_template", lang))
    template.add_argument("period", metavar="PERIOD", help=say("help_period", lang))
    template.add_argument("--output", "-o", metavar="FILE", help=say("help_output", lang))
    imported = commands.add_parser("import", help=say("help_import", lang))
    imported.add_argument("period", metavar="PERIOD", help=say("help_period", lang))
    imported.add_argument("file", metavar="FILE", help=say("help_file", lang))
    imported.add_argument("--dry-run", action="store_true", help=say("help_dry_run", lang))
    imported.add_argument("--user", metavar="USERNAME", help=say("help_user", lang))
    for parser, handler in ((template, cmd_template), (imported, cmd_import)):
        # Also accepted after the command; SUPPRESS keeps a `--lang` given before it.
        parser.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=say("help_lang", lang))
        parser.set_defaults(handler=handler)


def setup_django(data_dir: Path | None = None, sqlite: bool = False) -> None:
    """Point the settings at the data folder (before Django reads them) and start Django."""
    if data_dir is not None:
        os.environ["GOVSCORE_DATA_DIR"] = str(data_dir)
    if sqlite:
        # The demo always uses its own SQLite file, whatever DATABASE_URL says.
        os.environ["DATABASE_URL"] = f"sqlite:///{(data_dir or Path('data')).resolve() / 'govscore.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govscore.web.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _runserver(addr: str) -> None:
    from django.core.management import call_command

    call_command("runserver", addr, use_reloader=False)


def cmd_demo(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir or os.environ.get("GOVSCORE_DATA_DIR") or "data").resolve()
    (data_dir / "uploads").mkdir(parents=True, exist_ok=True)
    # Whitenoise serves the static files from the packages here; an absent root only earns a warning.
    (data_dir / "static").mkdir(exist_ok=True)
    setup_django(data_dir, sqlite=True)
    _migrate()
    from govscore.web.demo import setup_demo

    _period, logins = setup_demo()
    lang = args.lang
    print(say("ready", lang, db=data_dir / "govscore.sqlite3"))
    print(say("logins", lang, password=logins[0].password))
    for login in logins:
        if not login.unit:
            # The role as the department says it ("Cán bộ thẩm định"), in English with --lang en.
            print(f"  {login.username} ({login.role.label if lang == 'vi' else login.role.value})")
    reporters = [login for login in logins if login.unit]
    if reporters:
        print(say("reporters", lang, example=reporters[0].username))
    print(say("url", lang, url=f"http://{args.addr}/"))
    from django.conf import settings

    if not settings.GOVSCORE_REQUIRE_2FA:
        print(say("two_factor_off", lang))
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
        sys.stderr.write(say("insecure", args.lang) + "\n")
        return 2
    _migrate()
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
        sys.stderr.write(say("production_refused", lang) + "\n" + str(error) + "\n")
        return 2
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    if not settings.GOVSCORE_REQUIRE_2FA:
        sys.stderr.write(say("two_factor_off", lang) + "\n")
    _migrate()
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


def cmd_template(args: argparse.Namespace) -> int:
    setup_django()
    from govscore.web.imports.commands import cmd_template as run

    return run(args)


def cmd_import(args: argparse.Namespace) -> int:
    setup_django()
    from govscore.web.imports.commands import cmd_import as run

    return run(args)


def register_backup(commands: Any, lang: str) -> None:
    """Add `backup` and `restore`: the database and the uploaded files into a verified folder, and back."""
    from govscore.web.backup.messages import say as text

    backup = commands.add_parser("backup", help=text("help_backup", lang), description=text("about_backup", lang))
    backup.add_argument("dir", metavar="DIR", help=text("help_backup_dir", lang))
    restore = commands.add_parser("restore", help=text("help_restore", lang), description=text("about_restore", lang))
    restore.add_argument("dir", metavar="DIR", help=text("help_restore_dir", lang))
    restore.add_argument("--force", action="store_true", help=text("help_force", lang))
    restore.add_argument("--check", action="store_true", help=text("help_check", lang))
    for parser, handler in ((backup, cmd_backup), (restore, cmd_restore)):
        parser.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=say("help_lang", lang))
        parser.set_defaults(handler=handler)


def cmd_backup(args: argparse.Namespace) -> int:
    from govscore.web.backup.commands import run_backup

    return run_backup(args, setup_django)


def cmd_restore(args: argparse.Namespace) -> int:
    from govscore.web.backup.commands import run_restore

    return run_restore(args, setup_django)
