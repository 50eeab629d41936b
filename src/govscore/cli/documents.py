"""`govscore document`: the official results document (DOCX, PDF) or the XLSX export of an evaluation."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govscore.documents import LAYOUTS, DocumentError, DocumentOptions, results_docx, results_pdf, results_xlsx
from govscore.scoring.engine import score
from govscore.scoring.messages import render
from govscore.scoring.previous import previous_of, with_previous
from govscore.scoring.results import EvaluationResult

FORMATS = ("docx", "pdf", "xlsx")
EXIT_OK, EXIT_BAD_INPUT = 0, 2


def register(commands: Any, lang: str) -> None:
    """Add `document` to the CLI's subcommands."""
    document = commands.add_parser("document", help=render("cli.document.help_document", lang))
    document.add_argument("evaluation", metavar="EVALUATION", help=render("cli.help_evaluation", lang))
    document.add_argument("--format", choices=FORMATS, help=render("cli.document.help_format", lang))
    document.add_argument(
        "--output", "-o", required=True, metavar="FILE", help=render("cli.document.help_output", lang)
    )
    document.add_argument("--layout", choices=LAYOUTS, default="seed", help=render("cli.document.help_layout", lang))
    document.add_argument("--previous", metavar="EVALUATION", help=render("cli.help_previous", lang))
    document.set_defaults(handler=cmd_document)


def _format(args: argparse.Namespace) -> str | None:
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def _render(result: EvaluationResult, file_format: str, options: DocumentOptions) -> bytes:
    writers: dict[str, Callable[[], bytes]] = {
        "docx": lambda: results_docx(result, options),
        "pdf": lambda: results_pdf(result, options),
        "xlsx": lambda: results_xlsx(result),
    }
    return writers[file_format]()


def _write(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failure never leaves half a document behind."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_document(args: argparse.Namespace) -> int:
    # Imported here: main imports this module while building its parser.
    from govscore.cli.main import resolve_evaluation

    lang = args.lang
    file_format = _format(args)
    if file_format is None:
        sys.stderr.write(render("cli.document.no_format", lang, path=args.output) + "\n")
        return EXIT_BAD_INPUT
    # The official document is Vietnamese whatever the language of the messages.
    result = score(resolve_evaluation(args.evaluation, lang), "vi")
    if args.previous:
        before = score(resolve_evaluation(args.previous, lang), "vi", narrate=False)
        result = with_previous(result, previous_of(before))
    try:
        data = _render(result, file_format, DocumentOptions(layout=args.layout))
    except DocumentError as error:
        sys.stderr.write(error.message(lang) + "\n")
        return EXIT_BAD_INPUT
    path = Path(args.output)
    try:
        _write(path, data)
    except OSError as error:
        sys.stderr.write(render("cli.document.cannot_write", lang, path=path, reason=error.strerror or error) + "\n")
        return EXIT_BAD_INPUT
    print(render("cli.document.written", lang, path=path, format=file_format, units=len(result.units)))
    return EXIT_OK
