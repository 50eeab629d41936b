"""The XLSX data template of a period and its import: pure (no Django), built on the scoring core.

- `build_template` writes the workbook a period's data is collected in (pre-filled with the current
  values, it is also the data export);
- `read_workbook` validates a filled workbook as a whole and returns every problem found, located by
  sheet, row and column, or the values of each unit in the shape the web app stores;
- `compute_changes` compares those values with what is stored.
"""

from govscore.imports.builder import build_template
from govscore.imports.changes import Change, compute_changes, fingerprint
from govscore.imports.layout import TemplateIdentity, UnitRow
from govscore.imports.problems import ImportProblem
from govscore.imports.reader import ReadResult, read_workbook

__all__ = [
    "Change",
    "ImportProblem",
    "ReadResult",
    "TemplateIdentity",
    "UnitRow",
    "build_template",
    "compute_changes",
    "fingerprint",
    "read_workbook",
]
