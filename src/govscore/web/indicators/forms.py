"""A data-entry form built from the framework's indicators (one set of fields per indicator)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govscore.imports.layout import entered_indicators
from govscore.scoring.model import Framework, Indicator
from govscore.web.audit.versions import version_form_field
from govscore.web.forms import NOT_A_DATE, NOT_A_NUMBER, NOT_A_WHOLE_NUMBER, NOT_NEGATIVE, NFCCharField
from govscore.web.uploads import UploadField

VERSION_SUFFIX = "__version"


def version_name(code: str) -> str:
    return f"{code}{VERSION_SUFFIX}"


YES_NO = [("", "—"), ("true", _("Có")), ("false", _("Không"))]


def _number(label: str, integer: bool = False) -> forms.Field:
    messages = {"min_value": NOT_NEGATIVE, "invalid": NOT_A_WHOLE_NUMBER if integer else NOT_A_NUMBER}
    if integer:
        return forms.IntegerField(label=label, required=False, min_value=0, error_messages=messages)
    return forms.DecimalField(label=label, required=False, min_value=Decimal(0), error_messages=messages)


class IndicatorValuesForm(forms.Form):
    """Every field carries the value it was loaded with (a hidden initial), so only the indicators the
    user changed are saved, and each indicator the version of its stored value (0: none was stored)."""

    def __init__(
        self,
        *args: Any,
        framework: Framework,
        initial_values: dict[str, object],
        versions: Mapping[str, int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = entered_indicators(framework)
        for indicator in self.indicators:
            self._add_fields(indicator, initial_values.get(indicator.code))
            self.fields[version_name(indicator.code)] = version_form_field()
            self.initial[version_name(indicator.code)] = (versions or {}).get(indicator.code, 0)
        for name, field in self.fields.items():
            field.show_hidden_initial = not name.endswith(VERSION_SUFFIX)

    def _add_fields(self, indicator: Indicator, value: object) -> None:
        code, title = indicator.code, indicator.title
        if indicator.type == "ratio":
            stored = value if isinstance(value, dict) else {}
            self.fields[f"{code}__numerator"] = _number(gettext("%(title)s: tử số") % {"title": title})
            self.fields[f"{code}__denominator"] = _number(gettext("%(title)s: mẫu số") % {"title": title})
            self.fields[f"{code}__percent"] = _number(gettext("%(title)s: hoặc tỷ lệ %%") % {"title": title})
            for part in ("numerator", "denominator", "percent"):
                self.initial[f"{code}__{part}"] = stored.get(part)
            return
        if indicator.type in ("number", "count"):
            field = _number(title, integer=indicator.type == "count")
        elif indicator.type == "boolean":
            field = forms.ChoiceField(label=title, choices=YES_NO, required=False)
            value = "" if value is None else ("true" if value else "false")
        elif indicator.type == "category":
            choices = [("", "—"), *((c.code, c.title) for c in indicator.choices)]
            field = forms.ChoiceField(label=title, choices=choices, required=False)
        elif indicator.type == "items":
            choices = [(c.code, c.title) for c in indicator.choices]
            field = forms.MultipleChoiceField(
                label=title, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        else:
            field = NFCCharField(label=title, required=False)
        self.fields[code] = field
        self.initial[code] = value

    def field_names(self, indicator: Indicator) -> tuple[str, ...]:
        code = indicator.code
        if indicator.type == "ratio":
            return (f"{code}__numerator", f"{code}__denominator", f"{code}__percent")
        return (code,)

    def changed_codes(self) -> set[str]:
        """Indicators with a field the user changed from the value the form was loaded with."""
        changed = set(self.changed_data)
        return {i.code for i in self.indicators if changed.intersection(self.field_names(i))}

    def versions(self) -> dict[str, int | None]:
        """The version each value was loaded at; None when the form did not say (not checked)."""
        return {i.code: self.cleaned_data.get(version_name(i.code)) for i in self.indicators}

    def values(self) -> dict[str, object]:
        """Cleaned data in the stored (YAML/JSON) shape; None removes a value."""
        data = self.cleaned_data
        values: dict[str, object] = {}
        for indicator in self.indicators:
            code = indicator.code
            if indicator.type == "ratio":
                values[code] = _ratio(data, code)
            elif indicator.type == "boolean":
                values[code] = None if data.get(code) in ("", None) else data[code] == "true"
            elif indicator.type == "items":
                values[code] = list(data.get(code) or [])
            elif data.get(code) in ("", None):
                values[code] = None
            else:
                values[code] = data[code]
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for indicator in self.indicators:
            if indicator.type != "ratio":
                continue
            code = indicator.code
            numerator, denominator = data.get(f"{code}__numerator"), data.get(f"{code}__denominator")
            if (numerator is None) != (denominator is None):
                self.add_error(f"{code}__denominator", gettext("Phải nhập cả tử số và mẫu số."))
            elif numerator is not None and denominator is not None and numerator > denominator:
                self.add_error(f"{code}__numerator", gettext("Tử số không được lớn hơn mẫu số."))
            percent = data.get(f"{code}__percent")
            if percent is not None and percent > 100:
                self.add_error(f"{code}__percent", gettext("Tỷ lệ không được vượt quá 100%."))
        return data


def _ratio(data: dict[str, Any], code: str) -> dict[str, object] | None:
    numerator, denominator = data.get(f"{code}__numerator"), data.get(f"{code}__denominator")
    if numerator is not None and denominator is not None:
        return {"numerator": numerator, "denominator": denominator}
    percent = data.get(f"{code}__percent")
    return None if percent is None else {"percent": percent}


class EvidenceForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Chỉ tiêu"), error_messages={"invalid_choice": _("Chỉ tiêu không hợp lệ.")})
    file = UploadField(label=_("Tệp minh chứng"))
    description = NFCCharField(label=_("Mô tả"), required=False, max_length=255)
    issued_on = forms.DateField(
        label=_("Ngày ban hành (dd/mm/yyyy)"), required=False, error_messages={"invalid": NOT_A_DATE}
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = choices  # type: ignore[attr-defined]
