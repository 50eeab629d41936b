"""What `govscore template`, `govscore import` and `govscore import-history` do once Django has started.

Exit codes as the rest of the command line: 0 success (also a dry run, also a past table with
inconsistencies found: they are the published table's, recorded as it was printed), 2 bad input — each
problem on its own line, `Sheet!C7 (header): message`, and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError
from django.utils import translation

from govscore.scoring.describing import describe_json
from govscore.scoring.messages import render
from govscore.scoring.vietnamese import format_number
from govscore.web.actions import PeriodLocked
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.imports.actions import ImportOutcome, import_file, period_units, template_bytes
from govscore.web.imports.history.actions import HistoryOutcome, HistoryRefused, do_import_history
from govscore.web.limits import parse_id
from govscore.web.periods.models import EvaluationPeriod

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class CommandError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _number(value: int, lang: str) -> str:
    return format_number(value, None, lang)


def _periods_list(lang: str) -> str:
    periods = EvaluationPeriod.objects.order_by("year", "pk")
    listed = ", ".join(f"{p.pk} ({p.year}, {p.framework.code})" for p in periods.select_related("framework"))
    return listed or render("cli.import.no_periods", lang)


def find_period(ref: str, lang: str) -> EvaluationPeriod:
    """PERIOD is a year when some period has that year, otherwise a period id."""
    periods = EvaluationPeriod.objects.select_related("framework")
    # A number larger than any year or id finds nothing (the database could not even compare it).
    number = parse_id(ref.strip())
    if number is not None:
        by_year = list(periods.filter(year=number))
        if len(by_year) > 1:
            raise CommandError(render("cli.import.period_ambiguous", lang, year=number, periods=_periods_list(lang)))
        found = by_year[0] if by_year else periods.filter(pk=number).first()
        if found is not None:
            return found
    raise CommandError(render("cli.import.period_not_found", lang, ref=ref, periods=_periods_list(lang)))


def guarded(run: Callable[[], int], lang: str) -> int:
    """Run a command in `lang`: bad input and an unusable database become one message and exit 2."""
    try:
        # The app's own messages (a frozen period, a taken year) come through gettext.
        with translation.override(lang):
            return run()
    except CommandError as error:
        sys.stderr.write(error.message + "\n")
    except DatabaseError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.stderr.write(render("cli.import.database", lang, detail=detail) + "\n")
    return EXIT_BAD_INPUT


def run_template(args: argparse.Namespace, lang: str) -> int:
    period = find_period(args.period, lang)
    path = Path(args.output or f"so-lieu-{period.year}-ky-{period.pk}.xlsx")
    data = template_bytes(period)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(
            render("cli.import.file_unwritable", lang, path=path, detail=error.strerror or error)
        ) from None
    units = _number(len(period_units(period)), lang)
    print(render("cli.import.template_written", lang, period=period, units=units, path=path))
    return EXIT_OK


def find_user(username: str | None, lang: str) -> AbstractBaseUser | None:
    """The user `--user` names (None when it names no one); CommandError when there is no such user."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(render("cli.import.user_missing", lang, username=username))
    return user


def read_input(path: Path, lang: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(
            render("cli.import.file_unreadable", lang, path=path, detail=error.strerror or error)
        ) from None


def run_import(args: argparse.Namespace, lang: str) -> int:
    period = find_period(args.period, lang)
    user = find_user(args.user, lang)
    path = Path(args.file)
    data = read_input(path, lang)

    def progress(rows: int) -> None:
        sys.stderr.write(render("cli.import.progress", lang, rows=_number(rows, lang)) + "\n")
        sys.stderr.flush()

    try:
        outcome = import_file(period, data, by=user, dry_run=args.dry_run, progress=progress)
    except PeriodLocked as locked:
        raise CommandError(str(locked)) from None
    if not outcome.ok:
        sys.stderr.write(
            render("cli.import.invalid", lang, path=path, count=_number(len(outcome.problems), lang)) + "\n"
        )
        for problem in outcome.problems:
            sys.stderr.write(problem.render(lang, file_name=path.name) + "\n")
        return EXIT_BAD_INPUT
    _report(period, outcome, args.dry_run, lang)
    return EXIT_OK


def _report(period: EvaluationPeriod, outcome: ImportOutcome, dry_run: bool, lang: str) -> None:
    counts = {
        "rows": _number(outcome.rows, lang),
        "total": _number(len(outcome.changes), lang),
        "added": _number(outcome.added, lang),
        "updated": _number(outcome.updated, lang),
    }
    if not outcome.changes:
        print(render("cli.import.no_changes", lang, rows=counts["rows"]))
        return
    if dry_run:
        framework = period.framework.parsed()
        for change in outcome.changes:
            indicator = framework.indicator(change.indicator_code)
            old, new = describe_json(indicator, change.old, lang), describe_json(indicator, change.new, lang)
            print(f"{change.unit_code}\t{change.indicator_code}: {old} → {new}")
        print(render("cli.import.dry_run", lang, **counts))
        return
    print(render("cli.import.imported", lang, period=period, **counts))


def find_version(code: str, version: str | None, lang: str) -> FrameworkVersion:
    versions = list(FrameworkVersion.objects.filter(code=code).order_by("version"))
    if not versions:
        known = ", ".join(sorted(set(FrameworkVersion.objects.values_list("code", flat=True)))) or render(
            "cli.history.none", lang
        )
        raise CommandError(render("cli.history.framework_not_found", lang, code=code, known=known))
    listed = ", ".join(item.version for item in versions)
    if version is not None:
        found = next((item for item in versions if item.version == version), None)
        if found is None:
            raise CommandError(render("cli.history.version_not_found", lang, code=code, version=version, known=listed))
        return found
    if len(versions) > 1:
        raise CommandError(render("cli.history.version_ambiguous", lang, code=code, known=listed))
    return versions[0]


def run_history(args: argparse.Namespace, lang: str) -> int:
    version = find_version(args.framework, args.framework_version, lang)
    user = find_user(args.user, lang)
    path = Path(args.file)
    data = read_input(path, lang)
    try:
        outcome = do_import_history(
            args.year, version, data, title=args.title, by=user, source_name=path.name, dry_run=args.dry_run
        )
    except HistoryRefused as refused:
        raise CommandError(str(refused)) from None
    for note in outcome.notes:
        print(render("cli.history.note", lang, text=note.render(lang, file_name=path.name)))
    if not outcome.ok:
        count = format_number(len(outcome.problems), None, lang)
        sys.stderr.write(render("cli.import.invalid", lang, path=path, count=count) + "\n")
        for problem in outcome.problems:
            sys.stderr.write(problem.render(lang, file_name=path.name) + "\n")
        return EXIT_BAD_INPUT
    _report_history(outcome, args.year, version, lang)
    return EXIT_OK


def _report_history(outcome: HistoryOutcome, year: int, version: FrameworkVersion, lang: str) -> None:
    if outcome.findings:
        print(render("cli.history.findings", lang, count=format_number(len(outcome.findings), None, lang)))
        for finding in outcome.findings:
            print(f"- {finding.unit} [{finding.kind}]: {finding.message(lang)}")
    else:
        print(render("cli.history.no_findings", lang))
    units = format_number(len(outcome.rows), None, lang)
    if outcome.period is None:
        print(
            render(
                "cli.history.dry_run", lang, units=units, year=str(year), framework=f"{version.code} {version.version}"
            )
        )
        return
    print(
        render(
            "cli.history.imported",
            lang,
            year=str(year),
            period=outcome.period.pk,
            framework=f"{version.code} {version.version}",
            units=units,
        )
    )


def run(which: str, args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi")
    runs = {"template": run_template, "data": run_import, "history": run_history}
    return guarded(lambda: runs[which](args, lang), lang)
