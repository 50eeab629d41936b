"""`govscore whatif PERIOD DRAFT`: a draft framework replayed on a past period's data (`scoring.whatif`).

PERIOD is the year of a period in the application's database (Django is started only then), or an
evaluation file, a folder or a bundled example as for `score`.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from govscore.frameworks.files import framework_from_path
from govscore.scoring.display import points_text
from govscore.scoring.ledger import number
from govscore.scoring.messages import render
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.scoring.whatif import Standing, Tau, UnitComparison, WhatIf, compare, move_text

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def register(commands: Any, lang: str) -> None:
    whatif = commands.add_parser("whatif", help=render("cli.whatif.help", lang))
    whatif.add_argument("period", metavar="YEAR|EVALUATION", help=render("cli.whatif.help_period", lang))
    whatif.add_argument("framework", metavar="FRAMEWORK_FILE", help=render("cli.whatif.help_framework", lang))
    whatif.add_argument("--format", choices=["table", "json"], default="table")
    whatif.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=render("cli.help_lang", lang))
    whatif.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    draft, _text = framework_from_path(Path(args.framework))  # YAML or a framework workbook
    if args.period.strip().isdigit() and not Path(args.period).exists():
        return _from_database(args, draft)
    from govscore.cli.main import resolve_evaluation

    evaluation = resolve_evaluation(args.period, args.lang)
    _write(compare(evaluation, draft, args.period, args.lang), args.format, args.lang)
    return EXIT_OK


def _from_database(args: argparse.Namespace, draft: Framework) -> int:
    from govscore.cli.django_setup import setup_django

    setup_django()
    from govscore.cli.import_runs import CommandError, find_period, guarded
    from govscore.web.scores.mapping import evaluation_for

    def replay() -> int:
        period = find_period(args.period, args.lang)
        if period.is_historical:
            raise CommandError(render("cli.period_historical", args.lang, year=period.year))
        evaluation = evaluation_for(period)
        _write(compare(evaluation, draft, str(period.year), args.lang), args.format, args.lang)
        return EXIT_OK

    return guarded(replay, args.lang)


def _write(result: WhatIf, shape: str, lang: str) -> None:
    if shape == "json":
        sys.stdout.write(json.dumps(whatif_dict(result), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(whatif_text(result, lang))


def tau_text(tau: Tau, lang: str) -> str:
    if tau.value is None:
        return render("whatif.tau_undefined", lang, pairs=tau.pairs)
    value = format_number(Decimal(f"{tau.value:.3f}"), 3, lang)
    return render("whatif.tau", lang, tau=value, pairs=tau.pairs, concordant=tau.concordant, discordant=tau.discordant)


def whatif_text(result: WhatIf, lang: str) -> str:
    current, draft = result.current, result.draft
    lines = [
        render(
            "whatif.heading",
            lang,
            draft=f"{draft.title} ({draft.version})",
            year=str(result.year),
            current=f"{current.title} ({current.version})",
        ),
        "",
    ]
    for group, members in result.groups():
        lines.append(f"{render('cli.col_group', lang)}: {draft.group_name(group)}")
        lines += _table(members, result, lang)
        lines.append("")
    changes = result.grade_changes
    lines.append(
        render("whatif.grade_changes", lang, count=len(changes)) if changes else render("whatif.no_grade_changes", lang)
    )
    lines += [f"- {unit.name}: {_grade(unit.before)} → {_grade(unit.after)}" for unit in changes]
    moves = result.largest_moves()
    lines.append(render("whatif.largest_moves", lang) if moves else render("whatif.no_moves", lang))
    lines += [
        f"- {unit.name}: "
        + render("whatif.move_line", lang, before=unit.before.rank, after=unit.after.rank, move=move_text(unit.move))
        for unit in moves
    ]
    lines.append(tau_text(result.tau, lang))
    lines.append(render("whatif.criteria", lang) if result.criteria else render("whatif.no_criteria", lang))
    absent = render("whatif.absent", lang)
    for effect in result.criteria:
        maxima = [
            absent if value is None else format_number(value, None, lang)
            for value in (effect.max_before, effect.max_after)
        ]
        change = format_number(effect.moved_change, None, lang)
        detail = render(
            "whatif.criterion_line",
            lang,
            before=maxima[0],
            after=maxima[1],
            change=f"+{change}" if effect.moved_change > 0 else change,
            units=effect.moved_units,
        )
        lines.append(f"- {effect.code} {effect.title}: {detail}")
    return "\n".join(lines) + "\n"


def _grade(standing: Standing) -> str:
    return standing.grade or "-"


def _table(members: list[UnitComparison], result: WhatIf, lang: str) -> list[str]:
    keys = (
        "whatif.col_rank_before",
        "whatif.col_rank_after",
        "whatif.col_move",
        "cli.col_unit",
        "whatif.col_total_before",
        "whatif.col_total_after",
        "whatif.col_grade_before",
        "whatif.col_grade_after",
    )
    rows = [[render(key, lang) for key in keys]]
    for unit in members:
        rows.append(
            [
                str(unit.before.rank or "-"),
                str(unit.after.rank or "-"),
                move_text(unit.move),
                unit.name,
                points_text(result.current, unit.before.total, lang),
                points_text(result.draft, unit.after.total, lang),
                _grade(unit.before),
                _grade(unit.after),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(keys))]
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.rjust(widths[i]) if i in (0, 1, 4, 5) else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def _standing(standing: Standing) -> dict[str, object]:
    return {
        "total": number(standing.total),
        "max": number(standing.max_points),
        "percent": number(standing.percent),
        "grade": standing.grade or None,
        "rank": standing.rank or None,
    }


def whatif_dict(result: WhatIf) -> dict[str, object]:
    tau = result.tau
    return {
        "year": result.year,
        "current": {"code": result.current.code, "version": result.current.version, "title": result.current.title},
        "draft": {"code": result.draft.code, "version": result.draft.version, "title": result.draft.title},
        "units": [
            {
                "code": unit.code,
                "name": unit.name,
                "group": unit.group,
                "before": _standing(unit.before),
                "after": _standing(unit.after),
                "move": unit.move,
                "grade_changed": unit.grade_changed,
            }
            for unit in result.units
        ],
        "grade_changes": [unit.code for unit in result.grade_changes],
        "largest_moves": [unit.code for unit in result.largest_moves()],
        "kendall_tau_b": None if tau.value is None else round(tau.value, 3),
        "pairs": {
            "total": tau.pairs,
            "concordant": tau.concordant,
            "discordant": tau.discordant,
            "tied_before": tau.tied_before,
            "tied_after": tau.tied_after,
        },
        "criteria": [
            {
                "code": effect.code,
                "title": effect.title,
                "max_before": None if effect.max_before is None else number(effect.max_before),
                "max_after": None if effect.max_after is None else number(effect.max_after),
                "change_in_moved_units": number(effect.moved_change),
                "size_in_moved_units": number(effect.moved_size),
                "moved_units": effect.moved_units,
                "change_in_all_units": number(effect.all_change),
            }
            for effect in result.criteria
        ],
    }
