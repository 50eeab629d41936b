from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext

from govscore.web.frameworks.models import FrameworkVersion


class FrameworkVersionForm(forms.ModelForm):  # type: ignore[type-arg]
    """The text is checked by the core before it is saved: every problem shows on the form, none as a 500."""

    class Meta:
        model = FrameworkVersion
        fields = ["yaml_text"]

    def clean_yaml_text(self) -> str:
        from govscore.web.frameworks.actions import FrameworkRejected, check_framework_text

        text = str(self.cleaned_data["yaml_text"])
        try:
            framework = check_framework_text(text)
        except FrameworkRejected as error:
            raise forms.ValidationError(error.args[0]) from None
        if self.instance.pk and (framework.code, framework.version) != (self.instance.code, self.instance.version):
            raise forms.ValidationError(gettext("Mã và phiên bản phải giữ nguyên; hãy tạo phiên bản mới."))
        return text


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = FrameworkVersionForm
    list_display = ["code", "version", "title", "decision_number", "created_at"]
    readonly_fields = ["code", "version", "title", "decision_number", "created_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A version used by a period is frozen: its text becomes read-only too.
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.in_use:
            fields.append("yaml_text")
        return fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New versions go through frameworks.actions (validated by the core), e.g. `govscore demo`.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.in_use

    def save_model(self, request: HttpRequest, obj: FrameworkVersion, form: Any, change: bool) -> None:
        from govscore.web.frameworks.actions import do_update_framework_text

        do_update_framework_text(FrameworkVersion.objects.get(pk=obj.pk), obj.yaml_text)
