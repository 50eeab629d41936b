"""A framework given as a YAML file or as a workbook, told apart by its content: one entry point for the
command line and the web upload, so that both print the same located problems."""

from __future__ import annotations

from pathlib import Path as FilePath

from govscore.frameworks.workbook_reader import read_framework_workbook
from govscore.frameworks.yaml_text import yaml_text
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.framework_file import framework_and_problems
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.model import Framework, Location

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # every XLSX file is a zip archive (an empty one included)


def is_workbook(content: bytes) -> bool:
    return content.startswith(_ZIP)


def framework_from_bytes(content: bytes, name: str) -> tuple[Framework, str]:
    """The validated framework and the YAML text to store for it (a YAML file's own text, or the
    workbook written as YAML); ValidationFailed lists every problem, located in the file as given."""
    if is_workbook(content):
        data, source, problems = read_framework_workbook(content, name)
        framework, found = framework_and_problems(data, source)
        if problems or found:
            raise ValidationFailed(problems + found)
        assert framework is not None
        return framework, yaml_text(data)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationFailed([Problem(Location(name), "file.encoding", {"detail": str(error)})]) from None
    parsed, yaml_source = parse_yaml_text(text, name)
    framework, found = framework_and_problems(parsed, yaml_source)
    if found:
        raise ValidationFailed(found)
    assert framework is not None
    return framework, text


def framework_from_path(path: FilePath, name: str | None = None) -> tuple[Framework, str]:
    shown = name or str(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        detail = shown if isinstance(error, FileNotFoundError) else f"{shown} ({error.strerror})"
        raise ValidationFailed([Problem(Location(shown), "file.missing", {"path": detail})]) from None
    return framework_from_bytes(content, shown)


def stored_data(text: str, name: str) -> dict[str, object]:
    """The mapping of a stored (valid) YAML text, for writing it as a workbook."""
    data, _source = parse_yaml_text(text, name)
    assert isinstance(data, dict)
    return {str(key): value for key, value in data.items()}
