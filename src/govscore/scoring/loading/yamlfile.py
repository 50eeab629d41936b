"""YAML → plain Python values plus the line of every value."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal
from pathlib import Path as FilePath

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.model import Location
from govscore.scoring.source import Path, Source


def read_yaml(path: FilePath, display_name: str | None = None) -> tuple[object, Source]:
    """Parse `path`; raise ValidationFailed with a located message on any syntax problem."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationFailed([Problem(Location(name), "file.missing", {"path": name})]) from None
    except UnicodeDecodeError as error:
        raise ValidationFailed([Problem(Location(name), "file.encoding", {"detail": str(error)})]) from None
    except OSError as error:
        raise ValidationFailed(
            [Problem(Location(name), "file.missing", {"path": f"{name} ({error.strerror})"})]
        ) from None
    return parse_yaml_text(text, name)


def parse_yaml_text(text: str, name: str) -> tuple[object, Source]:
    yaml = YAML(typ="rt")
    try:
        document = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(part for part in (error.context, error.problem) if part)
        raise ValidationFailed([Problem(Location(name, line), "yaml.syntax", {"detail": detail})]) from None
    except (YAMLError, ValueError, TypeError) as error:
        raise ValidationFailed([Problem(Location(name), "yaml.syntax", {"detail": str(error)})]) from None
    source = Source(name)
    return _plain(document, (), source), source


def _plain(node: object, path: Path, source: Source) -> object:
    if isinstance(node, CommentedMap):
        result: dict[str, object] = {}
        for key in node:
            line, column = node.lc.key(key)
            source.lines[path + (str(key),)] = (line + 1, column + 1)
            result[str(key)] = _plain(node[key], path + (str(key),), source)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            line, column = node.lc.item(index)
            source.lines[path + (index,)] = (line + 1, column + 1)
            items.append(_plain(item, path + (index,), source))
        return items
    return _scalar(node)


def _scalar(node: object) -> object:
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, float):
        if node != node or node in (float("inf"), float("-inf")):
            return str(node)
        # repr gives the shortest text that reads back as the same float: the digits written.
        return Decimal(repr(float(node)))
    if isinstance(node, int):
        return int(node)
    if isinstance(node, datetime.datetime | datetime.date):
        return node
    if isinstance(node, str):
        return unicodedata.normalize("NFC", str(node))
    return node
