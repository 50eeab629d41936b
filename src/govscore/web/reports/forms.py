from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.versions import version_form_field
from govscore.web.forms import NOT_A_WHOLE_NUMBER, NOT_NEGATIVE, REQUIRED, NFCCharField
from govscore.web.text import REPORT_MAX
from govscore.web.uploads import UploadField

COUNT_ERRORS = {"min_value": NOT_NEGATIVE, "invalid": NOT_A_WHOLE_NUMBER}


class MonthlyReportForm(forms.Form):
    content = NFCCharField(
        label=_("Nội dung báo cáo"),
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=REQUIRED,
    )
    documents_sent = forms.IntegerField(
        label=_("Số văn bản đi trong tháng"), required=False, min_value=0, error_messages=COUNT_ERRORS
    )
    documents_sent_electronic = forms.IntegerField(
        label=_("Trong đó gửi bằng điện tử"), required=False, min_value=0, error_messages=COUNT_ERRORS
    )
    attachment = UploadField(label=_("Tệp đính kèm"), required=False)
    # The version of the report the form was loaded with (0: none had been sent).
    version = version_form_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sent, electronic = data.get("documents_sent"), data.get("documents_sent_electronic")
        if sent is not None and electronic is not None and electronic > sent:
            self.add_error(
                "documents_sent_electronic", gettext("Số văn bản gửi điện tử không được lớn hơn tổng số văn bản đi.")
            )
        return data
