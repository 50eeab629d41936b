from __future__ import annotations

from typing import Any

from django import forms

from govscore.web.forms import NOT_NEGATIVE, REQUIRED, NFCCharField


class MonthlyReportForm(forms.Form):
    content = NFCCharField(label="Nội dung báo cáo", widget=forms.Textarea(attrs={"rows": 6}), error_messages=REQUIRED)
    documents_sent = forms.IntegerField(
        label="Số văn bản đi trong tháng", required=False, min_value=0, error_messages={"min_value": NOT_NEGATIVE}
    )
    documents_sent_electronic = forms.IntegerField(
        label="Trong đó gửi bằng điện tử", required=False, min_value=0, error_messages={"min_value": NOT_NEGATIVE}
    )
    attachment = forms.FileField(label="Tệp đính kèm", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sent, electronic = data.get("documents_sent"), data.get("documents_sent_electronic")
        if sent is not None and electronic is not None and electronic > sent:
            self.add_error("documents_sent_electronic", "Số văn bản gửi điện tử không được lớn hơn tổng số văn bản đi.")
        return data
