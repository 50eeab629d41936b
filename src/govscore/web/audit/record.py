"""Writing audit rows: what a record held, what changed, for which unit and period, by whom.

Model signals (`audit.signals`) call `record_save` and `record_delete` for every audited model;
writers that bypass the signals (bulk inserts, raw updates) call `record_created` or
`record_values_import` themselves, in the same transaction as their writes, so a change and its
audit row commit or roll back together.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.context import Actor, current_actor, current_reason
from govscore.web.audit.models import AuditEntry
from govscore.web.bulk import insert_objects

if TYPE_CHECKING:
    from govscore.imports import Change
    from govscore.web.orgs.models import Unit
    from govscore.web.periods.models import EvaluationPeriod

Action = AuditEntry.Action

# Models whose every change is recorded, and what of them is not copied into the trail.
AUDITED_MODELS = (
    "indicators.IndicatorValue",
    "indicators.EvidenceFile",
    "reports.MonthlyReport",
    "scores.ManualScore",
    "scores.RankingExclusion",
    "scores.NotApplicable",
    "scores.OwnMaximum",
    "frameworks.FrameworkVersion",
    "periods.EvaluationPeriod",
    "orgs.Organisation",
    "orgs.UnitGroup",
    "orgs.Unit",
    "orgs.StaffCount",
    "orgs.Reorganisation",
    "orgs.Succession",
    "auth.User",
    # Roles: a user's role is an auth group, and a group's permissions are what its users may do.
    "auth.Group",
    "accounts.Profile",
    "publications.DocumentDraft",
    "publications.Publication",
    # A past year's published table: where it came from, and each row as printed.
    "history.HistoricalPeriod",
    "history.HistoricalResult",
    # Two-factor devices: enrolment started and confirmed, a device removed (a reset).
    "otp_totp.TOTPDevice",
    # The kinds of e-mail a user turned off.
    "notifications.EmailOptOut",
)
# Models recorded only when a row is deleted. A log-in lock-out (django-axes' count of failed log-ins
# for a user name and address) is made and counted by failed log-ins, which have rows of their own;
# its deletion lifts the lock-out: by an administrator (admin, `axes_reset…` commands), by a correct
# password, or when the lock-out has expired.
DELETIONS_AUDITED = ("axes.AccessAttempt",)
# Names of audited models and fields from libraries that ship no Vietnamese (keys: label[.field]).
LABELS = {
    "otp_totp.totpdevice": _("thiết bị xác thực hai bước"),
    "otp_totp.totpdevice.user": _("người dùng"),
    "otp_totp.totpdevice.name": _("tên"),
    "otp_totp.totpdevice.confirmed": _("đã xác nhận"),
    "otp_totp.totpdevice.created_at": _("tạo lúc"),
    "otp_totp.totpdevice.key": _("khóa bí mật"),
    "otp_totp.totpdevice.step": _("chu kỳ mã (giây)"),
    "otp_totp.totpdevice.t0": _("mốc thời gian"),
    "otp_totp.totpdevice.digits": _("số chữ số"),
    "otp_totp.totpdevice.tolerance": _("số chu kỳ lệch cho phép"),
    "axes.accessattempt": _("khoá đăng nhập (các lần đăng nhập sai)"),
    "axes.accessattempt.username": _("tên đăng nhập"),
    "axes.accessattempt.ip_address": _("địa chỉ IP"),
    "axes.accessattempt.user_agent": _("trình duyệt"),
    "axes.accessattempt.path_info": _("đường dẫn"),
    "axes.accessattempt.attempt_time": _("lần sai gần nhất lúc"),
    "axes.accessattempt.failures_since_start": _("số lần đăng nhập sai"),
    # Backups and restores name no model (`record_backup`, `record_restore`).
    ".folder": _("thư mục"),
    ".files": _("số tệp"),
    ".bytes": _("dung lượng (byte)"),
    ".backup_made_at": _("bản sao lưu tạo lúc"),
    ".replaced_data_kept_in": _("dữ liệu bị thay thế được giữ tại"),
}


def model_label(label: str) -> str:
    """A model's name for people, in their language."""
    return capfirst(str(LABELS.get(label) or apps.get_model(label)._meta.verbose_name))


def field_label(label: str, name: str) -> str:
    """A field's name for people, in their language; a key of a row that names no model as it is."""
    known = LABELS.get(f"{label}.{name}")
    if known is not None or not label:
        return str(known or name)
    return str(apps.get_model(label)._meta.get_field(name).verbose_name)


# Recorded otherwise: log-ins have their own rows, and a device's state after each code checked
# (counter, drift, throttling) changes at every log-in.
IGNORED_FIELDS = {
    "auth.user.last_login",
    *(
        f"otp_totp.totpdevice.{name}"
        for name in ("last_t", "drift", "throttling_failure_timestamp", "throttling_failure_count", "last_used_at")
    ),
}
# Recorded only as "changed", never as the value: a password's hash, a device's secret key.
MASKED_FIELDS = {"auth.user.password", "otp_totp.totpdevice.key"}
MASK = "••••••"
# Copied elsewhere in full: an edition's snapshot is kept, hashed, in the edition itself. Not copied: what
# a failed log-in sent (its form, with the password masked, and its headers).
OMITTED_FIELDS = {
    "publications.publication.snapshot_json",
    *(f"axes.accessattempt.{name}" for name in ("get_data", "post_data", "http_accept")),
}
# The field holding the reason a person gave for the change.
REASON_FIELDS = {
    "scores.manualscore": "reason",
    "publications.documentdraft": "amendment_reason",
    "publications.publication": "amendment_reason",
}


def jsonable(value: object) -> object:
    """A value as JSON keeps it, the same whether read from the database or from a form."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        # 100, 100.0 and 100.000 are one number: a re-read column must not look changed.
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # One instant, one text: a form's 08:30+07:00 is the database's 01:30+00:00, not a change.
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return str(value)


def _recorded(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    label = model._meta.label_lower
    fields = []
    for field in model._meta.concrete_fields:
        key = f"{label}.{field.name}"
        if key in IGNORED_FIELDS or key in OMITTED_FIELDS or _is_lock_version(field):
            continue
        if isinstance(field, models.BinaryField) or getattr(field, "auto_now", False):
            continue
        if getattr(field, "auto_now_add", False):
            continue
        fields.append(field)
    return fields


def _is_lock_version(field: models.Field[Any, Any]) -> bool:
    """The edit counter of `versions.version_field`: it changes on every save and says nothing by itself
    (unlike a framework's "version", which is data)."""
    return field.name == "version" and isinstance(field, models.PositiveIntegerField) and not field.editable


def values_of(instance: models.Model) -> dict[str, object]:
    """The record's fields as JSON (foreign keys as ids, files as their stored names), secrets included:
    `masked` must hide them before they are written."""
    return {field.name: jsonable(field.value_from_object(instance)) for field in _recorded(type(instance))}


def masked(label: str, values: Mapping[str, object] | None) -> dict[str, object] | None:
    """The values with secrets replaced: a changed password shows as changed, never as its hash."""
    if values is None:
        return None
    return {name: (MASK if value and f"{label}.{name}" in MASKED_FIELDS else value) for name, value in values.items()}


def changed(
    before: Mapping[str, object], after: Mapping[str, object], only: Iterable[str] | None = None
) -> tuple[dict[str, object], dict[str, object]]:
    """(old, new) of the fields whose value differs; `only` limits the comparison (a save's update_fields)."""
    limit = None if only is None else set(only)
    differing = [name for name in after if (limit is None or name in limit) and before.get(name) != after.get(name)]
    return {name: before.get(name) for name in differing}, {name: after.get(name) for name in differing}


@dataclass(frozen=True)
class Subject:
    """The record an audit row is about."""

    model: str
    object_id: str
    object_repr: str
    unit_id: int | None
    period_id: int | None


def subject_of(instance: models.Model) -> Subject:
    label = instance._meta.label_lower
    unit_id: int | None = getattr(instance, "unit_id", None)
    period_id: int | None = getattr(instance, "period_id", None)
    if label == "orgs.unit":
        unit_id = instance.pk
    elif label == "periods.evaluationperiod":
        period_id = instance.pk
    elif getattr(instance, "indicator_value_id", None) is not None:
        from govscore.web.indicators.models import IndicatorValue

        found = (
            IndicatorValue.objects.filter(pk=instance.indicator_value_id)  # type: ignore[attr-defined]
            .values_list("unit_id", "period_id")
            .first()
        )
        unit_id, period_id = found if found else (None, None)
    return Subject(label, str(instance.pk or ""), _repr(instance), unit_id, period_id)


def _repr(instance: models.Model) -> str:
    if instance._meta.label_lower == "axes.accessattempt":
        # Its own text is only a time: the lock-out is of a user name from an address.
        return f"{getattr(instance, 'username', '')} — {getattr(instance, 'ip_address', '')}"[:255]
    try:
        return str(instance)[:255]
    except (ObjectDoesNotExist, ValueError):
        # A related row already gone (a cascade): the id still names the record.
        return f"{instance._meta.label_lower} {instance.pk}"


def _entry(
    action: str,
    actor: Actor,
    subject: Subject | None = None,
    *,
    old: object = None,
    new: object = None,
    reason: str = "",
    batch: str = "",
) -> AuditEntry:
    return AuditEntry(
        action=action,
        actor=actor.name,
        user_id=actor.user_id,
        origin=actor.origin,
        ip=actor.ip,
        path=actor.path,
        model=subject.model if subject else "",
        object_id=subject.object_id if subject else "",
        object_repr=subject.object_repr if subject else "",
        unit_id=subject.unit_id if subject else None,
        period_id=subject.period_id if subject else None,
        old=old,
        new=new,
        reason=reason or current_reason(),
        batch=batch,
    )


def record(
    action: str,
    subject: Subject | None = None,
    *,
    old: object = None,
    new: object = None,
    reason: str = "",
    actor: Actor | None = None,
) -> AuditEntry:
    entry = _entry(action, actor or current_actor(), subject, old=old, new=new, reason=reason)
    entry.save()
    return entry


def _reason_of(instance: models.Model, values: Mapping[str, object]) -> str:
    name = REASON_FIELDS.get(instance._meta.label_lower)
    value = values.get(name) if name else None
    return value if isinstance(value, str) else ""


def record_save(
    instance: models.Model,
    before: Mapping[str, object] | None,
    update_fields: Iterable[str] | None = None,
    subject: Subject | None = None,
) -> AuditEntry | None:
    """The row for a saved record: all its fields when new, the changed ones otherwise (none: no row)."""
    label = instance._meta.label_lower
    after = values_of(instance)
    subject = subject or subject_of(instance)
    if before is None:
        return record(Action.CREATE, subject, new=masked(label, after), reason=_reason_of(instance, after))
    old, new = changed(before, after, update_fields)
    if not new:
        return None
    return record(
        Action.UPDATE, subject, old=masked(label, old), new=masked(label, new), reason=_reason_of(instance, new)
    )


def record_delete(subject: Subject, before: Mapping[str, object]) -> AuditEntry:
    return record(Action.DELETE, subject, old=masked(subject.model, before))


def record_created(instances: Sequence[models.Model]) -> None:
    """Rows for records inserted in bulk (`bulk_create` sends no signals)."""
    actor = current_actor()
    entries = []
    for instance in instances:
        values = values_of(instance)
        entries.append(
            _entry(
                Action.CREATE,
                actor,
                subject_of(instance),
                new=masked(instance._meta.label_lower, values),
                reason=_reason_of(instance, values),
            )
        )
    AuditEntry.objects.bulk_create(entries)


def record_values_import(period: EvaluationPeriod, changes: Sequence[Change], units: Sequence[Unit]) -> None:
    """One row per unit an import changed, holding every changed value: {indicator code: value}.

    Per unit rather than per value: a province's import changes hundreds of thousands of values, and
    a row per value would cost as much as the import itself; per unit, the trail stays searchable by
    unit and period, and every changed value with its old one is in it. The rows share a batch id.
    """
    if not changes:
        return
    by_code = {unit.code: unit for unit in units}
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        grouped.setdefault(change.unit_code, []).append(change)
    actor = current_actor()
    batch = uuid.uuid4().hex
    entries = []
    for unit_code, unit_changes in grouped.items():
        unit = by_code.get(unit_code)
        subject = Subject(
            model="indicators.indicatorvalue",
            object_id="",
            object_repr=unit.name[:255] if unit else unit_code,
            unit_id=unit.pk if unit else None,
            period_id=period.pk,
        )
        old = {change.indicator_code: jsonable(change.old) for change in unit_changes}
        new = {change.indicator_code: jsonable(change.new) for change in unit_changes}
        entries.append(_entry(Action.IMPORT, actor, subject, old=old, new=new, batch=batch))
    # COPY on PostgreSQL: `bulk_create` quotes thousands of JSON values into arrays, for seconds.
    insert_objects(entries)


def record_backup(folder: str, files: int, size: int) -> AuditEntry:
    """A backup made (who took every row and file, and where to): written after it, so not in it."""
    subject = Subject("", "", folder[:255], None, None)
    return record(Action.BACKUP, subject, new={"folder": folder, "files": files, "bytes": size})


def record_restore(folder: str, made_at: str, safety: str) -> AuditEntry:
    """A restore, written into the restored database: its trail then shows where it came back from."""
    subject = Subject("", "", folder[:255], None, None)
    new = {"folder": folder, "backup_made_at": made_at, "replaced_data_kept_in": safety}
    return record(Action.RESTORE, subject, new=new)
