from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.versions import version_form_field
from govscore.web.forms import NOT_A_DATE, NFCCharField
from govscore.web.publications.models import DocumentDraft
from govscore.web.text import REASON_MAX

TEXT_FIELDS = ("place", "letter_number", "issuer", "title", "signer_title", "signer_name")


class DocumentDraftForm(forms.ModelForm):  # type: ignore[type-arg]
    # The version of the draft the form was loaded with.
    version = version_form_field()

    class Meta:
        model = DocumentDraft
        fields = [
            "place",
            "issued_on",
            "letter_number",
            "letter_date",
            "issuer",
            "title",
            "signer_title",
            "signer_name",
            "layout",
        ]
        field_classes = dict.fromkeys(TEXT_FIELDS, NFCCharField)
        error_messages = {
            "issued_on": {"invalid": NOT_A_DATE},
            "letter_date": {"invalid": NOT_A_DATE},
        }
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "title": _("Xuống dòng ở đâu, văn bản ngắt dòng tiêu đề ở đó."),
            "issued_on": _("dd/mm/yyyy; in trong dòng địa danh, ngày tháng."),
            "letter_number": _("Ví dụ: 1186/STTT"),
        }


class AmendmentForm(forms.Form):
    reason = NFCCharField(
        label=_("Lý do đính chính"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Phải ghi lý do đính chính.")},
    )


class PublishConfirmForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("Tôi đã xem bản dự thảo: kết quả, số và ngày công văn, người ký đều đúng."),
        error_messages={"required": _("Hãy xem bản dự thảo và xác nhận trước khi công bố.")},
    )
