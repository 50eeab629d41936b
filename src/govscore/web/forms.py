"""Shared form helpers: every text input is normalised to Unicode NFC at the boundary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govscore.scoring.vietnamese import nfc
from govscore.web.limits import INTEGER_MAX
from govscore.web.text import nfc_text


class NFCCharField(forms.CharField):
    """One-line text: NFC with whitespace runs collapsed; multi-line (Textarea): NFC only.

    `max_length` (see govscore.web.text for the limits) is counted after NFC, and also set on the input
    so that a browser stops the typing there."""

    default_error_messages = {
        "max_length": _("Dài quá: tối đa %(limit_value)s ký tự, đã nhập %(show_value)s ký tự."),
    }

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return nfc_text(text) if isinstance(self.widget, forms.Textarea) else nfc(text)


REQUIRED = {"required": _("Trường này là bắt buộc.")}
NOT_NEGATIVE = _("Giá trị không được âm.")
NOT_A_NUMBER = _("Phải nhập một số.")
NOT_A_WHOLE_NUMBER = _("Phải nhập một số nguyên.")
NOT_A_DATE = _("Ngày không hợp lệ (dd/mm/yyyy).")
TOO_LARGE = _("Giá trị không được lớn hơn %(limit_value)s.")


def count_field(label: object = None, *, required: bool = False, **kwargs: Any) -> forms.IntegerField:
    """A whole number of 0 or more, no larger than a positive integer column keeps (`limits`)."""
    errors = {"required": REQUIRED["required"], "min_value": NOT_NEGATIVE, "max_value": TOO_LARGE}
    errors["invalid"] = NOT_A_WHOLE_NUMBER
    return forms.IntegerField(
        label=label, required=required, min_value=0, max_value=INTEGER_MAX, error_messages=errors, **kwargs
    )
