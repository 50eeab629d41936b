from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govscore.documents.letter import PLACEHOLDERS, unknown_placeholders
from govscore.web.audit.versions import version_form_field
from govscore.web.forms import NOT_A_DATE, NFCCharField
from govscore.web.publications.models import DocumentDraft
from govscore.web.text import REASON_MAX

KNOWN = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
PLACEHOLDER_HELP = _(
    "Mỗi đoạn một dòng; để trống thì dùng lời văn thường dùng. Chỗ điền: {nam} năm, "
    "{co_quan} cơ quan ban hành, {so_don_vi} số đơn vị, {xep_loai} số đơn vị theo từng loại, "
    "{so_cong_van}, {ngay_cong_van}, {ten_ky}."
)
TEXT_FIELDS = (
    "place",
    "letter_number",
    "issuer",
    "title",
    "signer_title",
    "signer_name",
    "parent_agency",
    "letter_subject",
    "recipients",
    "letter_body",
    "copies_to",
)
LETTER_FIELDS = ("parent_agency", "letter_subject", "recipients", "letter_body", "copies_to")


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
            *LETTER_FIELDS,
        ]
        field_classes = dict.fromkeys(TEXT_FIELDS, NFCCharField)
        error_messages = {
            "issued_on": {"invalid": NOT_A_DATE},
            "letter_date": {"invalid": NOT_A_DATE},
        }
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "letter_subject": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
            "letter_body": forms.Textarea(attrs={"rows": 8}),
            "copies_to": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _("Xuống dòng ở đâu, văn bản ngắt dòng tiêu đề ở đó."),
            "issued_on": _("dd/mm/yyyy; in trong dòng địa danh, ngày tháng."),
            "letter_number": _("Ví dụ: 1186/STTT"),
            "signer_title": _("Ví dụ: KT. GIÁM ĐỐC, xuống dòng, PHÓ GIÁM ĐỐC."),
            "parent_agency": _("Ví dụ: UBND tỉnh Đồng Nai; in phía trên tên cơ quan ban hành."),
            "recipients": _("Mỗi nơi một dòng; một nơi thì in ngay sau “Kính gửi:”."),
            "copies_to": _("Mỗi nơi một dòng, ví dụ “- Như trên;” và “- Lưu: VT.”."),
            "letter_body": PLACEHOLDER_HELP,
        }

    def clean_letter_body(self) -> str:
        body: str = self.cleaned_data["letter_body"]
        unknown = unknown_placeholders(body)
        if unknown == ["{"]:
            raise forms.ValidationError(_("Dấu ngoặc { } không khớp: mỗi chỗ điền viết trong một cặp ngoặc."))
        if unknown:
            names = ", ".join("{" + name + "}" for name in unknown)
            message = _("Không có chỗ điền %(names)s. Các chỗ điền dùng được: %(known)s.")
            raise forms.ValidationError(message % {"names": names, "known": KNOWN})
        return body


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
