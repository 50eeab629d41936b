"""The ranking as a spreadsheet, before publication too: the rows the page shows (its search and filters),
every page of every group, with last year's total and rank and the change where a previous year exists.

Headers are in the reader's language; numbers stay numbers in XLSX, and in CSV as the program writes
them (a decimal point), so a spreadsheet can sort and sum them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]

from govscore.scoring.previous import change_between, rank_move
from govscore.scoring.results import Previous
from govscore.sheets import append, csv_row
from govscore.web.scores.models import Result
from govscore.web.uploads import XLSX

FORMATS = ("csv", "xlsx")


def ranking_rows(
    results: Iterable[Result], group_names: Mapping[str, str], previous: Mapping[str, Previous]
) -> tuple[list[str], list[list[object]]]:
    """The header and one row per unit, in the order given."""
    year = next(iter(previous.values())).year if previous else None
    header = [_("Khối"), _("Hạng"), _("Đơn vị"), _("Tổng điểm"), _("Điểm tối đa"), _("Tỷ lệ (%)"), _("Xếp loại")]
    if year is not None:
        header += [_("Tổng điểm năm %(year)s") % {"year": year}, _("Hạng năm %(year)s") % {"year": year}]
        header += [_("Thay đổi hạng")]
    rows: list[list[object]] = []
    for result in results:
        row: list[object] = [
            group_names.get(result.group_code, result.group_code),
            result.rank or result.not_ranked,
            result.unit.name,
            _number(result.total),
            _number(result.max_points),
            _number(result.percent),
            result.grade,
        ]
        if year is not None:
            before = previous.get(result.unit.code)
            change = None if before is None else change_between(result.total, result.rank, before)
            row += [
                "" if before is None or before.total is None else _number(before.total),
                "" if before is None or not before.rank else before.rank,
                "" if change is None else rank_move(change),
            ]
        rows.append(row)
    return header, rows


def ranking_download(kind: str, year: int, header: Sequence[str], rows: Sequence[Sequence[object]]) -> HttpResponse:
    name = f"xep-hang-{year}.{kind}"
    if kind == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Xếp hạng"))
        append(sheet, header)
        for row in rows:
            append(sheet, row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX.mime)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(csv_row(header))
        writer.writerows(csv_row(row) for row in rows)
        # The byte order mark makes spreadsheet programs read the Vietnamese names as UTF-8.
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _number(value: Decimal) -> Decimal | int:
    # Stored with six decimals: written without the trailing zeros a reader would take for precision.
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else normal
