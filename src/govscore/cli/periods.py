"""`govscore period import EVALUATION` and `govscore period export YEAR`: a period from and to an evaluation
file (`web.periods.files`). The file is read and checked before Django starts, so a bad file is reported
with its lines and the database is not touched.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.loading.yamlfile import read_yaml
from govscore.scoring.messages import render
from govscore.scoring.model import Evaluation
from govscore.scoring.vietnamese import format_number

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def register(commands: Any, lang: str) -> None:
    period = commands.add_parser("period", help=render("cli.period.help", lang))
    actions = period.add_subparsers(dest="period_command", required=True, metavar="ACTION", parser_class=type(period))
    imported = actions.add_parser("import", help=render("cli.period.help_import", lang))
    imported.add_argument("evaluation", metavar="EVALUATION", help=render("cli.help_evaluation", lang))
    imported.add_argument("--user", metavar="USERNAME", help=render("cli.help_user", lang))
    imported.set_defaults(handler=run_import)
    exported = actions.add_parser("export", help=render("cli.period.help_export", lang))
    exported.add_argument("year", metavar="YEAR", help=render("cli.help_period", lang))
    exported.add_argument("--output", "-o", metavar="FILE", help=render("cli.period.help_output", lang))
    exported.set_defaults(handler=run_export)
    for parser in (imported, exported):
        parser.add_argument(
            "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=render("cli.help_lang", lang)
        )


def _read(ref: str) -> tuple[Evaluation, str]:
    """The evaluation and its framework file's text, as stored (the file is checked as `score` checks it)."""
    from govscore.cli.main import evaluation_path

    path, root = evaluation_path(ref)
    evaluation = load_evaluation(path, display_root=root)
    data, _source = read_yaml(path)
    assert isinstance(data, dict)  # load_evaluation refused anything else
    return evaluation, (path.parent / str(data["framework"])).read_text(encoding="utf-8")


def run_import(args: argparse.Namespace) -> int:
    evaluation, framework_text = _read(args.evaluation)
    setup_django()
    from govscore.cli.import_runs import CommandError, find_user, guarded
    from govscore.web.actions import Refused
    from govscore.web.periods.files import do_import_evaluation

    def load() -> int:
        user = find_user(args.user, args.lang)
        try:
            period = do_import_evaluation(evaluation, framework_text, by=user)
        except Refused as refused:
            raise CommandError("\n".join(refused.messages)) from None
        units = format_number(len(evaluation.units), None, args.lang)
        framework = f"{period.framework.code} {period.framework.version}"
        print(render("cli.period.imported", args.lang, year=str(period.year), units=units, framework=framework))
        return EXIT_OK

    return guarded(load, args.lang)


def run_export(args: argparse.Namespace) -> int:
    setup_django()
    from govscore.cli.import_runs import CommandError, find_period, guarded
    from govscore.scoring.loading.evaluation_writer import evaluation_data, yaml_text
    from govscore.web.periods.files import exported_evaluation

    def export() -> int:
        period = find_period(args.year, args.lang)
        if period.is_historical:
            raise CommandError(render("cli.period_historical", args.lang, year=period.year))
        path = Path(args.output or f"danh-gia-{period.year}.yaml")
        version = period.framework
        framework_path = path.parent / _file_name(f"{version.code}-{version.version}.yaml")
        text = version.yaml_text if version.yaml_text.endswith("\n") else version.yaml_text + "\n"
        if framework_path.exists() and framework_path.read_text(encoding="utf-8") != text:
            raise CommandError(render("cli.period.framework_file_differs", args.lang, path=framework_path))
        data = evaluation_data(exported_evaluation(period), framework_path.name)
        header = render("cli.period.export_header", args.lang, year=str(period.year))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            framework_path.write_text(text, encoding="utf-8")
            path.write_text(yaml_text(data, header), encoding="utf-8")
        except OSError as error:
            raise CommandError(
                render("cli.import.file_unwritable", args.lang, path=path, detail=error.strerror or error)
            ) from None
        print(render("cli.period.exported", args.lang, year=str(period.year), path=path, framework=framework_path))
        return EXIT_OK

    return guarded(export, args.lang)


def _file_name(name: str) -> str:
    # A framework's code and version become a file name: anything but letters, digits, dot and dash → "-".
    return re.sub(r"[^\w.-]+", "-", name, flags=re.ASCII)
