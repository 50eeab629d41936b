"""`govscore import-history`: the argument parser only, so that building the CLI never starts Django."""

from __future__ import annotations

import argparse
from typing import Any

TEXT: dict[str, tuple[str, str]] = {
    "help": (
        "nhập bảng kết quả đã công bố của một năm trước (XLSX theo mẫu) thành kỳ đánh giá chỉ đọc",
        "import a past year's published results table (XLSX template) as a read-only period",
    ),
    "help_year": ("năm của bảng kết quả", "the table's year"),
    "help_framework": ("mã bộ tiêu chí", "the framework's code"),
    "help_file": ("tệp XLSX đã điền theo mẫu bảng kết quả", "the filled XLSX results template"),
    "help_version": (
        "phiên bản bộ tiêu chí (bắt buộc khi mã có nhiều phiên bản)",
        "the framework's version (required when the code has several)",
    ),
    "help_title": ("tên kỳ đánh giá", "the period's title"),
    "help_dry_run": (
        "chỉ kiểm tra tệp và liệt kê các điểm không nhất quán, không ghi",
        "check the file and list the inconsistencies, write nothing",
    ),
    "help_user": ("tên người dùng ghi là người nhập", "username recorded as the one who imported"),
    "help_lang": ("ngôn ngữ thông báo (vi hoặc en)", "message language (vi or en)"),
}


def say(key: str, lang: str) -> str:
    vi, en = TEXT[key]
    return en if lang == "en" else vi


def register(commands: Any, lang: str) -> None:
    parser = commands.add_parser("import-history", help=say("help", lang))
    parser.add_argument("year", metavar="YEAR", type=int, help=say("help_year", lang))
    parser.add_argument("framework", metavar="FRAMEWORK_CODE", help=say("help_framework", lang))
    parser.add_argument("file", metavar="FILE", help=say("help_file", lang))
    parser.add_argument("--framework-version", metavar="VERSION", help=say("help_version", lang))
    parser.add_argument("--title", default="", help=say("help_title", lang))
    parser.add_argument("--dry-run", action="store_true", help=say("help_dry_run", lang))
    parser.add_argument("--user", metavar="USERNAME", help=say("help_user", lang))
    # Also accepted after the command; SUPPRESS keeps a `--lang` given before it.
    parser.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=say("help_lang", lang))
    parser.set_defaults(handler=cmd_import_history)


def cmd_import_history(args: argparse.Namespace) -> int:
    from govscore.cli.web_commands import setup_django

    setup_django()
    from govscore.web.imports.history.commands import run

    return run(args)
