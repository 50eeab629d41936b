"""Storing framework versions. The core validates the text; a version in use is never changed."""

from __future__ import annotations

from govscore.scoring.errors import ValidationFailed
from govscore.scoring.loading.framework_file import framework_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.model import Framework
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.text import nfc_text


class FrameworkInUse(Exception):
    """A framework version used by a period is frozen: issue a new version instead."""


def check_framework_text(yaml_text: str, name: str = "framework.yaml") -> Framework:
    """The parsed framework; raises the core's ValidationFailed with every problem."""
    data, source = parse_yaml_text(nfc_text(yaml_text), name)
    return framework_from_data(data, source)


def do_store_framework(yaml_text: str) -> FrameworkVersion:
    """Store a new version, or return the identical stored one (so loading twice is harmless)."""
    text = nfc_text(yaml_text)
    framework = check_framework_text(text)
    existing = FrameworkVersion.objects.filter(code=framework.code, version=framework.version).first()
    if existing is not None:
        if existing.yaml_text != text and existing.in_use:
            raise FrameworkInUse(f"{framework.code} {framework.version}")
        if existing.yaml_text != text:
            existing.yaml_text = text
            existing.save(update_fields=["yaml_text"])
        return existing
    return FrameworkVersion.objects.create(
        code=framework.code,
        version=framework.version,
        title=framework.title,
        decision_number=framework.decision.number,
        yaml_text=text,
    )


def do_update_framework_text(version: FrameworkVersion, yaml_text: str) -> FrameworkVersion:
    if version.in_use:
        raise FrameworkInUse(str(version))
    framework = check_framework_text(yaml_text)
    version.yaml_text = nfc_text(yaml_text)
    version.title = framework.title
    version.decision_number = framework.decision.number
    version.save(update_fields=["yaml_text", "title", "decision_number"])
    return version


__all__ = [
    "FrameworkInUse",
    "ValidationFailed",
    "check_framework_text",
    "do_store_framework",
    "do_update_framework_text",
]
