"""The largest whole numbers the application takes in: none may reach a database that cannot hold it.

PostgreSQL's `integer` columns (Django's IntegerField and PositiveIntegerField: report and staff
counts, edit versions) stop at 2^31 − 1; ids (`bigint`) and any SQLite integer at 2^63 − 1. A
larger number sent to the database is an error page (PostgreSQL: "integer out of range"; SQLite:
OverflowError). So it is refused where it comes in: a form field says so (`count_field`), an action
refuses it, and a URL holding a larger id finds nothing (`IdConverter`, 404).
"""

from __future__ import annotations

import re

INTEGER_MAX = 2**31 - 1
ID_MAX = 2**63 - 1
# At most as many digits as ID_MAX: longer text is no id, and int() is not even tried on it.
_ID_TEXT = re.compile(rf"[0-9]{{1,{len(str(ID_MAX))}}}")


def parse_id(text: str) -> int | None:
    """The id `text` holds, or None when it is no id or larger than any id can be."""
    if not _ID_TEXT.fullmatch(text):
        return None
    number = int(text)
    return number if number <= ID_MAX else None


def in_integer_range(*values: int | None) -> bool:
    """Whether every given value fits a positive integer column (None: nothing given)."""
    return all(value is None or 0 <= value <= INTEGER_MAX for value in values)


class IdConverter:
    """`<id:name>` in a URL: digits of an id that can exist; a larger number does not match (404)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)
