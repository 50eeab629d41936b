"""Framework pages: the list of frameworks and their versions, one version's criteria, its files (YAML,
workbook), the administrator's upload, copy and replacement, and the differences between two versions.

Who may open what: staff readers (administrator, evaluator, leader) read frameworks; only the
administrator uploads, copies and replaces (403 for others); reporters are refused (403).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from govscore.frameworks import compare as comparing
from govscore.frameworks.files import is_workbook, stored_data
from govscore.frameworks.workbook_writer import framework_workbook
from govscore.imports.problems import ImportProblem
from govscore.scoring.model import Criterion
from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.frameworks import actions
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.i18n import current_language
from govscore.web.imports.views import xlsx_upload_problems
from govscore.web.uploads import XLSX, max_upload_bytes

YAML_MIME = "application/yaml; charset=utf-8"


class FrameworkFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp bộ tiêu chí (YAML hoặc XLSX)"),
        error_messages={
            "required": gettext_lazy("Phải chọn tệp."),
            "empty": gettext_lazy("Tệp đã chọn rỗng."),
            "invalid": gettext_lazy("Không đọc được tệp đã gửi."),
        },
    )


class CopyForm(forms.Form):
    version = forms.CharField(
        label=gettext_lazy("Phiên bản mới"),
        max_length=32,
        error_messages={"required": gettext_lazy("Phải ghi phiên bản mới.")},
    )


def _content(file: UploadedFile) -> tuple[bytes, list[str]]:
    """The file's bytes, or why it is not read (too large; a workbook too large unpacked)."""
    lang = current_language()
    if is_workbook(file.read(4)):
        problems = xlsx_upload_problems(file, ImportProblem)
        if problems:
            return b"", [problem.message(lang) for problem in problems]
    elif file.size is not None and file.size > max_upload_bytes():
        return b"", [ImportProblem("file.too_large", {"size": file.size, "limit": max_upload_bytes()}).message(lang)]
    file.seek(0)
    return file.read(), []


def _uploaded(request: HttpRequest) -> tuple[bytes, str, list[str]]:
    form = FrameworkFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return b"", "", [str(error) for errors in form.errors.values() for error in errors]
    file = form.cleaned_data["file"]
    content, problems = _content(file)
    return content, str(file.name or "framework"), problems


@login_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    access.require_staff_reader(request.user)
    versions = FrameworkVersion.objects.prefetch_related("periods").order_by("code", "created_at", "pk")
    frameworks: dict[str, list[FrameworkVersion]] = {}
    for version in versions:
        frameworks.setdefault(version.code, []).append(version)
    listed = [
        {
            "title": versions[-1].title,
            "rows": [{"version": v, "previous": versions[i - 1] if i else None} for i, v in enumerate(versions)],
        }
        for versions in frameworks.values()
    ]
    return render(request, "frameworks/list.html", {"frameworks": listed})


def _upload_page(request: HttpRequest, problems: Sequence[str] = (), status: int = 200) -> HttpResponse:
    return render(request, "frameworks/upload.html", {"form": FrameworkFileForm(), "problems": problems}, status=status)


@login_required
def framework_upload(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    if request.method != "POST":
        return _upload_page(request)
    content, name, problems = _uploaded(request)
    if problems:
        return _upload_page(request, problems, 400)
    try:
        version = actions.do_upload_framework(content, name, by=request.user)
    except Refused as refused:
        return _upload_page(request, refused.messages, 400)
    messages.success(request, gettext("Đã lưu bộ tiêu chí “%(framework)s”.") % {"framework": version})
    return redirect("framework_version", version.pk)


@login_required
@require_GET
def framework_version(request: HttpRequest, framework_id: int) -> HttpResponse:
    access.require_staff_reader(request.user)
    version = get_object_or_404(FrameworkVersion, pk=framework_id)
    return _version_page(request, version)


def _version_page(
    request: HttpRequest, version: FrameworkVersion, *, problems: Sequence[str] = (), status: int = 200
) -> HttpResponse:
    framework = version.parsed()
    others = FrameworkVersion.objects.filter(code=version.code).exclude(pk=version.pk).order_by("-created_at", "-pk")
    context: dict[str, Any] = {
        "version": version,
        "framework": framework,
        "rows": list(_rows(framework.criteria, 0)),
        "periods": version.periods.order_by("year"),
        "others": others,
        "copy_form": CopyForm(),
        "file_form": FrameworkFileForm(),
        "problems": problems,
        "bands": framework.grading.bands,
    }
    return render(request, "frameworks/version.html", context, status=status)


def _rows(criteria: tuple[Criterion, ...], depth: int) -> Iterator[dict[str, Any]]:
    for criterion in criteria:
        yield {
            "criterion": criterion,
            "depth": min(depth, 3),
            "rule": _rule_name(criterion.rule.type_name) if criterion.rule is not None else "",
        }
        yield from _rows(criterion.children, depth + 1)


def _rule_name(type_name: str) -> str:
    names = {
        "linear_rate": gettext("theo tỷ lệ"),
        "normalized_to_best": gettext("so với đơn vị cao nhất"),
        "survey": gettext("theo kết quả khảo sát"),
        "step_table": gettext("theo bảng mức"),
        "yes_no": gettext("có / không"),
        "categorical": gettext("theo mức"),
        "additive": gettext("cộng điểm thành phần"),
        "counted_items": gettext("đếm mục"),
        "composite": gettext("tổng các phần"),
        "best_of": gettext("lấy trường hợp cao nhất"),
        "periodic_reporting": gettext("báo cáo định kỳ"),
        "adjustments": gettext("cộng, trừ điểm có lý do"),
        "manual": gettext("hội đồng chấm"),
        "weighted_index": gettext("chỉ số tổng hợp có trọng số"),
    }
    return names.get(type_name, type_name)


@login_required
@require_GET
def framework_yaml(request: HttpRequest, framework_id: int) -> HttpResponse:
    access.require_staff_reader(request.user)
    version = get_object_or_404(FrameworkVersion, pk=framework_id)
    response = HttpResponse(version.yaml_text.encode("utf-8"), content_type=YAML_MIME)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(version)}.yaml"'
    return response


@login_required
@require_GET
def framework_xlsx(request: HttpRequest, framework_id: int) -> HttpResponse:
    access.require_staff_reader(request.user)
    version = get_object_or_404(FrameworkVersion, pk=framework_id)
    content = framework_workbook(stored_data(version.yaml_text, f"{version.code}.yaml"))
    response = HttpResponse(content, content_type=XLSX.mime)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(version)}.xlsx"'
    return response


def _file_name(version: FrameworkVersion) -> str:
    name = f"bo-tieu-chi-{version.code}-{version.version}"
    return "".join(char if char.isascii() and (char.isalnum() or char in "-_.") else "-" for char in name)


@login_required
@require_POST
def framework_copy(request: HttpRequest, framework_id: int) -> HttpResponse:
    access.require_administrator(request.user)
    version = get_object_or_404(FrameworkVersion, pk=framework_id)
    form = CopyForm(request.POST)
    if not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return _version_page(request, version, problems=problems, status=400)
    try:
        copy = actions.do_copy_framework(version, form.cleaned_data["version"], by=request.user)
    except Refused as refused:
        return _version_page(request, version, problems=refused.messages, status=400)
    messages.success(request, gettext("Đã tạo phiên bản mới “%(framework)s”.") % {"framework": copy})
    return redirect("framework_version", copy.pk)


@login_required
@require_POST
def framework_replace(request: HttpRequest, framework_id: int) -> HttpResponse:
    access.require_administrator(request.user)
    version = get_object_or_404(FrameworkVersion, pk=framework_id)
    content, name, problems = _uploaded(request)
    if problems:
        return _version_page(request, version, problems=problems, status=400)
    try:
        actions.do_replace_framework(version, content, name, by=request.user)
    except Refused as refused:
        return _version_page(request, version, problems=refused.messages, status=400)
    messages.success(request, gettext("Đã thay nội dung của “%(framework)s”.") % {"framework": version})
    return redirect("framework_version", version.pk)


def _field_label(name: str) -> str:
    labels = {
        "title": gettext("Tên"),
        "max": gettext("Điểm tối đa"),
        "min": gettext("Điểm tối thiểu"),
        "rule_type": gettext("Quy tắc"),
        "rule_indicator": gettext("Chỉ số"),
        "parameters": gettext("Tham số"),
        "applies_to": gettext("Áp dụng cho khối"),
        "substitute": gettext("Thay thế"),
        "narrative": gettext("Câu nhận xét"),
        "max_points": gettext("Tổng điểm tối đa"),
        "decision": gettext("Quyết định"),
        "rounding": gettext("Làm tròn"),
        "ranking": gettext("Xếp hạng"),
        "display": gettext("Hiển thị"),
        "groups": gettext("Khối"),
        "grading_basis": gettext("Xếp loại theo"),
        "quota": gettext("Hạn mức xếp loại"),
    }
    if name.startswith("cap "):
        return gettext("Giới hạn xếp loại") + " " + name[4:]
    return labels.get(name, name)


def _shown(changes: tuple[comparing.Change, ...]) -> list[dict[str, str]]:
    return [{"field": _field_label(c.field), "old": c.old, "new": c.new} for c in changes]


@login_required
@require_GET
def framework_compare(request: HttpRequest) -> HttpResponse:
    access.require_staff_reader(request.user)
    versions = FrameworkVersion.objects.order_by("code", "created_at", "pk")
    old = _chosen(versions, request.GET.get("old"))
    new = _chosen(versions, request.GET.get("new"))
    context: dict[str, Any] = {"versions": versions, "old": old, "new": new}
    if old is not None and new is not None:
        found = comparing.compare(stored_data(old.yaml_text, "old.yaml"), stored_data(new.yaml_text, "new.yaml"))
        status_labels = {
            comparing.ADDED: gettext("thêm mới"),
            comparing.REMOVED: gettext("bỏ"),
            comparing.CHANGED: gettext("thay đổi"),
        }
        context.update(
            {
                "same": found.none,
                "framework_changes": _shown(found.framework),
                "criteria": [
                    {"difference": d, "status": status_labels[d.status], "changes": _shown(d.changes)}
                    for d in found.criteria
                ],
                "bands": _shown(found.bands),
                "indicators": found.indicators,
            }
        )
    return render(request, "frameworks/compare.html", context)


def _chosen(versions: Any, value: str | None) -> FrameworkVersion | None:
    if not value or not value.isdigit() or len(value) > 12:
        return None
    return versions.filter(pk=int(value)).first()  # type: ignore[no-any-return]
