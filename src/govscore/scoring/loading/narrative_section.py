"""A criterion's `narrative` in a framework file: its entries, conditions and templates, checked."""

from __future__ import annotations

from govscore.scoring.narrative import (
    ALWAYS_AVAILABLE,
    COLUMNS,
    Condition,
    NarrativeEntry,
    NarrativePart,
    NarrativeSyntaxError,
    Template,
    parse_condition,
)
from govscore.scoring.rules.params import ParamReader, ParseContext


def narrative_section(reader: ParamReader, fact_names: frozenset[str], ctx: ParseContext) -> tuple[NarrativeEntry, ...]:
    """A criterion's `narrative`: entries whose templates name only facts its rule gives."""
    if "narrative" not in reader.raw:
        return ()
    rule = reader.raw.get("rule")
    rule_type = rule.get("type", "?") if isinstance(rule, dict) else "?"
    allowed = fact_names | ALWAYS_AVAILABLE

    def entry(item: ParamReader) -> NarrativeEntry:
        column = item.choice("column", COLUMNS)
        when = _condition(item, ctx)
        text = _template(item, ctx)
        parts = (
            tuple(
                item.mappings(
                    "parts", lambda part: NarrativePart(_template(part, ctx), _condition(part, ctx)), minimum=0
                )
            )
            if "parts" in item.raw
            else ()
        )
        item.seen.add("parts")
        separator = item.string("separator", "; ")
        result = NarrativeEntry(column, text, when, parts, separator)  # type: ignore[arg-type]
        for name in sorted(result.names()):
            if name.startswith("@"):
                if name[1:] not in ctx.indicators:
                    ctx.problem(item.path, "indicator.unknown", indicator=name[1:])
            elif name not in allowed:
                ctx.problem(
                    item.path, "template.unknown_fact", fact=name, type=rule_type, allowed=", ".join(sorted(allowed))
                )
        return result

    return tuple(reader.mappings("narrative", entry, minimum=0))


def _template(reader: ParamReader, ctx: ParseContext) -> Template:
    template = Template(reader.string("text"))
    for placeholder in template.malformed():
        ctx.problem(reader.path + ("text",), "template.syntax", detail=f"'{placeholder}'")
    return template


def _condition(reader: ParamReader, ctx: ParseContext) -> Condition | None:
    text = reader.raw_value("when")
    if text is None:
        return None
    if not isinstance(text, str):
        ctx.problem(reader.path + ("when",), "condition.syntax", text=str(text))
        return None
    try:
        return parse_condition(text)
    except NarrativeSyntaxError:
        ctx.problem(reader.path + ("when",), "condition.syntax", text=text)
        return None
