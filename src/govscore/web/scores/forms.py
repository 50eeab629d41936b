from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govscore.scoring.model import Framework
from govscore.web.forms import NFCCharField


def leaf_choices(framework: Framework) -> list[tuple[str, str]]:
    return [(c.code, f"{c.code}. {c.title}") for c in framework.walk() if c.is_leaf]


class ManualScoreForm(forms.Form):
    criterion_code = forms.ChoiceField(
        label=_("Tiêu chí"), error_messages={"invalid_choice": _("Tiêu chí không hợp lệ.")}
    )
    points = forms.DecimalField(
        label=_("Điểm"),
        max_digits=9,
        decimal_places=3,
        error_messages={
            "required": _("Phải nhập điểm."),
            "invalid": _("Điểm phải là một số."),
            "max_digits": _("Điểm có quá nhiều chữ số."),
            "max_decimal_places": _("Điểm có nhiều nhất 3 chữ số thập phân."),
        },
    )
    reason = NFCCharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Phải ghi lý do khi chấm tay.")},
    )

    def __init__(self, *args: object, framework: Framework, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["criterion_code"].choices = leaf_choices(framework)  # type: ignore[attr-defined]
