"""How large a value may be, wherever it comes in (a form, a workbook, an evaluation file)."""

from __future__ import annotations

from decimal import Decimal

# A number has at most this many digits before its decimal point, as many as a spreadsheet keeps
# exactly: no count or measure a unit reports comes near, and a value that does is a typing slip.
NUMBER_DIGITS = 15
WHOLE_LIMIT = 10**NUMBER_DIGITS
NUMBER_LIMIT = Decimal(WHOLE_LIMIT)
# The longest text a value may hold (a text indicator, a score's reason), in characters: a paragraph,
# not a document. Texts and reasons are printed in the ledger and in every published edition.
TEXT_MAX = 2000
