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
from govscore.scoring.engine import EvaluationResult, score

FORMATS = ("docx", "pdf", "xlsx")
EXIT_OK, EXIT_BAD_INPUT = 0, 2

TEXT: dict[str, tuple[str, str]] = {
    "help_document": (
        "xuất văn bản kết quả (docx, pdf) hoặc bảng tính (xlsx)",
        "write the results document (docx, pdf) or the spreadsheet (xlsx)",
    ),
    "help_evaluation": (
        "tệp đánh giá, thư mục chứa evaluation.yaml, hoặc tên ví dụ có sẵn (dongnai-2012)",
        "evaluation file, folder holding evaluation.yaml, or a bundled example name (dongnai-2012)",
    ),
    "help_format": (
        "định dạng tệp (mặc định: theo đuôi tệp của --output)",
        "file format (default: from the --output file's extension)",
    ),
    "help_output": ("tệp ghi ra", "file to write"),
    "help_layout": (
        "mẫu bảng: seed (7 cột như văn bản năm 2012) hoặc summary (điểm và tỷ lệ theo khối); không dùng cho xlsx",
        "table layout: seed (the 2012 document's 7 columns) or summary (points and shares by group); not for xlsx",
    ),
    "no_format": (
        "Không biết định dạng của '{path}': thêm --format docx, pdf hoặc xlsx.",
        "Cannot tell the format of '{path}': add --format docx, pdf or xlsx.",
    ),
    "cannot_write": ("Không ghi được tệp '{path}': {reason}.", "Cannot write '{path}': {reason}."),
    "written": ("Đã ghi {path} ({format}, {units} đơn vị).", "Wrote {path} ({format}, {units} units)."),
}


def say(key: str, lang: str, **args: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**args)


def register(commands: Any, lang: str) -> None:
    """Add `document` to the CLI's subcommands."""
    document = commands.add_parser("document", help=say("help_document", lang))
    document.add_argument("evaluation", metavar="EVALUATION", help=say("help_evaluation", lang))
    document.add_argument("--format", choices=FORMATS, help=say("help_format", lang))
    document.add_argument("--output", "-o", required=True, metavar="FILE", help=say("help_output", lang))
    document.add_argument("--layout", choices=LAYOUTS, default="seed", help=say("help_layout", lang))
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
        sys.stderr.write(say("no_format", lang, path=args.output) + "\n")
        return EXIT_BAD_INPUT
    # The official document is Vietnamese whatever the language of the messages.
    result = score(resolve_evaluation(args.evaluation, lang), "vi")
    try:
        data = _render(result, file_format, DocumentOptions(layout=args.layout))
    except DocumentError as error:
        sys.stderr.write(error.message(lang) + "\n")
        return EXIT_BAD_INPUT
    path = Path(args.output)
    try:
        _write(path, data)
    except OSError as error:
        sys.stderr.write(say("cannot_write", lang, path=path, reason=error.strerror or error) + "\n")
        return EXIT_BAD_INPUT
    print(say("written", lang, path=path, format=file_format, units=len(result.units)))
    return EXIT_OK
