"""A framework workbook read into the mapping a YAML framework file gives, each value's cell noted, so
that the core validates both forms alike and its problems name the sheet, row and column.

docs/framework-workbook.md describes the layout; `workbook_writer` writes it.
"""

from __future__ import annotations

from pathlib import Path as FilePath

from govscore.frameworks import cells
from govscore.frameworks.cells import WorkbookSource
from govscore.frameworks.workbook_layout import (
    BANDS,
    CAPS,
    CHOICES,
    CODE_LISTS,
    CRITERIA,
    GROUPS,
    INDICATORS,
    LINE_LISTS,
    META,
    META_FIELDS,
    NARRATIVE,
    PART,
    REPLACES,
    RULE_INDICATOR,
    RULE_PARAMS,
    RULE_TYPE,
)
from govscore.frameworks.workbook_sheets import Row, SheetRows, read_sheets
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.framework_file import framework_and_problems
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.model import Framework
from govscore.scoring.source import Path

Data = dict[str, object]
_CODE_KEYS = frozenset({"code", "parent", RULE_INDICATOR, "criterion", REPLACES, "grade", "group"})
_CODE_KEYS_BY_SHEET = {CAPS: frozenset({"grade", "criterion", "indicator"}), CHOICES: frozenset({"indicator", "code"})}
_BOOLEAN_KEYS = frozenset({"share", "total_may_leave_bounds"})


def load_framework_workbook(content: bytes | FilePath, name: str) -> Framework:
    """Read and validate a framework workbook; ValidationFailed lists every problem, each at its cell."""
    data, source, problems = read_framework_workbook(content, name)
    framework, found = framework_and_problems(data, source)
    if problems or found:
        raise ValidationFailed(problems + found)
    assert framework is not None
    return framework


def read_framework_workbook(content: bytes | FilePath, name: str) -> tuple[Data, WorkbookSource, list[Problem]]:
    """The workbook as the YAML format's mapping, where each value came from, and the workbook's own
    problems (those of its layout; the core finds the framework's)."""
    sheets, problems = read_sheets(content, name)
    reader = _Reader(name, problems)
    data = reader.meta(sheets[META])
    data["groups"] = [reader.fields(row, ("groups", i)) for i, row in enumerate(_rows(sheets, GROUPS))]
    data["indicators"] = reader.indicators(_rows(sheets, INDICATORS), _rows(sheets, CHOICES))
    data["criteria"] = reader.criteria(sheets[CRITERIA].rows, _rows(sheets, NARRATIVE))
    grading = reader.grading(data, _rows(sheets, BANDS), _rows(sheets, CAPS))
    if grading:
        data["grading"] = grading
    return data, reader.source, problems


def _rows(sheets: dict[str, SheetRows], name: str) -> list[Row]:
    sheet = sheets.get(name)
    return sheet.rows if sheet is not None else []


def _value(sheet: str, key: str, value: object) -> object:
    if key in _CODE_KEYS or key in _CODE_KEYS_BY_SHEET.get(sheet, ()):
        return cells.code(value)
    if key in _BOOLEAN_KEYS:
        return cells.boolean(value)
    if key == "decision.date":
        return cells.date(value)
    if key in CODE_LISTS:
        return cells.code_list(value)
    if key in LINE_LISTS:
        return cells.line_list(value)
    return cells.plain(value)


def _put(data: Data, dotted: str, value: object) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})  # type: ignore[assignment]
    data[last] = value


class _Reader:
    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.source = WorkbookSource(name)
        self.problems = problems

    def problem(self, at: Row, column: str, key: str, subject: str = "", **args: object) -> None:
        self.problems.append(Problem(at.at(column), key, args, subject))

    def fields(self, row: Row, path: Path, skip: frozenset[str] = frozenset()) -> Data:
        """A row as a mapping of its columns' fields (`a.b` nested), each noted at its cell."""
        self.source.note(path, row.at())
        data: Data = {}
        for key, raw in row.values.items():
            if key in skip:
                continue
            _put(data, key, _value(row.sheet.name, key, raw))
            self.source.note(path + tuple(key.split(".")), row.at(key))
        return data

    def meta(self, sheet: SheetRows) -> Data:
        data: Data = {}
        known = {key for key, _label in META_FIELDS}
        first: dict[str, int] = {}
        for row in sheet.rows:
            key = str(row.get("key") or "").strip()
            if key not in known:
                allowed = ", ".join(key for key, _label in META_FIELDS)
                self.problem(row, "key", "workbook.field_unknown", field=key, allowed=allowed)
                continue
            if key in first:
                self.problem(row, "key", "workbook.field_twice", field=key, row=first[key])
                continue
            first[key] = row.number
            if "value" in row.values:
                _put(data, key, _value(META, key, row.values["value"]))
                self.source.note(tuple(key.split(".")), row.at("value"))
        data.setdefault("format", 1)  # a workbook that leaves these rows out is still a framework
        data.setdefault("kind", "framework")
        return data

    def indicators(self, rows: list[Row], choice_rows: list[Row]) -> list[Data]:
        indicators = [self.fields(row, ("indicators", i)) for i, row in enumerate(rows)]
        by_code: dict[object, tuple[int, Data]] = {}
        for index, indicator in enumerate(indicators):
            by_code.setdefault(indicator.get("code"), (index, indicator))
        for row in choice_rows:
            owner = _value(CHOICES, "indicator", row.get("indicator"))
            if owner not in by_code:
                self.problem(row, "indicator", "workbook.choice_indicator_unknown", code=owner)
                continue
            index, indicator = by_code[owner]
            choices: list[Data] = indicator.setdefault("choices", [])  # type: ignore[assignment,unused-ignore]
            choices.append(self.fields(row, ("indicators", index, "choices", len(choices)), frozenset({"indicator"})))
        return indicators

    def criteria(self, rows: list[Row], narrative_rows: list[Row]) -> list[Data]:
        top: list[Data] = []
        nodes: dict[object, tuple[Data, Path]] = {}
        for row in rows:
            parent = _value(CRITERIA, "parent", row.get("parent")) if "parent" in row.values else None
            siblings: list[Data]
            path: Path
            if parent is None:
                siblings, path = top, ("criteria", len(top))
            elif parent in nodes:
                owner, owner_path = nodes[parent]
                siblings = owner.setdefault("children", [])  # type: ignore[assignment]
                path = owner_path + ("children", len(siblings))
            else:
                subject = str(_value(CRITERIA, "code", row.get("code") or ""))
                self.problem(row, "parent", "workbook.parent_unknown", subject, parent=parent)
                # Kept out of the tree, but known, so that its sentences are not reported as orphans too.
                siblings, path = [], ("criteria", f"row {row.number}")
            node = self.criterion(row, path)
            siblings.append(node)
            nodes.setdefault(node.get("code"), (node, path))
        self.narrative(narrative_rows, nodes)
        return top

    def criterion(self, row: Row, path: Path) -> Data:
        skip = frozenset({"parent", RULE_TYPE, RULE_INDICATOR, RULE_PARAMS})
        node = self.fields(row, path, skip)
        rule: Data = {}
        for key in (RULE_TYPE, RULE_INDICATOR):
            if key in row.values:
                rule[key[5:]] = _value(CRITERIA, key, row.values[key])
                self.source.note(path + ("rule", key[5:]), row.at(key))
        if RULE_PARAMS in row.values:
            for key, value in self.params(row, str(node.get("code", ""))).items():
                if key in rule:
                    self.problem(row, RULE_PARAMS, "workbook.param_twice", str(node.get("code", "")), field=key)
                    continue
                rule[key] = value
                self.source.note(path + ("rule", key), row.at(RULE_PARAMS))
        if rule:
            node["rule"] = rule
            # A parameter missing is named at the parameters' cell, a rule type missing at its own.
            if "type" not in rule:
                self.source.note(path + ("rule", "type"), row.at(RULE_TYPE))
            self.source.note(path + ("rule",), row.at(RULE_PARAMS if RULE_PARAMS in row.sheet.columns else RULE_TYPE))
        return node

    def params(self, row: Row, subject: str) -> Data:
        """The rule's other parameters: YAML flow text (`each: 5, cap: 20`), braces optional."""
        raw = row.values[RULE_PARAMS]
        text = str(raw).strip() if isinstance(raw, str) else ""
        if text and not text.startswith("{"):
            text = "{" + text + "}"
        try:
            data, _source = parse_yaml_text(text, "") if text else (raw, None)
        except ValidationFailed as failure:
            detail = str(failure.problems[0].args.get("detail", "")) if failure.problems else ""
            self.problem(row, RULE_PARAMS, "workbook.params_syntax", subject, detail=detail)
            return {}
        if not isinstance(data, dict):
            self.problem(row, RULE_PARAMS, "workbook.params_not_mapping", subject, actual=str(raw))
            return {}
        return data

    def narrative(self, rows: list[Row], nodes: dict[object, tuple[Data, Path]]) -> None:
        for row in rows:
            owner = _value(NARRATIVE, "code", row.get("criterion"))
            if owner not in nodes:
                self.problem(row, "criterion", "workbook.narrative_criterion_unknown", code=owner)
                continue
            node, path = nodes[owner]
            entries: list[Data] = node.setdefault("narrative", [])  # type: ignore[assignment]
            skip = frozenset({"criterion"})
            if str(row.get("column") or "").strip() == PART:
                if not entries:
                    self.problem(row, "column", "workbook.part_without_sentence", str(owner))
                    continue
                parts: list[Data] = entries[-1].setdefault("parts", [])  # type: ignore[assignment]
                where = path + ("narrative", len(entries) - 1, "parts", len(parts))
                parts.append(self.fields(row, where, skip | {"column", "separator"}))
            else:
                entries.append(self.fields(row, path + ("narrative", len(entries)), skip))

    def grading(self, data: Data, band_rows: list[Row], cap_rows: list[Row]) -> Data:
        grading: Data = data.pop("grading", {})  # type: ignore[assignment]
        for row in band_rows:
            group = _value(BANDS, "group", row.get("group")) if "group" in row.values else None
            if group is None:
                holder = grading
                path: Path = ("grading",)
            else:
                groups: Data = grading.setdefault("groups", {})  # type: ignore[assignment]
                holder = groups.setdefault(str(group), {})  # type: ignore[assignment]
                path = ("grading", "groups", str(group))  # a group's bands: grading.groups.<code>.bands
                self.source.note(path, row.at("group"))
            bands: list[Data] = holder.setdefault("bands", [])  # type: ignore[assignment]
            bands.append(self.fields(row, path + ("bands", len(bands)), frozenset({"group"})))
        caps = [self.fields(row, ("grading", "caps", i)) for i, row in enumerate(cap_rows)]
        if caps:
            grading["caps"] = caps
        return grading
