"""`govscore accounts import FILE` and `govscore accounts template`: the accounts workbook from the
command line. New accounts' one-time set-password links are printed (or e-mailed when the server has
e-mail), at the address `GOVSCORE_PUBLIC_URL` gives. Bad input: every problem located, exit 2, nothing
written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.scoring.messages import render

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def register(commands: Any, lang: str) -> None:
    accounts = commands.add_parser("accounts", help=render("cli.accounts.help", lang))
    actions = accounts.add_subparsers(
        dest="accounts_command", required=True, metavar="ACTION", parser_class=type(accounts)
    )
    imported = actions.add_parser("import", help=render("cli.accounts.help_import", lang))
    imported.add_argument("file", metavar="FILE", help=render("cli.accounts.help_file", lang))
    imported.add_argument("--dry-run", action="store_true", help=render("cli.help_dry_run", lang))
    imported.add_argument("--user", metavar="USERNAME", help=render("cli.help_user", lang))
    template = actions.add_parser("template", help=render("cli.accounts.help_template", lang))
    template.add_argument("--output", "-o", metavar="FILE", default="tai-khoan.xlsx")
    for parser, handler in ((imported, _import), (template, _template)):
        parser.add_argument(
            "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=render("cli.help_lang", lang)
        )
        parser.set_defaults(handler=_started(handler))


def _started(handler: Any) -> Any:
    def handle(args: argparse.Namespace) -> int:
        setup_django()
        from govscore.cli.import_runs import guarded

        return guarded(lambda: int(handler(args)), args.lang)

    return handle


def _template(args: argparse.Namespace) -> int:
    from govscore.cli.import_runs import CommandError
    from govscore.imports.accounts import build_people_template
    from govscore.web.orgs.models import Unit

    path = Path(args.output)
    data = build_people_template([(unit.code, unit.name) for unit in Unit.objects.order_by("code")])
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(
            render("cli.import.file_unwritable", args.lang, path=path, detail=error.strerror or error)
        ) from None
    print(render("cli.accounts.template_written", args.lang, path=path))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from django.conf import settings

    from govscore.cli.import_runs import find_user, read_input
    from govscore.web.accounts.actions import do_import_people
    from govscore.web.accounts.links import hand_over

    lang = args.lang
    path = Path(args.file)
    data = read_input(path, lang)
    outcome = do_import_people(data, by=find_user(args.user, lang), dry_run=args.dry_run)
    plan = outcome.plan
    if not plan.ok:
        sys.stderr.write(render("cli.import.invalid", lang, path=path, count=len(plan.problems)) + "\n")
        for problem in plan.problems:
            sys.stderr.write(problem.render(lang, file_name=path.name) + "\n")
        return EXIT_BAD_INPUT
    counts = {"new": plan.count("new"), "changed": plan.count("changed"), "same": plan.count("same")}
    if args.dry_run:
        print(render("cli.accounts.dry_run", lang, **counts))
        return EXIT_OK
    print(render("cli.accounts.imported", lang, **counts))
    for handover in hand_over(list(outcome.created), settings.GOVSCORE_PUBLIC_URL):
        key = "cli.accounts.emailed" if handover.emailed else "cli.accounts.link"
        print(render(key, lang, name=handover.user.username, email=handover.user.email, link=handover.link))
    return EXIT_OK
