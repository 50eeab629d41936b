"""What a browser would send for a form of a page: its fields with the values the page gives them.

Tests submit forms the way people do (load the page, change a field, send everything back), so a
hidden field the template forgets to render is missed here just as it would be in a browser.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict[str, str], dict[str, list[str]]]] = []
        self._select: str | None = None
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._select_multiple = False
        self._option: dict[str, str | None] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    @property
    def _fields(self) -> dict[str, list[str]]:
        return self.forms[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(({key: value or "" for key, value in attributes.items()}, {}))
            return
        if not self.forms:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind in ("submit", "button", "file"):
                return
            self._fields.setdefault(name, []).append(attributes.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._select_values, self._select_first = name, [], None
            self._select_multiple = "multiple" in attributes
        elif tag == "option" and self._select is not None:
            self._option = attributes
            value = attributes.get("value")
            if self._select_first is None:
                self._select_first = value or ""
            if "selected" in attributes:
                self._select_values.append(value or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            # A list with nothing chosen sends nothing; a drop-down sends its first option.
            values = self._select_values or (
                [self._select_first] if self._select_first is not None and not self._select_multiple else []
            )
            self._fields[self._select] = values
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline that follows <textarea>.
            self._fields[self._textarea] = ["".join(self._text).removeprefix("\n")]
            self._textarea = None


def form_of(html: bytes | str, *, containing: str, url: str) -> tuple[str, dict[str, list[str]]]:
    """Where the page's first form that has a field named `containing` is sent (its action, else the
    page's own `url`), and its fields."""
    parser = _Forms()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    for attributes, fields in parser.forms:
        if containing in fields:
            return attributes.get("action") or url, fields
    raise AssertionError(f"no form with a field {containing!r}")


def form_data(html: bytes | str, *, containing: str) -> dict[str, list[str]]:
    """The fields of the page's first form that has a field named `containing`."""
    return form_of(html, containing=containing, url="")[1]
