"""`govscore import-history YEAR FRAMEWORK_CODE FILE`, against the database of the environment.

Exit codes as the rest of the command line: 0 success (also a dry run, also with inconsistencies
found: they are the published table's, recorded as it was printed), 2 bad input — each problem on its
own line, `Kết quả!E7 (tong_diem): message`, and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govscore.scoring.vietnamese import format_number
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.imports.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    SHARED_TEXT,
    CommandError,
    find_user,
    guarded,
    read_input,
)
from govscore.web.imports.history.actions import HistoryOutcome, HistoryRefused, do_import_history

TEXT: dict[str, tuple[str, str]] = {
    **SHARED_TEXT,
    "framework_not_found": (
        "Không có bộ tiêu chí mã '{code}'. Các bộ tiêu chí: {known}.",
        "There is no framework coded '{code}'. Frameworks: {known}.",
    ),
    "version_not_found": (
        "Bộ tiêu chí '{code}' không có phiên bản '{version}'. Các phiên bản: {known}.",
        "Framework '{code}' has no version '{version}'. Versions: {known}.",
    ),
    "version_ambiguous": (
        "Bộ tiêu chí '{code}' có nhiều phiên bản; hãy ghi --framework-version: {known}.",
        "Framework '{code}' has several versions; give --framework-version: {known}.",
    ),
    "none": ("(chưa có)", "(none yet)"),
    "note": ("Lưu ý — {text}", "Note — {text}"),
    "findings": (
        "Phát hiện {count} điểm không nhất quán trong bảng đã công bố:",
        "Found {count} inconsistencies in the published table:",
    ),
    "no_findings": (
        "Không phát hiện điểm không nhất quán nào trong bảng đã công bố.",
        "No inconsistencies found in the published table.",
    ),
    "dry_run": (
        "Chạy thử, không ghi gì: {units} đơn vị, năm {year}, bộ tiêu chí {framework}.",
        "Dry run, nothing written: {units} units, year {year}, framework {framework}.",
    ),
    "imported": (
        "Đã tạo kỳ đánh giá năm {year} (mã kỳ {period}, bộ tiêu chí {framework}) với kết quả của {units} đơn vị; "
        "kỳ ở trạng thái đã công bố, không sửa được.",
        "Created the {year} period (id {period}, framework {framework}) with the results of {units} units; "
        "it is published and cannot be changed.",
    ),
}


def say(key: str, lang: str, **args: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**args)


def run(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi")
    return guarded(lambda: _run(args, lang), lang)


def find_version(code: str, version: str | None, lang: str) -> FrameworkVersion:
    versions = list(FrameworkVersion.objects.filter(code=code).order_by("version"))
    if not versions:
        known = ", ".join(sorted(set(FrameworkVersion.objects.values_list("code", flat=True)))) or say("none", lang)
        raise CommandError(say("framework_not_found", lang, code=code, known=known))
    listed = ", ".join(item.version for item in versions)
    if version is not None:
        found = next((item for item in versions if item.version == version), None)
        if found is None:
            raise CommandError(say("version_not_found", lang, code=code, version=version, known=listed))
        return found
    if len(versions) > 1:
        raise CommandError(say("version_ambiguous", lang, code=code, known=listed))
    return versions[0]


def _run(args: argparse.Namespace, lang: str) -> int:
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
        print(say("note", lang, text=note.render(lang, file_name=path.name)))
    if not outcome.ok:
        count = format_number(len(outcome.problems), None, lang)
        sys.stderr.write(say("invalid", lang, path=path, count=count) + "\n")
        for problem in outcome.problems:
            sys.stderr.write(problem.render(lang, file_name=path.name) + "\n")
        return EXIT_BAD_INPUT
    _report(outcome, args.year, version, lang)
    return EXIT_OK


def _report(outcome: HistoryOutcome, year: int, version: FrameworkVersion, lang: str) -> None:
    if outcome.findings:
        print(say("findings", lang, count=format_number(len(outcome.findings), None, lang)))
        for finding in outcome.findings:
            print(f"- {finding.unit} [{finding.kind}]: {finding.message(lang)}")
    else:
        print(say("no_findings", lang))
    units = format_number(len(outcome.rows), None, lang)
    if outcome.period is None:
        print(say("dry_run", lang, units=units, year=year, framework=version))
        return
    print(say("imported", lang, year=year, period=outcome.period.pk, framework=version, units=units))
