"""No lost updates: every record people edit carries a version, and a save names the version it read.

A form sends back the version it was loaded with. The save first takes the next version in one
statement, `UPDATE … SET version = version + 1 WHERE pk = … AND version = <loaded>`, and goes on only
when that touched the row: of two saves that read the same version exactly one can, whatever the
timing, because the database runs the two updates one after the other (PostgreSQL's row lock,
SQLite's single writer) and the second then no longer finds the version it read. The rest of the
save then runs as usual in the same transaction (model signals, freeze, audit).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.models import AuditEntry
from govscore.web.forms import count_field

M = TypeVar("M", bound=models.Model)


def version_field() -> models.PositiveIntegerField[int, int]:
    """The model field. The database default lets bulk inserts that do not name the column start at 1."""
    return models.PositiveIntegerField(_("phiên bản"), default=1, db_default=1, editable=False)


def author_field(verbose_name: str) -> models.ForeignKey[Any, Any]:
    """Who entered a record; kept as empty when the user is deleted (the audit trail still names them)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


def version_form_field() -> forms.IntegerField:
    """The hidden form field holding the version the form was loaded with (0: there was no record)."""
    return count_field(widget=forms.HiddenInput)


@dataclass(frozen=True)
class Conflict:
    """One record changed by someone else since the form was loaded.

    `current` is the record as stored now, None when it has since been deleted; `key` tells the
    form which of its records it is (an indicator code, a criterion code; "" for one-record forms);
    `lookup` finds the record's rows in the audit trail when it no longer exists.
    """

    key: str
    model: type[models.Model]
    current: models.Model | None
    lookup: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> int:
        return int(getattr(self.current, "version", 0)) if self.current is not None else 0


class VersionConflict(Exception):
    """args[0]: the conflicts; nothing of the save was written."""

    @property
    def conflicts(self) -> list[Conflict]:
        return list(self.args[0])


def claim(rows: QuerySet[M], expected: int | None) -> int | None:
    """Take the next version of the one record `rows` selects, inside the caller's transaction.

    With `expected`, only if the record is still at that version. Returns the new version, or None
    when no record was touched (there is none, or it is at another version). The row stays locked
    (PostgreSQL) or the database reserved (SQLite) until the transaction ends.
    """
    target = rows if expected is None else rows.filter(version=expected)
    if target.update(version=F("version") + 1) != 1:
        return None
    return int(rows.values_list("version", flat=True).get())


@dataclass(frozen=True)
class LastChange:
    who: str
    at: datetime.datetime | None
    deleted: bool = False


def last_change(conflict: Conflict) -> LastChange:
    """Who made the change the form did not see, and when: from the audit trail, else the record's stamps."""
    label = conflict.model._meta.label_lower
    entries = AuditEntry.objects.filter(model=label).exclude(action=AuditEntry.Action.DOWNLOAD)
    if conflict.current is not None:
        entry = entries.filter(object_id=str(conflict.current.pk)).order_by("-at", "-pk").first()
        stamped = _stamp(conflict.current)
        if stamped is not None and (entry is None or (stamped.at is not None and stamped.at > entry.at)):
            # An import writes values without model signals: its stamp on the row is the newer news.
            return stamped
        if entry is not None:
            return LastChange(entry.actor, entry.at)
        return stamped or LastChange("", None)
    deleted = entries.filter(action=AuditEntry.Action.DELETE, **conflict.lookup).order_by("-at", "-pk").first()
    return LastChange(deleted.actor if deleted else "", deleted.at if deleted else None, deleted=True)


def _stamp(record: models.Model) -> LastChange | None:
    """The record's own "entered by, at" columns (a report only knows when, not who changed it last)."""
    if hasattr(record, "entered_by_id") and hasattr(record, "entered_at"):
        user = record.entered_by  # type: ignore[attr-defined]
        return LastChange(user.get_username() if user is not None else "", record.entered_at)  # type: ignore[attr-defined]
    if hasattr(record, "updated_at"):
        return LastChange("", record.updated_at)  # type: ignore[attr-defined]
    return None


@dataclass(frozen=True)
class Notice:
    """A conflict as the form shows it: what, who changed it and when, and its current value."""

    label: str
    who: str
    at: datetime.datetime | None
    current: str
    deleted: bool


def notices(
    conflicts: Iterable[Conflict], label: Callable[[Conflict], str], value: Callable[[Any], str]
) -> list[Notice]:
    shown = []
    for conflict in conflicts:
        change = last_change(conflict)
        current = value(conflict.current) if conflict.current is not None else ""
        shown.append(Notice(label(conflict), change.who, change.at, current, conflict.current is None))
    return shown


def rebound(current: forms.Form, posted: QueryDict, keep: Iterable[str]) -> QueryDict:
    """Form data for showing a refused form again: the fields named in `keep` (those the user changed)
    as the user sent them, every other field, hidden initial value and version as stored now.

    Submitted again, it then changes only what the user changed, over the values now stored.
    """
    kept = set(keep)
    data = QueryDict(mutable=True)
    for bound in current:
        if bound.name in kept:
            data.setlist(bound.html_name, posted.getlist(bound.html_name))
        else:
            data.setlist(bound.html_name, _as_data(bound.value()))
        if bound.field.show_hidden_initial:
            data.setlist(bound.html_initial_name, _as_data(bound.value()))
    return data


def _as_data(value: object) -> list[str]:
    if value is None:
        return [""]
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]
