"""`govscore units import FILE [--dry-run]` and `govscore units template`: the register of groups and
units from and to its XLSX workbook. Django starts only when a command runs.

Exit codes as the rest of the command line: 0 success (also a dry run), 2 bad input — each problem on
its own line, `Sheet!C7 (column title): message`, and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.scoring.messages import render


def register(commands: Any, lang: str) -> None:
    units = commands.add_parser("units", help=render("cli.units.help", lang))
    actions = units.add_subparsers(dest="units_command", required=True, metavar="ACTION", parser_class=type(units))
    imported = actions.add_parser("import", help=render("cli.units.help_import", lang))
    imported.add_argument("file", metavar="FILE", help=render("cli.units.help_file", lang))
    imported.add_argument("--dry-run", action="store_true", help=render("cli.units.help_dry_run", lang))
    imported.add_argument("--user", metavar="USERNAME", help=render("cli.help_user", lang))
    template = actions.add_parser("template", help=render("cli.units.help_template", lang))
    template.add_argument("--output", "-o", metavar="FILE", help=render("cli.help_output", lang))
    for parser, run in ((imported, run_import), (template, run_template)):
        parser.add_argument(
            "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=render("cli.help_lang", lang)
        )
        parser.set_defaults(handler=_handler(run))


def _handler(run: Any) -> Any:
    def handle(args: argparse.Namespace) -> int:
        setup_django()
        from govscore.cli.import_runs import guarded

        lang = getattr(args, "lang", "vi")
        return guarded(lambda: int(run(args, lang)), lang)

    return handle


def run_import(args: argparse.Namespace, lang: str) -> int:
    from govscore.cli.import_runs import EXIT_BAD_INPUT, EXIT_OK, find_user, read_input
    from govscore.web.orgs.actions import do_import_units

    user = find_user(args.user, lang)
    path = Path(args.file)
    outcome = do_import_units(read_input(path, lang), by=user, dry_run=args.dry_run)
    if not outcome.ok:
        sys.stderr.write(render("cli.import.invalid", lang, path=path, count=len(outcome.problems)) + "\n")
        for problem in outcome.problems:
            sys.stderr.write(problem.render(lang, file_name=path.name) + "\n")
        return EXIT_BAD_INPUT
    if not outcome.changes:
        print(render("cli.units.no_changes", lang))
        return EXIT_OK
    for change in outcome.changes:
        kind = render("cli.units.added" if change.added else "cli.units.changed", lang)
        text = "; ".join(f"{title}: {old or '—'} → {new or '—'}" for title, old, new in change.fields) or change.name
        print(render("cli.units.change", lang, kind=kind, code=change.code, text=text))
    counts = {
        "groups": sum(change.kind == "group" for change in outcome.changes),
        "units": sum(change.kind == "unit" for change in outcome.changes),
    }
    print(render("cli.units.imported" if outcome.written else "cli.units.dry_run", lang, **counts))
    return EXIT_OK


def run_template(args: argparse.Namespace, lang: str) -> int:
    from govscore.cli.import_runs import EXIT_OK, CommandError
    from govscore.web.orgs.models import Unit
    from govscore.web.orgs.register import template_bytes

    path = Path(args.output or "don-vi.xlsx")
    try:
        path.write_bytes(template_bytes())
    except OSError as error:
        raise CommandError(
            render("cli.import.file_unwritable", lang, path=path, detail=error.strerror or error)
        ) from None
    print(render("cli.units.template_written", lang, units=Unit.objects.count(), path=path))
    return EXIT_OK
