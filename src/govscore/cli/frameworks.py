"""`govscore framework validate | load | export`: a framework as a YAML file or an XLSX workbook.

`validate` reads files only; `load` stores a valid framework in the application's database (a new
version, or nothing when the same version is stored with the same content); `export` writes a stored
version (or a bundled example's framework) as YAML or as the workbook. Bad input: every problem located,
exit 2, nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.examples import EXAMPLES_DIR
from govscore.frameworks.files import framework_from_path, is_workbook, stored_data
from govscore.frameworks.workbook_writer import framework_workbook
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.loading.yamlfile import read_yaml
from govscore.scoring.messages import render
from govscore.scoring.model import Framework

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class FrameworkCommandError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def register(commands: Any, lang: str) -> None:
    framework = commands.add_parser("framework", help=render("cli.help_framework", lang))
    actions = framework.add_subparsers(dest="framework_command", required=True, metavar="ACTION")
    validate = actions.add_parser("validate", help=render("cli.help_validate", lang))
    validate.add_argument("path", metavar="PATH")
    load = actions.add_parser("load", help=render("cli.help_framework_load", lang))
    load.add_argument("path", metavar="FILE")
    load.add_argument("--user", metavar="USERNAME", help=render("cli.help_user", lang))
    export = actions.add_parser("export", help=render("cli.help_framework_export", lang))
    export.add_argument("ref", metavar="CODE[:VERSION]", help=render("cli.help_framework_ref", lang))
    export.add_argument("--format", choices=["yaml", "xlsx"], default="yaml")
    export.add_argument("--output", "-o", metavar="FILE", help=render("cli.help_output", lang))
    for parser, handler in ((validate, cmd_validate), (load, cmd_load), (export, cmd_export)):
        parser.add_argument(
            "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=render("cli.help_lang", lang)
        )
        parser.set_defaults(handler=handler)


def _criteria(framework: Framework) -> int:
    return sum(1 for _ in framework.walk())


def cmd_validate(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.is_file() and not is_workbook(path.read_bytes()[:4]):
        data, _source = read_yaml(path)
        if isinstance(data, dict) and data.get("kind") == "evaluation":
            evaluation = load_evaluation(path)
            count, code = len(evaluation.units), evaluation.framework.code
            print(render("cli.valid_evaluation", args.lang, path=path, units=count, framework=code))
            return EXIT_OK
    framework, _text = framework_from_path(path)
    shown = render(
        "cli.valid_framework",
        args.lang,
        path=path,
        code=framework.code,
        version=framework.version,
        criteria=_criteria(framework),
    )
    print(shown)
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    framework, text = framework_from_path(Path(args.path))
    setup_django()
    from govscore.cli.import_runs import CommandError, find_user, guarded
    from govscore.web.actions import Refused
    from govscore.web.frameworks.actions import do_store_framework

    def run() -> int:
        user = find_user(args.user, args.lang) if args.user else None
        try:
            version = do_store_framework(text, by=user)
        except Refused as refused:
            raise CommandError(render("cli.framework_refused", args.lang, reason=" ".join(refused.messages))) from None
        print(
            render(
                "cli.framework_stored",
                args.lang,
                title=version.title,
                code=version.code,
                version=version.version,
                criteria=_criteria(framework),
            )
        )
        return EXIT_OK

    return guarded(run, args.lang)


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and not args.output:
        raise FrameworkCommandError(render("cli.xlsx_to_terminal", args.lang))
    code, _colon, version = args.ref.partition(":")
    text = _stored_text(code, version, args.lang)
    data = stored_data(text, f"{code}.yaml")
    content = framework_workbook(data) if args.format == "xlsx" else text.encode("utf-8")
    if not args.output:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return EXIT_OK
    Path(args.output).write_bytes(content)
    print(render("cli.framework_exported", args.lang, code=data["code"], version=data["version"], path=args.output))
    return EXIT_OK


def _stored_text(code: str, version: str, lang: str) -> str:
    """The version's YAML text from the database, else from a bundled example (by its framework's code
    or the example's name)."""
    known: list[str] = []
    found = _database_text(code, version, known)
    if found is not None:
        return found
    for path in sorted(EXAMPLES_DIR.glob("*/framework.yaml")):
        data, _source = read_yaml(path)
        if not isinstance(data, dict):
            continue
        codes = {str(data.get("code")), path.parent.name}
        known.append(f"{data.get('code')}:{data.get('version')}")
        if code in codes and version in ("", str(data.get("version"))):
            return path.read_text(encoding="utf-8")
    ref = f"{code}:{version}" if version else code
    raise FrameworkCommandError(render("cli.framework_not_found", lang, ref=ref, known=", ".join(known) or "-"))


def _database_text(code: str, version: str, known: list[str]) -> str | None:
    setup_django()
    from django.db import DatabaseError

    from govscore.web.frameworks.models import FrameworkVersion

    try:
        stored = list(FrameworkVersion.objects.order_by("code", "created_at", "pk"))
    except DatabaseError:
        return None  # no database yet: only the bundled examples
    known.extend(f"{row.code}:{row.version}" for row in stored)
    matching = [row for row in stored if row.code == code and version in ("", row.version)]
    return matching[-1].yaml_text if matching else None
