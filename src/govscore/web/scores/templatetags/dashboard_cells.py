"""The heatmaps' cells, a row at a time: a dashboard draws thousands of them, and the template engine
spends far longer resolving each cell's parts than building the row here.

A cell is one of few: a shade and a percentage, or a status with its sign and words. Each is built once
by format_html (which escapes every value as the template would) and kept; a row is the sum of safe
cells, which stays safe without marking anything."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from govscore.web.scores.dashboard import HeatCell

register = template.Library()


@register.simple_tag
def heat_cells(cells: Sequence[HeatCell]) -> SafeString:
    """`<td class="num heat-7">72%</td>` for each criterion of a unit's row."""
    return _joined(_heat_cell(cell.step, cell.text) for cell in cells)


@register.simple_tag
def report_cells(months: Sequence[tuple[str, str, str]]) -> SafeString:
    """`<td class="status-late"><abbr title="Trễ hạn">!</abbr></td>` for each month of a unit's row."""
    return _joined(_report_cell(status, mark, words) for status, mark, words in months)


@functools.lru_cache(maxsize=4096)
def _heat_cell(step: int, text: str) -> SafeString:
    return format_html('<td class="num heat-{}">{}</td>', step, text)


@functools.lru_cache(maxsize=256)
def _report_cell(status: str, mark: str, words: str) -> SafeString:
    return format_html('<td class="status-{}"><abbr title="{}">{}</abbr></td>', status, words, mark)


def _joined(cells: Iterable[SafeString]) -> SafeString:
    row = SafeString()
    for cell in cells:
        row += cell  # safe + safe is safe
    return row
