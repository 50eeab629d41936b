"""Unicode normalisation at the boundary for multi-line text, and the longest free text a field takes.

The core's `nfc` also collapses whitespace (right for names and one-line fields); report
content and YAML keep their line breaks, so they are only normalised to NFC here.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext

from govscore.scoring.limits import TEXT_MAX
from govscore.scoring.vietnamese import format_number
from govscore.web.i18n import current_language

# The most characters (after NFC) of each kind of free text. A reason (a manual score's, an amendment's)
# is copied into the ledger, the audit trail and every published edition: a paragraph, not a document;
# the core takes no longer one in any value either.
REASON_MAX = TEXT_MAX
# A monthly report's text; anything longer belongs in its attached file.
REPORT_MAX = 20_000
# A short description (an evidence file's): the column's own size.
DESCRIPTION_MAX = 255


def nfc_text(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def too_long(field: str, text: str, limit: int) -> list[str]:
    """The problem with a text over `limit` characters, naming the field, in the user's language; empty
    when it fits. Actions check it, whoever calls them; forms say the same before they do."""
    if len(text) <= limit:
        return []
    lang = current_language()
    return [
        gettext("%(field)s dài quá: tối đa %(limit)s ký tự, đã nhập %(count)s ký tự.")
        % {"field": field, "limit": format_number(limit, lang=lang), "count": format_number(len(text), lang=lang)}
    ]
