"""YAML → plain Python values plus the line of every value.

Two parsers, one result. rapidyaml (C++) reads a country's evaluation file in well under a second: it
gives the data as JSON, which the standard library decodes in C; ruamel.yaml, in pure Python, gives the
line and column of every value but takes a minute on the same file. So the data come from rapidyaml
and the lines from ruamel.yaml, only when a problem has to be located (`Source.at`): a valid file is
never parsed twice, an invalid one is parsed again to say where.

JSON loses what YAML says about plain scalars (quoted or not), so rapidyaml reads only files where that
cannot matter: a file with tags, anchors, aliases, merge keys or tabs, with text that YAML 1.2 may read
as something else (`~`, `Null`, `TRUE`, `.inf`, `0x1F`, `010`, `1_000`, quoted or not), with a key
that is not a plain word or whole number, or with a key twice, is read by ruamel.yaml alone. Dates
stay text on the fast path: the loaders read a date from a YAML date or from its ISO text
(`2024-02-05`, `2024-02-05 09:30:00+07:00`) alike. `tests/scoring/test_yaml_parsers.py` holds both
readers to one result.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path as FilePath

import ryml
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
    text = unicodedata.normalize("NFC", text)
    if not text.endswith("\n"):
        text += "\n"  # a last line without its line break is a whole line (readers differ on it)
    data = _fast(text)
    if data is _NOT_FAST:
        return _located(text, name)
    return data, Source(name, locate=lambda: _located(text, name)[1].lines)


# Plain scalars YAML 1.2 (as ruamel.yaml reads it) takes for something else than text, which rapidyaml
# writes as JSON text: `~`, `Null`, `TRUE`, `.inf`, `0x1F`, `010`, `1_000`, `0e3`. The same text quoted
# is text to both, and JSON no longer tells the two apart, so either goes to ruamel.yaml. (A quoted
# "2012" or "1.1" is no such case: plain, rapidyaml would have written a JSON number.)
_OTHERWISE = (
    r"~|Null|NULL|True|TRUE|False|FALSE|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|[-+]?0[xXoObB][0-9a-fA-F_]+|[-+]?0[0-9_eE][0-9._eE+-]*|[-+]?[0-9.]*_[0-9._eE+-]*"
)
# Such a value in rapidyaml's JSON (a key is followed by a colon: keys are checked by `_mapping`).
# The lookahead passes over most texts at their first character, which no alternative starts with: a
# country's file holds a million of them.
_OTHERWISE_IN_JSON = re.compile(rf'"(?=[~NTF+\-.0-9_])(?:{_OTHERWISE})"(?! *:)')
# What rapidyaml's JSON does not carry: tags, anchors, aliases, explicit keys, and tabs, which YAML trims
# in places (merge keys `<<` and block scalars as the whole document are looked for apart); a colon
# that ends a word in a flow collection (`[a:]`) or a blank line before its end, which the two read
# differently.
_NOT_IN_JSON = "\t!&*?"  # each looked for in the text on its own: faster than a character class
_FLOW_COLON = re.compile(r":[,\]}]")
_BLANK_BEFORE_END = re.compile(r"\n *\n *[\]}]")
_BLOCK_DOCUMENT = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*[ ]*[|>]")
# Keys ruamel.yaml reads as something else than text and names otherwise (1.50 → "1.5", true → "True").
_OTHER_KEY = re.compile(
    rf"(?:{_OTHERWISE}|true|false|null|[-+.]*[0-9][0-9_]*[.eE_][-+0-9_.eE]*|\+[.0-9][-+0-9_.eE]*|-0|\.[0-9]+|:.*|)"
)
_NOT_FAST = object()


class _NotJson(Exception):
    pass


def _mapping(pairs: list[tuple[str, object]]) -> dict[str, object]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _NotJson  # a key twice: ruamel.yaml refuses it
    for key in mapping:
        if key[:1] in _KEY_START and _other_key(key):
            raise _NotJson
    return mapping


@functools.lru_cache(maxsize=4096)
def _other_key(key: str) -> bool:
    # Keys repeat across a file's units (the months of every unit's reports): each is judged once.
    return _OTHER_KEY.fullmatch(key) is not None


# The first characters of the keys `_OTHER_KEY` may match (an empty key included).
_KEY_START = frozenset("0123456789+-._~NTFtfn:") | {""}


def _number(text: str) -> Decimal:
    # As ruamel.yaml reads it: the float's shortest text (see `_scalar`).
    return Decimal(repr(float(text)))


def _fast(text: str) -> object:
    """The document's data through rapidyaml and JSON; _NOT_FAST when only ruamel.yaml reads it right."""
    if any(mark in text for mark in _NOT_IN_JSON):
        return _NOT_FAST
    if any(pattern.search(text) for pattern in (_FLOW_COLON, _BLANK_BEFORE_END)):
        return _NOT_FAST
    if "<<" in text or _BLOCK_DOCUMENT.match(text):
        return _NOT_FAST
    try:
        source = text.encode("utf-8")
        # Room for every node at once: grown as it parses, the tree doubles its capacity, up to twice
        # what a country's file needs. A key, an item or a flow collection each takes a node, and each
        # is marked by one of these (or more: a time stamp's colons), so this is enough.
        tree = ryml.Tree()
        tree.reserve(sum(source.count(mark) for mark in (b":", b",", b"- ", b"[", b"{")) + 16)
        with _stderr_silenced():
            tree = ryml.parse_in_arena(source, tree=tree)
        del source
        if tree.is_stream(tree.root_id()):
            return _NOT_FAST  # several documents
        data = ryml.emit_json(tree)
        del tree  # the parser's tree of every node is not needed while JSON is decoded: a lower peak
        if data is None or _OTHERWISE_IN_JSON.search(data):
            return _NOT_FAST  # an empty document, or plain values JSON reads otherwise
        return json.loads(data, parse_float=_number, object_pairs_hook=_mapping)
    except (ryml.ExceptionParse, ryml.ExceptionBasic, ryml.ExceptionVisit, ValueError, _NotJson):
        return _NOT_FAST  # ruamel.yaml says what is wrong, and where


_silence = threading.Lock()


@contextmanager
def _stderr_silenced() -> Iterator[None]:
    """rapidyaml prints a parse error to the process's stderr before raising it; ruamel.yaml then
    says it in the user's words, located, so the C++ text would only be noise on a user's terminal."""
    with _silence:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _located(text: str, name: str) -> tuple[object, Source]:
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
    except (IndexError, KeyError, AttributeError) as error:
        # ruamel.yaml fails so on a few malformed scalars (`+_` read as a number): still malformed YAML.
        detail = f"{type(error).__name__}: {error}"
        raise ValidationFailed([Problem(Location(name), "yaml.syntax", {"detail": detail})]) from None
    source = Source(name)
    return _plain(document, (), source), source


def _plain(node: object, path: Path, source: Source) -> object:
    if isinstance(node, CommentedMap):
        result: dict[str, object] = {}
        for key in node:
            name = "" if key is None else str(key)  # as JSON names a null key
            _note(source, path + (name,), node.lc.key(key))
            result[name] = _plain(node[key], path + (name,), source)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            _note(source, path + (index,), node.lc.item(index))
            items.append(_plain(item, path + (index,), source))
        return items
    return _scalar(node)


def _note(source: Source, path: Path, mark: tuple[int, int] | None) -> None:
    if mark is not None:  # ruamel.yaml marks every value of a file, but not always an empty one
        line, column = mark
        source.lines[path] = (line + 1, column + 1)


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
