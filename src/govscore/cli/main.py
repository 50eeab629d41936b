"""`govscore`: validate frameworks, score, explain and check evaluations from the terminal.

Messages are Vietnamese by default (`--lang en` for English). Exit codes: 0 success, 1 the
check found inconsistencies, 2 bad input (with a located message, never a traceback).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from govscore.cli import (
    accounts,
    backup,
    documents,
    frameworks,
    imports,
    init,
    periods,
    serve,
    units,
    whatif,
    worker,
)
from govscore.examples import example_names, example_path
from govscore.scoring.checks import check
from govscore.scoring.collector import collector_paused
from govscore.scoring.display import percent_text, points_csv, points_text
from govscore.scoring.engine import score
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.ledger import evaluation_dict, grade_cell, ledger_text, number
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.messages import LANGUAGES, render
from govscore.scoring.model import Evaluation, Location
from govscore.scoring.previous import previous_of, rank_move, with_previous
from govscore.scoring.results import EvaluationResult, UnitResult
from govscore.scoring.vietnamese import format_number
from govscore.sheets import csv_row

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def evaluation_path(ref: str) -> tuple[Path, Path | None]:
    """The evaluation file a path, a folder or a bundled example's name stands for, and the folder its
    messages name files from (None: as given)."""
    path = Path(ref)
    if path.is_dir():
        path = path / "evaluation.yaml"
    if not path.is_file():
        bundled = example_path(ref)
        if bundled is None:
            problem = Problem(
                Location(ref), "evaluation.not_found", {"ref": ref, "examples": ", ".join(example_names())}
            )
            raise ValidationFailed([problem])
        return bundled, bundled.parent.parent
    return path, None


def resolve_evaluation(ref: str, lang: str) -> Evaluation:
    """A path to an evaluation file or folder, or the name of a bundled example."""
    path, root = evaluation_path(ref)
    return load_evaluation(path, display_root=root)


def cmd_score(args: argparse.Namespace) -> int:
    result = score(resolve_evaluation(args.evaluation, args.lang), args.lang)
    if args.previous:
        before = score(resolve_evaluation(args.previous, args.lang), args.lang, narrate=False)
        result = with_previous(result, previous_of(before))
    writers: dict[str, Callable[[EvaluationResult, str], str]] = {
        "json": _score_json,
        "csv": _score_csv,
        "table": _score_table,
    }
    with collector_paused():  # every unit's criteria and sentences are made here: a bulk job like scoring
        text = writers[args.format](result, args.lang)
    sys.stdout.write(text)
    return EXIT_OK


def _score_json(result: EvaluationResult, lang: str) -> str:
    return json.dumps(evaluation_dict(result, lang), ensure_ascii=False, indent=2) + "\n"


def _score_csv(result: EvaluationResult, lang: str) -> str:
    buffer = io.StringIO()
    framework = result.evaluation.framework
    leaves = [criterion for criterion in framework.walk() if criterion.substitute is None]
    writer = csv.writer(buffer, lineterminator="\n")
    columns = (
        "cli.col_rank",
        "cli.col_code",
        "cli.col_unit",
        "cli.col_group",
        "cli.col_total",
        "cli.col_max",
        "cli.col_percent",
        "cli.col_grade",
    )
    header = [render(key, lang) for key in columns]
    compared = bool(result.changes)
    if compared:
        header += [render(key, lang) for key in ("cli.col_previous_total", "cli.col_previous_rank", "cli.col_change")]
    writer.writerow(csv_row(header + [criterion.code for criterion in leaves]))
    # A substitute's points go in the column of the criterion it replaces.
    replacing = {c.substitute.replaces: c.code for c in framework.walk() if c.substitute is not None}
    for unit in result.units:
        applicable = unit.criteria_points()
        points = []
        for criterion in leaves:
            found = applicable.get(criterion.code) or applicable.get(replacing.get(criterion.code, ""))
            points.append("" if found is None else str(number(found[0])))
        grade = unit.grade.grade if unit.grade else ""
        writer.writerow(
            csv_row(
                [
                    unit.rank or "",
                    unit.unit.code,
                    unit.unit.name,
                    unit.unit.group,
                    points_csv(framework, unit.total),
                    number(unit.max_points),
                    number(unit.percent),
                    grade,
                    *(_previous_cells(result, unit) if compared else ()),
                    *points,
                ]
            )
        )
    return buffer.getvalue()


def _previous_cells(result: EvaluationResult, unit: UnitResult) -> tuple[str, ...]:
    change = result.changes.get(unit.unit.code)
    if change is None:
        return ("", "", "")
    before = change.previous
    total = "" if before.total is None else str(number(before.total))
    return (total, "" if before.rank is None else str(before.rank), rank_move(change))


def _previous_column(result: EvaluationResult, unit: UnitResult, lang: str) -> list[str]:
    change = result.changes.get(unit.unit.code)
    if change is None:
        return ["", ""]
    before = change.previous
    total = "" if before.total is None else points_text(result.evaluation.framework, before.total, lang)
    rank = "" if before.rank is None else f" ({render('cli.col_rank', lang).lower()} {before.rank})"
    return [f"{total}{rank}", rank_move(change)]


def _score_table(result: EvaluationResult, lang: str) -> str:
    framework = result.evaluation.framework
    lines = []
    for group, members in result.groups():
        lines.append(f"{render('cli.col_group', lang)}: {framework.group_name(group)}")
        graded = framework.grading.enabled
        columns = ("cli.col_rank", "cli.col_unit", "cli.col_total", "cli.col_percent", "cli.col_grade")
        rows = [[render(key, lang) for key in columns[: 5 if graded else 4]]]
        if result.changes:
            rows[0].extend(render(key, lang) for key in ("cli.col_previous", "cli.col_change"))
        for unit in members:
            percent = percent_text(framework, unit.percent, lang)
            row = [
                str(unit.rank) if unit.rank else "-",
                unit.unit.name,
                f"{points_text(framework, unit.total, lang)}/{format_number(unit.max_points, None, lang)}",
                percent,
            ]
            if graded:
                row.append(grade_cell(unit, framework, lang))
            if result.changes:
                row.extend(_previous_column(result, unit, lang))
            rows.append(row)
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            cells = [cell.rjust(widths[i]) if i in (0, 2, 3) else cell.ljust(widths[i]) for i, cell in enumerate(row)]
            lines.append("  ".join(cells).rstrip())
            if index == 0:
                lines.append("  ".join("-" * width for width in widths))
        lines.append("")
    return "\n".join(lines)


def cmd_explain(args: argparse.Namespace) -> int:
    evaluation = resolve_evaluation(args.evaluation, args.lang)
    try:
        evaluation.unit(args.unit)
    except KeyError:
        names = ", ".join(f"{unit.code} ({unit.name})" for unit in evaluation.units)
        raise BadInput(render("cli.unit_not_found", args.lang, unit=args.unit, allowed=names)) from None
    result = score(evaluation, args.lang)
    sys.stdout.write(ledger_text(result.unit(args.unit), result, args.lang))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    evaluation = resolve_evaluation(args.evaluation, args.lang)
    findings = check(evaluation)
    if args.format == "json":
        print(
            json.dumps({"findings": [finding.as_dict(args.lang) for finding in findings]}, ensure_ascii=False, indent=2)
        )
    elif findings:
        print(render("cli.findings", args.lang, count=len(findings)))
        for finding in findings:
            print(f"- {finding.unit} [{finding.kind}]: {finding.message(args.lang)}")
    else:
        print(render("cli.no_findings", args.lang))
    return EXIT_FINDINGS if findings else EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the chosen language and exits 2."""

    lang = "vi"

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(render("cli.usage_error", self.lang, detail=message) + "\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser(lang: str) -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(prog="govscore", description=render("cli.description", lang))
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help=render("cli.help_lang", lang))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    score_cmd = commands.add_parser("score", help=render("cli.help_score", lang))
    score_cmd.add_argument("evaluation", metavar="EVALUATION", help=render("cli.help_evaluation", lang))
    score_cmd.add_argument("--format", choices=["table", "json", "csv"], default="table")
    score_cmd.add_argument("--previous", metavar="EVALUATION", help=render("cli.help_previous", lang))
    score_cmd.set_defaults(handler=cmd_score)

    explain = commands.add_parser("explain", help=render("cli.help_explain", lang))
    explain.add_argument("evaluation", metavar="EVALUATION", help=render("cli.help_evaluation", lang))
    explain.add_argument("--unit", required=True, metavar="NAME", help=render("cli.help_unit", lang))
    explain.set_defaults(handler=cmd_explain)

    check_cmd = commands.add_parser("check", help=render("cli.help_check", lang))
    check_cmd.add_argument("evaluation", metavar="EVALUATION", help=render("cli.help_evaluation", lang))
    check_cmd.add_argument("--format", choices=["text", "json"], default="text")
    check_cmd.set_defaults(handler=cmd_check)

    frameworks.register(commands, lang)
    for module in (init, serve, imports, accounts, backup, documents, units, worker, whatif, periods):
        module.register(commands, lang)
    return parser


def _language(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return "vi"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    args = build_parser(lang).parse_args(argv)
    try:
        return int(args.handler(args))
    except ValidationFailed as failure:
        sys.stderr.write(render("cli.invalid", lang, count=len(failure.problems)) + "\n")
        sys.stderr.write(failure.render(lang) + "\n")
        return EXIT_BAD_INPUT
    except (BadInput, frameworks.FrameworkCommandError) as error:
        sys.stderr.write(error.message + "\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
