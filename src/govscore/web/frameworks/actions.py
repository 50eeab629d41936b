"""Storing framework versions. The core validates the text; a version in use is never changed."""

from __future__ import annotations

import json
import re

from django.db import models
from django.utils.translation import gettext

from govscore.frameworks.files import framework_from_bytes, stored_data
from govscore.frameworks.yaml_text import yaml_text as yaml_of
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.loading.framework_file import framework_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.model import Framework
from govscore.web.actions import Refused, User, writing
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.i18n import current_language
from govscore.web.indicators.models import IndicatorValue
from govscore.web.scores.models import ManualScore, Result
from govscore.web.text import nfc_text


class FrameworkInUse(Refused):
    """A framework version used by a period is frozen: issue a new version instead."""


class FrameworkRejected(Refused):
    """Every problem of the text, each a located message in the user's language."""


def check_framework_text(yaml_text: str, name: str = "framework.yaml") -> Framework:
    """The parsed framework; raises FrameworkRejected with every problem of the text or of its storage."""
    try:
        data, source = parse_yaml_text(nfc_text(yaml_text), name)
        framework = framework_from_data(data, source)
    except ValidationFailed as error:
        raise FrameworkRejected(*(problem.render(current_language()) for problem in error.problems)) from None
    too_long = storage_problems(framework)
    if too_long:
        raise FrameworkRejected(*too_long)
    return framework


def storage_problems(framework: Framework) -> list[str]:
    """Values longer than the columns that keep them: PostgreSQL would refuse them when a period is scored."""
    checks: list[tuple[str, str, int]] = [
        (gettext("mã bộ tiêu chí"), framework.code, _limit(FrameworkVersion, "code")),
        (gettext("phiên bản"), framework.version, _limit(FrameworkVersion, "version")),
        (gettext("số quyết định"), framework.decision.number, _limit(FrameworkVersion, "decision_number")),
    ]
    checks += [(gettext("mã tiêu chí"), c.code, _limit(ManualScore, "criterion_code")) for c in framework.walk()]
    checks += [(gettext("mã chỉ tiêu"), i.code, _limit(IndicatorValue, "code")) for i in framework.indicators]
    checks += [(gettext("mã khối"), g.code, _limit(Result, "group_code")) for g in framework.groups]
    checks += [(gettext("xếp loại"), band.grade, _limit(Result, "grade")) for band in framework.grading.bands]
    message = gettext("%(what)s “%(value)s” dài %(length)s ký tự; tối đa %(limit)s.")
    return [
        message % {"what": what, "value": value, "length": len(value), "limit": limit}
        for what, value, limit in checks
        if len(value) > limit
    ]


def _limit(model: type[models.Model], field: str) -> int:
    return int(model._meta.get_field(field).max_length)  # type: ignore[union-attr,arg-type]


def _in_use(version: FrameworkVersion) -> FrameworkInUse:
    return FrameworkInUse(
        gettext("Bộ tiêu chí “%(framework)s” đã được một kỳ đánh giá dùng, không sửa được; hãy tạo phiên bản mới.")
        % {"framework": version}
    )


def do_store_framework(yaml_text: str, *, by: User | None = None) -> FrameworkVersion:
    """Store a new version, or return the identical stored one (so loading twice is harmless)."""
    text = nfc_text(yaml_text)
    framework = check_framework_text(text)
    with writing(by=by):
        rows = FrameworkVersion.objects.select_for_update().filter(code=framework.code, version=framework.version)
        existing = rows.first()
        if existing is None:
            return FrameworkVersion.objects.create(
                code=framework.code,
                version=framework.version,
                title=framework.title,
                decision_number=framework.decision.number,
                yaml_text=text,
            )
        if existing.yaml_text != text:
            _replace_text(existing, framework, text)
        return existing


def do_update_framework_text(version: FrameworkVersion, yaml_text: str, *, by: User | None = None) -> FrameworkVersion:
    text = nfc_text(yaml_text)
    framework = check_framework_text(text)
    with writing(by=by):
        current = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
        _replace_text(current, framework, text)
    return current


def checked_file(content: bytes, name: str) -> tuple[Framework, str]:
    """A framework file (YAML or workbook) and the YAML text to store; FrameworkRejected with every problem
    rendered exactly as `govscore framework validate` prints it."""
    try:
        return framework_from_bytes(content, name)
    except ValidationFailed as error:
        raise FrameworkRejected(*(problem.render(current_language()) for problem in error.problems)) from None


def do_upload_framework(content: bytes, name: str, *, by: User | None = None) -> FrameworkVersion:
    """Store an uploaded file as its version (a version not yet used by a period may be replaced)."""
    _framework, text = checked_file(content, name)
    return do_store_framework(text, by=by)


def do_replace_framework(
    version: FrameworkVersion, content: bytes, name: str, *, by: User | None = None
) -> FrameworkVersion:
    """A version no period uses yet, replaced by a file of the same code and version."""
    framework, text = checked_file(content, name)
    if (framework.code, framework.version) != (version.code, version.version):
        raise FrameworkRejected(
            gettext(
                "Tệp là bộ tiêu chí %(code)s phiên bản %(version)s, không phải phiên bản %(target)s đang thay; "
                "sửa mã và phiên bản trong tệp, hoặc tải lên như một phiên bản mới."
            )
            % {"code": framework.code, "version": framework.version, "target": version.version}
        )
    return do_update_framework_text(version, text, by=by)


_VERSION_LINE = re.compile(r"^version:[^\n]*$", re.MULTILINE)


def do_copy_framework(version: FrameworkVersion, new_version: str, *, by: User | None = None) -> FrameworkVersion:
    """A new version with the same content, to be changed by uploading while no period uses it."""
    label = nfc_text(new_version).strip()
    if not label:
        raise FrameworkRejected(gettext("Phải ghi phiên bản mới."))
    if FrameworkVersion.objects.filter(code=version.code, version=label).exists():
        raise FrameworkRejected(
            gettext("Bộ tiêu chí đã có phiên bản %(version)s; hãy chọn tên phiên bản khác.") % {"version": label}
        )
    quoted = json.dumps(label, ensure_ascii=False)  # a JSON string is a YAML one
    # The file as written, comments kept, when its version is on a line of its own; otherwise rewritten.
    if len(_VERSION_LINE.findall(version.yaml_text)) == 1:
        text = _VERSION_LINE.sub(lambda _match: f"version: {quoted}", version.yaml_text)
    else:
        data = stored_data(version.yaml_text, f"{version.code}.yaml")
        text = yaml_of({**data, "version": label})
    return do_store_framework(text, by=by)


def _replace_text(version: FrameworkVersion, framework: Framework, text: str) -> None:
    if version.in_use:
        raise _in_use(version)
    version.yaml_text = text
    version.title = framework.title
    version.decision_number = framework.decision.number
    version.save(update_fields=["yaml_text", "title", "decision_number"])


__all__ = [
    "FrameworkInUse",
    "FrameworkRejected",
    "ValidationFailed",
    "check_framework_text",
    "checked_file",
    "do_copy_framework",
    "do_replace_framework",
    "do_store_framework",
    "do_update_framework_text",
    "do_upload_framework",
]
