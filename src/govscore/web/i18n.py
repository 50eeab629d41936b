"""The core speaks "vi" or "en"; Django's active language may carry a region ("en-us")."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils.translation import get_language


def current_language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def languages_context(request: HttpRequest) -> dict[str, object]:
    """The language switch names each language in itself (as settings spell it, in NFC); Django's own
    names are translated into the current language and its Vietnamese name is not NFC."""
    return {"govscore_languages": settings.LANGUAGES}


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese on every first visit, whatever the browser asks for: civil servants' computers are
    often set to English. Only a choice made with the language switch (its cookie) changes it."""

    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
