"""A write refused because its period is frozen becomes a 409 page with the reason, whichever view it
came from, so no frozen-period attempt ever ends in a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govscore.web.actions import PeriodLocked


class PeriodLockedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PeriodLocked):
            return render(request, "periods/locked.html", {"message": str(exception)}, status=409)
        return None
