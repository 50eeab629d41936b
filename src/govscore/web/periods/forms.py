"""Opening a period: the year, the framework version and the dates; the due day is the framework's."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govscore.web.forms import NOT_A_DATE, REQUIRED, NFCCharField
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.text import DESCRIPTION_MAX as TITLE_MAX

DATE_ERRORS = {"invalid": NOT_A_DATE, **REQUIRED}


class OpenPeriodForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        error_messages={
            **REQUIRED,
            "invalid": _("Phải nhập một năm."),
            "min_value": _("Năm từ 2000."),
            "max_value": _("Năm đến 2100."),
        },
    )
    framework = forms.ModelChoiceField(
        label=_("Bộ tiêu chí"),
        queryset=FrameworkVersion.objects.order_by("-created_at"),
        empty_label=None,
        error_messages={**REQUIRED, "invalid_choice": _("Bộ tiêu chí không hợp lệ.")},
    )
    title = NFCCharField(label=_("Tên kỳ"), required=False, max_length=TITLE_MAX)
    data_from = forms.DateField(label=_("Số liệu từ ngày (dd/mm/yyyy)"), error_messages=DATE_ERRORS)
    data_to = forms.DateField(label=_("Số liệu đến ngày (dd/mm/yyyy)"), error_messages=DATE_ERRORS)
    closes_on = forms.DateField(
        label=_("Ngày khoá sổ báo cáo tháng (dd/mm/yyyy)"),
        help_text=_("Sau ngày này, tháng chưa báo cáo tính là không báo cáo (không còn là trễ hạn)."),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].label_from_instance = lambda version: str(version)  # type: ignore[attr-defined]


def initial_for(year: int) -> dict[str, object]:
    """The whole year, closing at the end of January after it (after December's due day)."""
    return {
        "year": year,
        "data_from": datetime.date(year, 1, 1),
        "data_to": datetime.date(year, 12, 31),
        "closes_on": datetime.date(year + 1, 1, 31),
    }
