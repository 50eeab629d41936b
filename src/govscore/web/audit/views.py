"""The administrator's audit pages: search the trail, and export what the search found as CSV."""

from __future__ import annotations

import contextlib
import csv
import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import DateField, DateTimeField
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from govscore.scoring.describing import describe_json
from govscore.scoring.model import Framework, Indicator
from govscore.scoring.values import format_value
from govscore.scoring.vietnamese import format_number
from govscore.sheets import csv_row
from govscore.web import access
from govscore.web.audit.forms import AuditSearchForm
from govscore.web.audit.middleware import note_download
from govscore.web.audit.models import AuditEntry
from govscore.web.audit.record import field_label, model_label
from govscore.web.i18n import current_language
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod

PAGE_SIZE = 100


@dataclass(frozen=True)
class ShownChange:
    field: str
    old: str
    new: str


def shown(value: object, lang: str = "vi") -> str:
    """A recorded value as people read it: `có`, `40/50`, `97%`, `1.234,5`, lists joined by commas."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return format_value(value, lang)
    if isinstance(value, int | float):
        return format_number(Decimal(str(value)), None, lang)
    if isinstance(value, list):
        return ", ".join(shown(item, lang) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {shown(item, lang)}" for key, item in value.items())
    return json.dumps(value, ensure_ascii=False)


def field_value(model: str, name: str, value: object) -> object:
    """A choice by its title (not `published`), a time as dd/mm/yyyy HH:MM in Vietnam's time and a date
    as dd/mm/yyyy (not the ISO text the trail stores them as); anything else as it was recorded."""
    try:
        field = apps.get_model(model)._meta.get_field(name) if model else None
    except (LookupError, ValueError, FieldDoesNotExist):
        return value
    if field is None or not isinstance(value, str):
        return value
    choices = dict(field.flatchoices) if field.choices else {}
    if value in choices:
        return str(choices[value])
    if isinstance(field, DateTimeField):
        with contextlib.suppress(ValueError):
            return timezone.localtime(datetime.datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M")
    elif isinstance(field, DateField):
        with contextlib.suppress(ValueError):
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    return value


def _field_label(model: str, name: str) -> str:
    try:
        return field_label(model, name)
    except (LookupError, ValueError, FieldDoesNotExist):
        # An import row's keys are indicator codes, not fields.
        return name


VALUE_MODEL = "indicators.indicatorvalue"


class _Frameworks:
    """Each period's framework, read once per page: an indicator's value is shown as its indicator says."""

    def __init__(self) -> None:
        self.known: dict[int, Framework | None] = {}

    def indicator(self, period_id: int | None, code: object) -> Indicator | None:
        if period_id is None or not isinstance(code, str):
            return None
        if period_id not in self.known:
            period = EvaluationPeriod.objects.select_related("framework").filter(pk=period_id).first()
            self.known[period_id] = period.framework.parsed() if period is not None else None
        framework = self.known[period_id]
        try:
            return framework.indicator(code) if framework is not None else None
        except KeyError:
            return None


def changes_of(entry: AuditEntry, frameworks: _Frameworks | None = None) -> list[ShownChange]:
    old = entry.old if isinstance(entry.old, dict) else {}
    new = entry.new if isinstance(entry.new, dict) else {}
    names = list(dict.fromkeys([*old, *new]))
    lang = current_language()
    frameworks = frameworks or _Frameworks()

    def value_of(name: str, value: object) -> str:
        if entry.model == VALUE_MODEL:
            # A value's row ("value" beside its "code"), or an import's row (indicator code → value).
            code = _value_code(entry, old, new) if name == "value" else name
            indicator = frameworks.indicator(entry.period_id, code)
            if indicator is not None:
                return describe_json(indicator, value, lang)
        return shown(field_value(entry.model, name, value), lang)

    return [
        ShownChange(
            _indicator_title(entry, name, frameworks) or _field_label(entry.model, name),
            value_of(name, old.get(name)) if name in old else "",
            value_of(name, new.get(name)) if name in new else "",
        )
        for name in names
    ]


def _value_code(entry: AuditEntry, old: dict[str, object], new: dict[str, object]) -> object:
    code = new.get("code") or old.get("code")
    if code is None and entry.object_id:
        code = IndicatorValue.objects.filter(pk=entry.object_id).values_list("code", flat=True).first()
    return code


def _indicator_title(entry: AuditEntry, name: str, frameworks: _Frameworks) -> str:
    """An import's row is keyed by indicator codes: shown by their titles."""
    if entry.model != VALUE_MODEL or entry.action != AuditEntry.Action.IMPORT:
        return ""
    indicator = frameworks.indicator(entry.period_id, name)
    return indicator.title if indicator is not None else ""


def _names(entries: Iterable[AuditEntry]) -> tuple[dict[int, str], dict[int, str]]:
    rows = list(entries)
    unit_ids = {entry.unit_id for entry in rows if entry.unit_id is not None}
    period_ids = {entry.period_id for entry in rows if entry.period_id is not None}
    units = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    periods = {period.pk: str(period) for period in EvaluationPeriod.objects.filter(pk__in=period_ids)}
    return units, periods


def _model_name(label: str) -> str:
    try:
        return model_label(label) if label else ""
    except (LookupError, ValueError):
        return label


def _search(request: HttpRequest) -> AuditSearchForm:
    access.require_administrator(request.user)
    return AuditSearchForm(request.GET)


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    form = _search(request)
    valid = form.is_valid()
    entries = form.entries() if valid else AuditEntry.objects.none()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    units, periods = _names(page.object_list)
    frameworks = _Frameworks()
    rows = [
        {
            "entry": entry,
            "model": _model_name(entry.model),
            "unit": units.get(entry.unit_id, "") if entry.unit_id is not None else "",
            "period": periods.get(entry.period_id, "") if entry.period_id is not None else "",
            "changes": changes_of(entry, frameworks),
        }
        for entry in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "audit/log.html", context, status=200 if valid else 400)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The byte order mark makes spreadsheet programs read the Vietnamese text as UTF-8. A tried user
    # name like "=HYPERLINK(…)" must reach the administrator's spreadsheet as text (`csv_row`).
    yield "\ufeff" + writer.writerow(
        csv_row(
            (
                gettext("Thời điểm"),
                gettext("Thao tác"),
                gettext("Người thực hiện"),
                gettext("Từ"),
                gettext("Địa chỉ IP"),
                gettext("Loại dữ liệu"),
                gettext("Mã bản ghi"),
                gettext("Bản ghi"),
                gettext("Đơn vị"),
                gettext("Kỳ đánh giá"),
                gettext("Giá trị cũ"),
                gettext("Giá trị mới"),
                gettext("Lý do"),
                gettext("Đường dẫn"),
                gettext("Đợt"),
            )
        )
    )
    units = dict(Unit.objects.values_list("pk", "name"))
    periods = {period.pk: str(period) for period in EvaluationPeriod.objects.all()}
    for entry in entries:
        yield writer.writerow(
            csv_row(
                (
                    timezone.localtime(entry.at).isoformat(timespec="seconds"),
                    entry.get_action_display(),
                    entry.actor,
                    entry.get_origin_display(),
                    entry.ip or "",
                    _model_name(entry.model),
                    entry.object_id,
                    entry.object_repr,
                    units.get(entry.unit_id, entry.unit_id) if entry.unit_id is not None else "",
                    periods.get(entry.period_id, entry.period_id) if entry.period_id is not None else "",
                    "" if entry.old is None else json.dumps(entry.old, ensure_ascii=False),
                    "" if entry.new is None else json.dumps(entry.new, ensure_ascii=False),
                    entry.reason,
                    entry.path,
                    entry.batch,
                )
            )
        )


@login_required
@require_GET
def audit_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The search's rows as CSV; the export itself is recorded (as a download, with its filters)."""
    form = _search(request)
    if not form.is_valid():
        return audit_log(request)
    note_download(request, filters=form.filters())
    response = StreamingHttpResponse(_csv_lines(form.entries().iterator(chunk_size=2000)), content_type="text/csv")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-thay-doi-{stamp}.csv"'
    return response
