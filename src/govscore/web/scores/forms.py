from __future__ import annotations

from django import forms

from govscore.scoring.model import Framework
from govscore.web.forms import REQUIRED, NFCCharField


def leaf_choices(framework: Framework) -> list[tuple[str, str]]:
    return [(c.code, f"{c.code}. {c.title}") for c in framework.walk() if c.is_leaf]


class ManualScoreForm(forms.Form):
    criterion_code = forms.ChoiceField(label="Tiêu chí", error_messages={"invalid_choice": "Tiêu chí không hợp lệ."})
    points = forms.DecimalField(
        label="Điểm",
        max_digits=9,
        decimal_places=3,
        error_messages={"required": "Phải nhập điểm.", "invalid": "Điểm phải là một số."},
    )
    reason = NFCCharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)

    def __init__(self, *args: object, framework: Framework, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["criterion_code"].choices = leaf_choices(framework)  # type: ignore[attr-defined]
