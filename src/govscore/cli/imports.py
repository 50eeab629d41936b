"""`govscore template`, `govscore import` and `govscore import-history`: the argument parsers, and handlers
that start Django before the runs (`import_runs`) touch the database, so that building the command line
never starts it.
"""

from __future__ import annotations

import argparse
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.scoring.messages import render


def register(commands: Any, lang: str) -> None:
    template = commands.add_parser("template", help=render("cli.help_template", lang))
    template.add_argument("period", metavar="PERIOD", help=render("cli.help_period", lang))
    template.add_argument("--output", "-o", metavar="FILE", help=render("cli.help_output", lang))

    imported = commands.add_parser("import", help=render("cli.help_import", lang))
    imported.add_argument("period", metavar="PERIOD", help=render("cli.help_period", lang))
    imported.add_argument("file", metavar="FILE", help=render("cli.help_file", lang))
    imported.add_argument("--dry-run", action="store_true", help=render("cli.help_dry_run", lang))
    imported.add_argument("--user", metavar="USERNAME", help=render("cli.help_user", lang))

    history = commands.add_parser("import-history", help=render("cli.history.help", lang))
    history.add_argument("year", metavar="YEAR", type=int, help=render("cli.history.help_year", lang))
    history.add_argument("framework", metavar="FRAMEWORK_CODE", help=render("cli.history.help_framework", lang))
    history.add_argument("file", metavar="FILE", help=render("cli.history.help_file", lang))
    history.add_argument("--framework-version", metavar="VERSION", help=render("cli.history.help_version", lang))
    history.add_argument("--title", default="", help=render("cli.history.help_title", lang))
    history.add_argument("--dry-run", action="store_true", help=render("cli.history.help_dry_run", lang))
    history.add_argument("--user", metavar="USERNAME", help=render("cli.history.help_user", lang))

    for parser, run in ((template, "template"), (imported, "data"), (history, "history")):
        # Also accepted after the command; SUPPRESS keeps a `--lang` given before it.
        parser.add_argument(
            "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=render("cli.help_lang", lang)
        )
        parser.set_defaults(handler=_handler(run))


def _handler(run: str) -> Any:
    def handle(args: argparse.Namespace) -> int:
        setup_django()
        from govscore.cli import import_runs

        return import_runs.run(run, args)

    return handle
