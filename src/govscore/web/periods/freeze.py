"""A period's data can change only while it is open (or reopened by an amendment).

Every record that feeds a score belongs to a period. Rather than trusting each form, import and admin
action to remember the rule, saving or deleting such a record through the ORM checks it here (model
signals), and bulk writers call `ensure_editable` themselves because bulk operations send no signals.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext

from govscore.web.periods.models import EvaluationPeriod


class PeriodLocked(Exception):
    """Raised when data of a closed or published period would change; the message is for the user."""


def locked_message(period: EvaluationPeriod) -> str:
    if period.status == EvaluationPeriod.Status.PUBLISHED:
        return gettext(
            "Kết quả kỳ đánh giá “%(period)s” đã công bố, không sửa được số liệu; "
            "quản trị viên phải mở đính chính (có lý do) trước."
        ) % {"period": period}
    return gettext("Kỳ đánh giá “%(period)s” đã khoá, không sửa được số liệu.") % {"period": period}


def ensure_editable(period: EvaluationPeriod) -> None:
    if not period.is_open:
        raise PeriodLocked(locked_message(period))


def _period_of(instance: Model) -> EvaluationPeriod | None:
    period_id = getattr(instance, "period_id", None)
    if period_id is None and getattr(instance, "indicator_value_id", None) is not None:
        period_id = instance.indicator_value.period_id  # type: ignore[attr-defined]
    if period_id is None:
        return None
    # Read the status from the database: an instance in memory may carry a stale one.
    return EvaluationPeriod.objects.only("status", "title", "year").filter(pk=period_id).first()


def _guard(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures or a restore writes history as it was
        return
    period = _period_of(instance)
    if period is not None:
        ensure_editable(period)


def guard_models(*models: type[Model]) -> None:
    for model in models:
        pre_save.connect(_guard, sender=model, dispatch_uid=f"freeze-save-{model._meta.label}")
        pre_delete.connect(_guard, sender=model, dispatch_uid=f"freeze-delete-{model._meta.label}")
