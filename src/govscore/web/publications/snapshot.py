"""The frozen record of a publication: results, ledger, texts, framework version and the document.

Pure functions over plain data, so an edition can be hashed, compared with the previous one and
rendered again from what was stored, without the live tables that may have changed since.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from govscore.documents import ResultsDocument
from govscore.documents.content import (
    Cell,
    Column,
    Footnote,
    GroupRow,
    Row,
    Signature,
    Table,
    UnitRow,
)
from govscore.scoring.ledger import evaluation_dict
from govscore.scoring.results import EvaluationResult

SNAPSHOT_FORMAT = 1


@dataclasses.dataclass(frozen=True)
class Letter:
    """The covering letter the results are attached to, and who signs."""

    place: str
    issued_on: datetime.date
    letter_number: str
    letter_date: datetime.date
    issuer: str
    title: str
    signer_title: str
    signer_name: str


def build_snapshot(
    *,
    edition: int,
    period: Mapping[str, Any],
    framework_text: str,
    letter: Letter,
    results: Mapping[str, EvaluationResult],
    document: ResultsDocument,
    amendment_reason: str = "",
) -> dict[str, Any]:
    framework = results["vi"].evaluation.framework
    return {
        "format": SNAPSHOT_FORMAT,
        "edition": edition,
        "period": dict(period),
        "framework": {
            "code": framework.code,
            "version": framework.version,
            "sha256": hashlib.sha256(framework_text.encode("utf-8")).hexdigest(),
        },
        "letter": {key: _plain(value) for key, value in dataclasses.asdict(letter).items()},
        "amendment_reason": amendment_reason,
        "results": {lang: evaluation_dict(result, lang) for lang, result in results.items()},
        "document": document_to_data(document),
    }


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value


def canonical_json(snapshot: Mapping[str, Any]) -> str:
    """One text for one content: sorted keys, no spaces, real characters (the hash is over UTF-8)."""
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ the document model as data


def document_to_data(document: ResultsDocument) -> dict[str, Any]:
    data = dataclasses.asdict(document)
    data.pop("verification", None)  # the mark names the hash, so it is added when rendering, not hashed
    data["table"]["rows"] = [
        {"group": row.title} if isinstance(row, GroupRow) else {"unit": row.unit_code, "cells": _cells(row)}
        for row in document.table.rows
    ]
    return data


def _cells(row: UnitRow) -> list[list[str]]:
    return [list(cell.lines) for cell in row.cells]


def document_from_data(data: Mapping[str, Any]) -> ResultsDocument:
    table = data["table"]
    rows: list[Row] = [
        GroupRow(item["group"])
        if "group" in item
        else UnitRow(item["unit"], tuple(Cell(tuple(lines)) for lines in item["cells"]))
        for item in table["rows"]
    ]
    footnote, signature = data["footnote"], data["signature"]
    return ResultsDocument(
        place_date=data["place_date"],
        title_lines=tuple(data["title_lines"]),
        attachment=data["attachment"],
        table=Table(tuple(Column(**column) for column in table["columns"]), tuple(rows)),
        footnote=Footnote(footnote["label"], footnote["decision"], footnote["bands_heading"], tuple(footnote["bands"])),
        signature=Signature(tuple(signature["title_lines"]), signature["name"]),
        author=data.get("author", ""),
    )


# ------------------------------------------------------------------ what changed between editions

COMPARED = ("total", "grade", "rank")


def changes_between(previous: Mapping[str, Any], current: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per unit: the totals, grades, ranks, criterion points and texts that differ (Vietnamese results)."""
    before = {unit["code"]: unit for unit in previous["results"]["vi"]["units"]}
    after = {unit["code"]: unit for unit in current["results"]["vi"]["units"]}
    changes: list[dict[str, Any]] = []
    for code in [*after, *(code for code in before if code not in after)]:
        old, new = before.get(code), after.get(code)
        if old is None or new is None:
            changes.append({"unit": code, "name": (new or old or {}).get("name", code), "added": old is None})
            continue
        fields = [{"field": key, "old": old[key], "new": new[key]} for key in COMPARED if old[key] != new[key]]
        fields += _criteria_changes(old, new)
        for column in ("good", "not_good"):
            if old[column] != new[column]:
                fields.append({"field": column, "old": old[column], "new": new[column]})
        if fields:
            changes.append({"unit": code, "name": new["name"], "fields": fields})
    return changes


def _criteria_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    points_before = {item["code"]: item["points"] for item in old["criteria"]}
    points_after = {item["code"]: item["points"] for item in new["criteria"]}
    return [
        {"field": "criterion", "criterion": code, "old": points_before.get(code), "new": points}
        for code, points in points_after.items()
        if points_before.get(code) != points
    ]
