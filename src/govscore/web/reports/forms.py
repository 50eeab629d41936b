from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.versions import version_form_field
from govscore.web.forms import REQUIRED, NFCCharField, count_field
from govscore.web.text import REPORT_MAX
from govscore.web.uploads import UploadField


class MonthlyReportForm(forms.Form):
    content = NFCCharField(
        label=_("Nội dung báo cáo"),
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=REQUIRED,
    )
    documents_sent = count_field(_("Số văn bản đi trong tháng"))
    documents_sent_electronic = count_field(_("Trong đó gửi bằng điện tử"))
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
