"""An `Evaluation` written back as an evaluation file's data (`kind: evaluation`, format 1).

The inverse of `evaluation_file.evaluation_from_data`: facts in the plain shape `facts.read_value`
reads, so that loading the written data gives the same evaluation. A period kept in the application's
database is exported through it, and a draft framework is replayed on a period's data by reading this
data again under the draft (`whatif`).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

from govscore.scoring.facts import number_text, to_plain
from govscore.scoring.model import Evaluation, Organisation, Override, Publication, Published, UnitData


def evaluation_data(evaluation: Evaluation, framework_ref: str, *, published: bool = True) -> dict[str, object]:
    """The file's data; `framework_ref` is the framework file's path relative to the evaluation file."""
    period: dict[str, object] = {"year": evaluation.period.year}
    if evaluation.period.title:
        period["title"] = evaluation.period.title
    if evaluation.period.as_of is not None:
        period["as_of"] = evaluation.period.as_of
    data: dict[str, object] = {"format": 1, "kind": "evaluation", "framework": framework_ref, "period": period}
    organisation = _filled(_organisation(evaluation.organisation))
    if organisation:
        data["organisation"] = organisation
    publication = _filled(_publication(evaluation.publication))
    if publication:
        data["publication"] = publication
    data["units"] = [unit_data(unit, published=published) for unit in evaluation.units]
    return data


def unit_data(unit: UnitData, *, published: bool = True) -> dict[str, object]:
    item: dict[str, object] = {"code": unit.code, "name": unit.name, "group": unit.group}
    facts = {code: to_plain(fact) for code, fact in unit.facts.items()}
    optional: dict[str, object] = {
        "facts": facts,
        "not_applicable": dict(unit.not_applicable),
        "overrides": {code: _override(override) for code, override in unit.overrides.items()},
        "published": _published(unit.published) if published and unit.published is not None else {},
        "not_ranked": unit.not_ranked,
        "own_max": {"points": unit.own_max.points, "reason": unit.own_max.reason} if unit.own_max else {},
        "formerly": list(unit.formerly),
    }
    item.update({name: value for name, value in optional.items() if value})
    if unit.active_months is not None:
        item["active_months"] = list(unit.active_months)
    return item


def _override(override: Override) -> dict[str, object]:
    written: dict[str, object] = {"points": override.points, "reason": override.reason}
    if override.by:
        written["by"] = override.by
    return written


def _organisation(organisation: Organisation) -> dict[str, object]:
    return {"name": organisation.name, "short_name": organisation.short_name, "province": organisation.province}


def _publication(publication: Publication) -> dict[str, object]:
    names = ("place", "date", "letter_number", "letter_date", "issuer", "title", "signer_title", "signer_name")
    return {name: getattr(publication, name) for name in names}


def _published(published: Published) -> dict[str, object]:
    written: dict[str, object] = {
        "position": published.position,
        "rank": published.rank,
        "total": published.total,
        "grade": published.grade,
        "good": list(published.good),
        "not_good": list(published.not_good),
        "criteria": dict(published.criteria),
        "percent": published.percent,
        "max_points": published.max_points,
    }
    return _filled(written)


def _filled(mapping: Mapping[str, object]) -> dict[str, object]:
    return {name: value for name, value in mapping.items() if value not in (None, "", [], {})}


class _Representer(RoundTripRepresenter):
    """Decimals as YAML numbers with their exact digits; mappings in the order they were built."""


def _decimal(representer: Any, value: Decimal) -> Any:
    text = number_text(value)
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return representer.represent_scalar(tag, text)


def _timestamp(representer: Any, value: datetime.datetime) -> Any:
    # The offset is written so that the time reads back as the same instant in any time zone.
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat(sep=" "))


_Representer.add_representer(Decimal, _decimal)
_Representer.add_representer(datetime.datetime, _timestamp)


def yaml_text(data: Mapping[str, object], header: str = "") -> str:
    """The data as a YAML document (UTF-8 text, block style), with `header` as comment lines first."""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    buffer = io.StringIO()
    for line in header.splitlines():
        buffer.write(f"# {line}\n")
    yaml.dump(_plain(data), buffer)
    return buffer.getvalue()


def _plain(value: object) -> object:
    # ruamel's round-trip dumper wants its own containers to keep order and keys as written.
    if isinstance(value, Mapping):
        return {(str(key) if not isinstance(key, int) else key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
