"""The user's notifications and which kinds of e-mail the user wants. Every user sees only their own."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from govscore.web.notifications.actions import do_mark_read, do_set_email_kinds
from govscore.web.notifications.delivery import email_configured
from govscore.web.notifications.models import EmailOptOut, Kind, Notification

SHOWN = 50


class EmailKindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Nhận thư điện tử về"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user)
    context = {
        "notifications": notifications[:SHOWN],
        "unread": notifications.filter(read_at__isnull=True).count(),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    do_mark_read(request.user)  # type: ignore[arg-type]
    return redirect("notification_list")


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    off = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    if request.method == "POST":
        form = EmailKindsForm(request.POST)
        if form.is_valid():
            do_set_email_kinds(request.user, {Kind(kind) for kind in form.cleaned_data["kinds"]})  # type: ignore[arg-type]
            messages.success(request, gettext("Đã lưu lựa chọn nhận thư."))
            return redirect("notification_preferences")
        status = 400
    else:
        form = EmailKindsForm(initial={"kinds": [kind for kind in Kind if kind not in off]})
        status = 200
    context = {"form": form, "email_configured": email_configured(), "address": request.user.email}  # type: ignore[union-attr]
    return render(request, "notifications/preferences.html", context, status=status)


def unread_context(request: HttpRequest) -> dict[str, int]:
    """The menu's count of unread notifications."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"govscore_unread": Notification.objects.filter(user=user, read_at__isnull=True).count()}
