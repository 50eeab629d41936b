"""A data-entry form built from the framework's indicators (one set of fields per indicator)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govscore.imports.layout import entered_indicators
from govscore.scoring.facts import JsonValue, ValueProblem, from_json, number_from_text, read_value, to_plain
from govscore.scoring.model import Framework, Indicator, Ratio
from govscore.web.audit.versions import version_form_field
from govscore.web.forms import NOT_A_DATE, NFCCharField
from govscore.web.i18n import current_language
from govscore.web.text import DESCRIPTION_MAX
from govscore.web.uploads import UploadField

VERSION_SUFFIX = "__version"
RATIO_PARTS = ("numerator", "denominator", "percent")


def version_name(code: str) -> str:
    return f"{code}{VERSION_SUFFIX}"


YES_NO = [("", "—"), ("true", _("Có")), ("false", _("Không"))]


class NumberField(forms.CharField):
    """A number as typed (`1234,5` or `1234.5`); text that is no number gets the core's own words for it.

    Its bounds and wholeness are the indicator's, checked by the core with every other rule of the value.
    """

    def __init__(self, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        self.indicator = indicator
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:
        text = super().to_python(value)
        if not text.strip():
            return None
        number, problems = number_from_text(self.indicator, text)
        if number is None:
            raise ValidationError([problem.message(current_language()) for problem in problems])
        return number


WIDGETS = Jinja2()


class IndicatorValuesForm(forms.Form):
    """Every field carries the value it was loaded with (a hidden initial), so only the indicators the
    user changed are saved, and each indicator the version of its stored value (0: none was stored).

    Each indicator's fields give its value in the plain shape the core's `read_value` checks, the same
    check the XLSX import and the evaluation files get; its problems are shown at the field they are about.
    """

    # Its widgets are drawn by Jinja2's compiled templates (Django ships them for its own widgets): with a
    # large framework's two hundred fields, Django's template engine took most of the page's time.
    # One renderer for every form: each holds its engine, and so the templates it compiled.
    default_renderer = WIDGETS

    def __init__(
        self,
        *args: Any,
        framework: Framework,
        initial_values: dict[str, JsonValue],
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

    def _add_fields(self, indicator: Indicator, stored: JsonValue) -> None:
        code, title = indicator.code, indicator.title
        fact = from_json(indicator, stored)[0] if stored is not None else None
        if indicator.type == "ratio":
            parts = to_plain(fact) if isinstance(fact, Ratio) else {}
            assert isinstance(parts, dict)
            labels = {
                "numerator": gettext("%(title)s: tử số"),
                "denominator": gettext("%(title)s: mẫu số"),
                "percent": gettext("%(title)s: hoặc tỷ lệ %%"),
            }
            for part in RATIO_PARTS:
                self.fields[f"{code}__{part}"] = NumberField(indicator, label=labels[part] % {"title": title})
                self.initial[f"{code}__{part}"] = parts.get(part)
            return
        value: object = fact
        field: forms.Field
        if indicator.type in ("number", "count"):
            field = NumberField(indicator, label=title)
        elif indicator.type == "boolean":
            field = forms.ChoiceField(label=title, choices=YES_NO, required=False)
            value = "" if fact is None else ("true" if fact else "false")
        elif indicator.type == "category":
            choices = [("", "—"), *((c.code, c.title) for c in indicator.choices)]
            field = forms.ChoiceField(label=title, choices=choices, required=False)
        elif indicator.type == "items":
            choices = [(c.code, c.title) for c in indicator.choices]
            field = forms.MultipleChoiceField(
                label=title, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
            value = list(fact) if isinstance(fact, tuple) else []
        else:
            field = NFCCharField(label=title, required=False)
        self.fields[code] = field
        self.initial[code] = value

    def field_names(self, indicator: Indicator) -> tuple[str, ...]:
        if indicator.type == "ratio":
            return tuple(f"{indicator.code}__{part}" for part in RATIO_PARTS)
        return (indicator.code,)

    def field_of(self, indicator: Indicator, part: tuple[str | int, ...]) -> str:
        """The field a problem with a part of the value is shown at."""
        if indicator.type == "ratio":
            named = part[0] if part and part[0] in RATIO_PARTS else RATIO_PARTS[0]
            return f"{indicator.code}__{named}"
        return indicator.code

    def changed_codes(self) -> set[str]:
        """Indicators with a field the user changed from the value the form was loaded with."""
        changed = set(self.changed_data)
        return {i.code for i in self.indicators if changed.intersection(self.field_names(i))}

    def versions(self) -> dict[str, int | None]:
        """The version each value was loaded at; None when the form did not say (not checked)."""
        return {i.code: self.cleaned_data.get(version_name(i.code)) for i in self.indicators}

    def values(self) -> dict[str, object]:
        """Each indicator's value in the plain shape the core reads; None removes a value."""
        return {indicator.code: self._plain(indicator) for indicator in self.indicators}

    def _plain(self, indicator: Indicator) -> object:
        data, code = self.cleaned_data, indicator.code
        if indicator.type == "ratio":
            parts = {part: data.get(f"{code}__{part}") for part in RATIO_PARTS}
            return {part: value for part, value in parts.items() if value is not None} or None
        if indicator.type == "boolean":
            return None if data.get(code) in ("", None) else data[code] == "true"
        if indicator.type == "items":
            return list(data.get(code) or [])
        return None if data.get(code) in ("", None) else data[code]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for indicator in self.indicators:
            if any(name in self.errors for name in self.field_names(indicator)):
                continue
            value = self._plain(indicator)
            if value is not None:
                self.add_value_problems(indicator.code, read_value(indicator, value)[1])
        return data

    def add_value_problems(self, code: str, problems: list[ValueProblem]) -> None:
        """The core's problems with an indicator's value, each at the field it is about."""
        indicator = next(item for item in self.indicators if item.code == code)
        lang = current_language()
        for problem in problems:
            self.add_error(self.field_of(indicator, problem.part), problem.message(lang))


class EvidenceForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Chỉ tiêu"), error_messages={"invalid_choice": _("Chỉ tiêu không hợp lệ.")})
    file = UploadField(label=_("Tệp minh chứng"))
    description = NFCCharField(label=_("Mô tả"), required=False, max_length=DESCRIPTION_MAX)
    issued_on = forms.DateField(
        label=_("Ngày ban hành (dd/mm/yyyy)"), required=False, error_messages={"invalid": NOT_A_DATE}
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = choices  # type: ignore[attr-defined]
