"""The reorganisation forms: each carries its decision (number, date, effective day)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from govscore.web.orgs.actions import Decision, NewUnit
from govscore.web.orgs.models import Unit, UnitGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def units_in_force() -> QuerySet[Unit]:
    """Units not yet ended: only those can be reorganised."""
    return Unit.objects.filter(effective_to__isnull=True).order_by("name")


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=64)
    decision_date = forms.DateField(label=gettext_lazy("Ngày quyết định"), widget=DATE)
    effective = forms.DateField(label=gettext_lazy("Có hiệu lực từ ngày"), widget=DATE)

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(data["decision_number"], data["decision_date"], data["effective"])


class RenameForm(DecisionForm):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=Unit.objects.none())
    name = forms.CharField(label=gettext_lazy("Tên mới"), max_length=255)
    short_name = forms.CharField(label=gettext_lazy("Tên ngắn mới"), max_length=64, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_force()  # type: ignore[attr-defined]


class DissolveForm(DecisionForm):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị giải thể"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_force()  # type: ignore[attr-defined]


class MergeForm(DecisionForm):
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Các đơn vị hợp nhất"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    into = forms.ModelChoiceField(
        label=gettext_lazy("Sáp nhập vào đơn vị có sẵn (để trống nếu lập đơn vị mới)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    code = forms.CharField(label=gettext_lazy("Mã đơn vị mới"), max_length=64, required=False)
    name = forms.CharField(label=gettext_lazy("Tên đơn vị mới"), max_length=255, required=False)
    short_name = forms.CharField(label=gettext_lazy("Tên ngắn"), max_length=64, required=False)
    group = forms.ModelChoiceField(
        label=gettext_lazy("Khối của đơn vị mới"), queryset=UnitGroup.objects.all(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units_in_force()  # type: ignore[attr-defined]
        self.fields["into"].queryset = units_in_force()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("into") is None and not (data.get("code") and data.get("name") and data.get("group")):
            raise forms.ValidationError(gettext("Chọn đơn vị nhận, hoặc ghi mã, tên và khối của đơn vị mới."))
        return data

    def target(self) -> Unit | NewUnit:
        data = self.cleaned_data
        if data["into"] is not None:
            return data["into"]  # type: ignore[no-any-return]
        return NewUnit(data["code"], data["name"], data["group"], data["short_name"])


class SplitForm(DecisionForm):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị chia tách"), queryset=Unit.objects.none())
    group = forms.ModelChoiceField(label=gettext_lazy("Khối của các đơn vị mới"), queryset=UnitGroup.objects.all())
    new_units = forms.CharField(
        label=gettext_lazy("Các đơn vị mới, mỗi dòng một đơn vị: mã; tên"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_force()  # type: ignore[attr-defined]

    def clean_new_units(self) -> list[tuple[str, str]]:
        pairs = []
        for line in str(self.cleaned_data["new_units"]).splitlines():
            if not line.strip():
                continue
            code, separator, name = line.partition(";")
            if not separator or not code.strip() or not name.strip():
                raise forms.ValidationError(gettext("Mỗi dòng ghi “mã; tên”, ví dụ: SNN; Sở Nông nghiệp."))
            pairs.append((code.strip(), name.strip()))
        return pairs

    def successors(self) -> list[NewUnit]:
        group = self.cleaned_data["group"]
        return [NewUnit(code, name, group) for code, name in self.cleaned_data["new_units"]]


FORMS: dict[str, type[DecisionForm]] = {
    "merge": MergeForm,
    "split": SplitForm,
    "rename": RenameForm,
    "dissolve": DissolveForm,
}
