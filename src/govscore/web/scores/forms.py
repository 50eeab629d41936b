from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from govscore.scoring.model import Framework
from govscore.web.audit.versions import version_form_field
from govscore.web.forms import NFCCharField
from govscore.web.text import REASON_MAX


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
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Phải ghi lý do khi chấm tay.")},
    )

    def __init__(
        self, *args: object, framework: Framework, versions: Mapping[str, int] | None = None, **kwargs: object
    ) -> None:
        """`versions`: the version of each stored score as the page shows it; the form sends them back,
        so a save over a score someone changed (or added) since is refused instead of overwriting it."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = leaf_choices(framework)
        self.fields["criterion_code"].choices = choices  # type: ignore[attr-defined]
        for code, _title in choices:
            self.fields[version_name(code)] = version_form_field()
            self.initial[version_name(code)] = (versions or {}).get(code, 0)

    def expected_version(self) -> int | None:
        """The version of the chosen criterion's score when the page was loaded (0: none; None: not sent)."""
        value = self.cleaned_data.get(version_name(self.cleaned_data["criterion_code"]))
        return value if isinstance(value, int) else None


def version_name(criterion_code: str) -> str:
    return f"version__{criterion_code}"
