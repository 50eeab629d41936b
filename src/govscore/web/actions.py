"""What every write of the application shares (each app's `actions.py` builds on it).

A `do_*` action runs inside `writing(period, by)`: its own transaction; the period's row locked and its
freeze checked there (the one place the freeze rule lives: a closed or published period's data never
change); the acting user named for the audit rows the save writes in that same transaction. An action
checks its own input and raises `Refused` with messages for the user, so a view never has to check first.

`versioned_save` and `versioned_delete` are the no-lost-update rule of `audit.versions` applied to one
record: a save names the version of the record its caller read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from govscore.web.audit.context import acting
from govscore.web.audit.versions import Conflict, VersionConflict, claim
from govscore.web.periods.models import EvaluationPeriod

M = TypeVar("M", bound=models.Model)
User = AbstractBaseUser | AnonymousUser


class Refused(Exception):
    """A write that was not done, and why, in the user's language (`messages`); nothing was written."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


class PeriodLocked(Refused):
    """The period's data are frozen (closed or published); the message says why and what to do."""


def locked_message(period: EvaluationPeriod) -> str:
    if period.status == EvaluationPeriod.Status.PUBLISHED:
        return gettext(
            "Kết quả kỳ đánh giá “%(period)s” đã công bố, không sửa được số liệu; "
            "quản trị viên phải mở đính chính (có lý do) trước."
        ) % {"period": period}
    return gettext("Kỳ đánh giá “%(period)s” đã khoá, không sửa được số liệu.") % {"period": period}


@contextmanager
def writing(period: EvaluationPeriod | None = None, by: User | None = None, *, reason: str = "") -> Iterator[None]:
    """One transaction for a write: the period locked and open, the audit trail naming `by`."""
    with transaction.atomic(), acting(by, reason):
        if period is not None:
            ensure_open(period)
        yield


def ensure_open(period: EvaluationPeriod) -> EvaluationPeriod:
    """Lock the period's row for the rest of the transaction and refuse when its data are frozen.

    Read from the database under the lock: the instance in memory may carry a stale status, and a period
    closed by another request after this one read it must refuse this write.
    """
    current = EvaluationPeriod.objects.select_for_update().get(pk=period.pk)
    period.status = current.status
    return check_open(current)


def check_open(period: EvaluationPeriod) -> EvaluationPeriod:
    """Refuse early, before long work (reading a workbook), when the period as read is frozen; the write
    itself checks again under the lock (`writing`)."""
    if not period.is_open:
        raise PeriodLocked(locked_message(period))
    return period


def versioned_save(
    rows: QuerySet[M],
    expected: int | None,
    *,
    key: str,
    lookup: dict[str, object],
    new: Callable[[], M],
    change: Callable[[M], None],
) -> M:
    """Change the one record `rows` selects, or create it with `new` when there is none.

    `expected` is the version the caller read (0: there was none; None: not checked). VersionConflict
    when the record has moved on since, or was created meanwhile by someone else; its `key` and `lookup`
    name the record to the form and in the audit trail (`audit.versions.Conflict`).
    """
    if claim(rows, expected) is not None:
        record = rows.get()
    elif rows.exists() or (expected or 0) > 0:
        raise VersionConflict([Conflict(key, rows.model, rows.first(), lookup)])
    else:
        record = new()
    change(record)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        if not rows.exists():
            raise
        # Another first record was stored between the check and this insert.
        raise VersionConflict([Conflict(key, rows.model, rows.first(), lookup)]) from None
    return record


def versioned_delete(rows: QuerySet[M], expected: int | None, *, key: str, lookup: dict[str, object]) -> None:
    """Delete the one record `rows` selects if it is still at the version the caller read."""
    if claim(rows, expected) is None:
        raise VersionConflict([Conflict(key, rows.model, rows.first(), lookup)])
    rows.get().delete()
