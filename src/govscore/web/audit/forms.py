"""The administrator's search of the audit trail; the same filters select the CSV export."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.apps import apps
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.models import AuditEntry
from govscore.web.audit.record import AUDITED_MODELS, DELETIONS_AUDITED, model_label
from govscore.web.forms import NOT_A_DATE, NFCCharField
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod


def model_choices() -> list[tuple[str, str]]:
    labels = [apps.get_model(label)._meta.label_lower for label in (*AUDITED_MODELS, *DELETIONS_AUDITED)]
    return [("", _("Tất cả")), *((label, model_label(label)) for label in labels)]


class AuditSearchForm(forms.Form):
    user = NFCCharField(label=_("Người thực hiện"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Thao tác"), required=False)
    model = forms.ChoiceField(label=_("Loại dữ liệu"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    period = forms.ModelChoiceField(label=_("Kỳ đánh giá"), queryset=EvaluationPeriod.objects.none(), required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False, error_messages={"invalid": NOT_A_DATE})
    date_to = forms.DateField(label=_("Đến ngày"), required=False, error_messages={"invalid": NOT_A_DATE})
    text = NFCCharField(label=_("Có chứa"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invalid = {"invalid_choice": _("Lựa chọn không hợp lệ.")}
        self.fields["action"].choices = [("", _("Tất cả")), *AuditEntry.Action.choices]  # type: ignore[attr-defined]
        self.fields["model"].choices = model_choices()  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["period"].queryset = EvaluationPeriod.objects.order_by("-year", "pk")  # type: ignore[attr-defined]
        for name in ("action", "model", "unit", "period"):
            self.fields[name].error_messages.update(invalid)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def entries(self) -> QuerySet[AuditEntry]:
        """The matching rows, newest first; call after is_valid()."""
        data = self.cleaned_data
        rows = AuditEntry.objects.all()
        if data.get("user"):
            rows = rows.filter(actor__iexact=data["user"])
        if data.get("action"):
            rows = rows.filter(action=data["action"])
        if data.get("model"):
            rows = rows.filter(model=data["model"])
        if data.get("unit") is not None:
            rows = rows.filter(unit_id=data["unit"].pk)
        if data.get("period") is not None:
            rows = rows.filter(period_id=data["period"].pk)
        if data.get("date_from"):
            rows = rows.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            rows = rows.filter(at__date__lte=data["date_to"])
        if data.get("text"):
            text = data["text"]
            rows = rows.annotate(old_text=Cast("old", TextField()), new_text=Cast("new", TextField())).filter(
                Q(actor__icontains=text)
                | Q(object_repr__icontains=text)
                | Q(object_id=text)
                | Q(reason__icontains=text)
                | Q(path__icontains=text)
                | Q(old_text__icontains=text)
                | Q(new_text__icontains=text)
            )
        return rows.order_by("-at", "-pk")

    def filters(self) -> dict[str, object]:
        """The filters used, for the export's own audit row."""
        return {
            name: (value.pk if hasattr(value, "pk") else value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }
