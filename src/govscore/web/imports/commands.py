"""`govscore template PERIOD` and `govscore import PERIOD FILE`, against the database of the environment.

Exit codes as the rest of the command line: 0 success (also a dry run), 2 bad input — each problem
on its own line, `Sheet!C7 (header): message`, and nothing written.
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

from govscore.imports import display_value
from govscore.scoring.vietnamese import format_number
from govscore.web.imports.actions import ImportOutcome, import_file, period_units, template_bytes
from govscore.web.periods.freeze import PeriodLocked
from govscore.web.periods.models import EvaluationPeriod

EXIT_OK, EXIT_BAD_INPUT = 0, 2

# Messages every import command gives (the historical import's too).
SHARED_TEXT: dict[str, tuple[str, str]] = {
    "file_unreadable": ("Không đọc được tệp '{path}': {detail}.", "Cannot read file '{path}': {detail}."),
    "user_missing": ("Không có người dùng '{username}'.", "There is no user '{username}'."),
    "database": (
        "Không dùng được cơ sở dữ liệu ({detail}). Kiểm tra DATABASE_URL; CSDL mới cần chạy 'govscore serve' "
        "(tự tạo bảng) trước.",
        "The database cannot be used ({detail}). Check DATABASE_URL; a new database needs 'govscore serve' "
        "(which creates the tables) first.",
    ),
    "invalid": ("Tệp {path} có {count} lỗi; chưa ghi gì:", "{path} has {count} problems; nothing was written:"),
}
TEXT: dict[str, tuple[str, str]] = {
    **SHARED_TEXT,
    "period_not_found": (
        "Không có kỳ đánh giá '{ref}' (ghi mã kỳ hoặc năm). Các kỳ: {periods}.",
        "No evaluation period '{ref}' (give its id or year). Periods: {periods}.",
    ),
    "period_ambiguous": (
        "Năm {year} có nhiều kỳ đánh giá; hãy ghi mã kỳ: {periods}.",
        "Year {year} has several evaluation periods; give the period's id: {periods}.",
    ),
    "no_periods": ("(chưa có kỳ nào)", "(none yet)"),
    "file_unwritable": ("Không ghi được tệp '{path}': {detail}.", "Cannot write file '{path}': {detail}."),
    "template_written": (
        "Đã ghi mẫu số liệu của kỳ {period} ({units} đơn vị): {path}",
        "Wrote the data template of period {period} ({units} units): {path}",
    ),
    "progress": ("Đã kiểm tra {rows} dòng…", "{rows} rows checked…"),
    "dry_run": (
        "Chạy thử, không ghi gì: {rows} dòng đơn vị, {total} thay đổi ({added} thêm mới, {updated} sửa).",
        "Dry run, nothing written: {rows} unit rows, {total} changes ({added} added, {updated} changed).",
    ),
    "imported": (
        "Đã nhập: {rows} dòng đơn vị, {total} thay đổi ({added} thêm mới, {updated} sửa); "
        "đã tính lại điểm của kỳ {period}.",
        "Imported: {rows} unit rows, {total} changes ({added} added, {updated} changed); period {period} rescored.",
    ),
    "no_changes": (
        "Không có thay đổi nào ({rows} dòng đơn vị đã kiểm tra); không ghi gì.",
        "No changes ({rows} unit rows checked); nothing written.",
    ),
}


class CommandError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def say(key: str, lang: str, **args: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**args)


def _number(value: int, lang: str) -> str:
    return format_number(value, None, lang)


def _periods_list(lang: str) -> str:
    periods = EvaluationPeriod.objects.order_by("year", "pk")
    return ", ".join(f"{p.pk} ({p.year}, {p.framework.code})" for p in periods.select_related("framework")) or say(
        "no_periods", lang
    )


def find_period(ref: str, lang: str) -> EvaluationPeriod:
    """PERIOD is a year when some period has that year, otherwise a period id."""
    periods = EvaluationPeriod.objects.select_related("framework")
    number = int(ref) if ref.strip().isdigit() else None
    if number is not None:
        by_year = list(periods.filter(year=number))
        if len(by_year) > 1:
            raise CommandError(say("period_ambiguous", lang, year=number, periods=_periods_list(lang)))
        found = by_year[0] if by_year else periods.filter(pk=number).first()
        if found is not None:
            return found
    raise CommandError(say("period_not_found", lang, ref=ref, periods=_periods_list(lang)))


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
        sys.stderr.write(say("database", lang, detail=detail) + "\n")
    return EXIT_BAD_INPUT


def _guarded(action: str, args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi")
    return guarded(lambda: run_template(args, lang) if action == "template" else run_import(args, lang), lang)


def cmd_template(args: argparse.Namespace) -> int:
    return _guarded("template", args)


def cmd_import(args: argparse.Namespace) -> int:
    return _guarded("import", args)


def run_template(args: argparse.Namespace, lang: str) -> int:
    period = find_period(args.period, lang)
    path = Path(args.output or f"so-lieu-{period.year}-ky-{period.pk}.xlsx")
    data = template_bytes(period)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(say("file_unwritable", lang, path=path, detail=error.strerror or error)) from None
    units = _number(len(period_units(period)), lang)
    print(say("template_written", lang, period=period, units=units, path=path))
    return EXIT_OK


def find_user(username: str | None, lang: str) -> AbstractBaseUser | None:
    """The user `--user` names (None when it names no one); CommandError when there is no such user."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(say("user_missing", lang, username=username))
    return user


def read_input(path: Path, lang: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(say("file_unreadable", lang, path=path, detail=error.strerror or error)) from None


def run_import(args: argparse.Namespace, lang: str) -> int:
    period = find_period(args.period, lang)
    user = find_user(args.user, lang)
    path = Path(args.file)
    data = read_input(path, lang)

    def progress(rows: int) -> None:
        sys.stderr.write(say("progress", lang, rows=_number(rows, lang)) + "\n")
        sys.stderr.flush()

    try:
        outcome = import_file(period, data, by=user, dry_run=args.dry_run, progress=progress)
    except PeriodLocked as locked:
        raise CommandError(str(locked)) from None
    if not outcome.ok:
        sys.stderr.write(say("invalid", lang, path=path, count=_number(len(outcome.problems), lang)) + "\n")
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
        print(say("no_changes", lang, rows=counts["rows"]))
        return
    if dry_run:
        framework = period.framework.parsed()
        for change in outcome.changes:
            indicator = framework.indicator(change.indicator_code)
            old, new = display_value(indicator, change.old, lang), display_value(indicator, change.new, lang)
            print(f"{change.unit_code}\t{change.indicator_code}: {old} → {new}")
        print(say("dry_run", lang, **counts))
        return
    print(say("imported", lang, period=period, **counts))
