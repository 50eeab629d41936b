"""The code form that stands in for any page until an administrator or evaluator has entered a TOTP code.

A user without a confirmed device enrols on the same form: it shows a secret (as text and as a QR code)
that the authenticator app takes, and the first correct code confirms it. An administrator resets a lost
phone by deleting the user's device in Django admin; the user enrols again at the next log-in.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

import segno
from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger("govscore.security")

FORM_PREFIX = "govscore_otp"
DEVICE_NAME = "govscore"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực một lần"),
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self) -> str:
        # Apps show the code as "123 456"; people type it the same way.
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) not in (6, 8):
            raise forms.ValidationError(_("Mã xác thực gồm 6 chữ số."))
        return token


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user: Any) -> TOTPDevice:
    """The device being set up: kept in the database so the secret stays the same on every reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def grouped_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, as authenticator apps accept it typed by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    # An inline SVG: no image URL for the secret to leak through, and no inline style for the CSP to block.
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def challenge(request: HttpRequest) -> HttpResponse:
    """The code form in place of the page asked for (403: the page itself was not served)."""
    user: Any = request.user
    device = confirmed_device(user)
    enrolling = device is None
    if device is None:
        device = enrolment_device(user)
    form = TokenForm(prefix=FORM_PREFIX)
    error = ""
    if request.method == "POST" and f"{FORM_PREFIX}-token" in request.POST:
        form = TokenForm(request.POST, prefix=FORM_PREFIX)
        if form.is_valid():
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                error = str(_("Nhập sai nhiều lần: đợi một lát rồi thử lại."))
            elif verify_token(user, device.persistent_id, form.cleaned_data["token"]) is not None:
                return _verified(request, device, enrolling)
            else:
                error = str(_("Mã xác thực không đúng hoặc đã hết hạn."))
            logger.warning("two-factor code rejected (%s)", "enrolment" if enrolling else "log-in")
    context = {
        "form": form,
        "error": error,
        "enrolling": enrolling,
        "secret": grouped_secret(device) if enrolling else "",
        # Safe: segno builds the SVG from our own secret; nothing in it comes from the request.
        "qr_svg": mark_safe(qr_svg(device)) if enrolling else "",
    }
    response = render(request, "security/two_factor.html", context, status=403)
    # The enrolment secret must not stay in any cache.
    add_never_cache_headers(response)
    return response


def _verified(request: HttpRequest, device: TOTPDevice, enrolling: bool) -> HttpResponse:
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        logger.info("two-factor device enrolled")
    otp_login(request, device)
    # A new session id for the stronger log-in: an id seen before it is worth nothing after.
    request.session.cycle_key()
    logger.info("two-factor log-in verified")
    # 303: the browser asks for the page again with GET, whatever it had posted.
    response = HttpResponseRedirect(request.get_full_path())
    response.status_code = 303
    return response
