"""The code form that stands in for any page until an administrator or evaluator has entered a TOTP code.

A user without a confirmed device enrols on the same form: it shows a secret (as text and as a QR code)
that the authenticator app takes, and the first correct code confirms it. The secret lives in the
session only, made afresh for every enrolment attempt (each time the form is shown by a GET), and a
device is stored only once it is confirmed: someone who knew the password and looked first holds a
secret no device will ever use. An administrator resets a lost phone by deleting the user's device in
Django admin; the user enrols again at the next log-in.
"""

from __future__ import annotations

import base64
import logging
import time
from typing import Any

import segno
from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

logger = logging.getLogger("govscore.security")

FORM_PREFIX = "govscore_otp"
DEVICE_NAME = "govscore"
# The session keys of an enrolment in progress: its secret, and the wrong codes typed for it.
ENROLMENT_KEY = "govscore_otp_enrolment"
ENROLMENT_FAILURES = "govscore_otp_enrolment_failures"
# Wrong codes for one secret before the form shows a new one (an attacker must not try them all).
MAX_ENROLMENT_FAILURES = 5


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


def enrolment_secret(request: HttpRequest, fresh: bool) -> bytes:
    """The secret of this enrolment attempt, kept in the session; a new one when `fresh` (every time
    the form is shown anew) or after too many wrong codes."""
    session = request.session
    if fresh or ENROLMENT_KEY not in session or session.get(ENROLMENT_FAILURES, 0) >= MAX_ENROLMENT_FAILURES:
        session[ENROLMENT_KEY] = default_key()
        session[ENROLMENT_FAILURES] = 0
    return bytes.fromhex(session[ENROLMENT_KEY])


def grouped_secret(key: bytes) -> str:
    """The base32 secret in groups of four, as authenticator apps accept it typed by hand."""
    secret = base64.b32encode(key).decode("ascii")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_rows(user: Any, key: bytes) -> list[list[int]]:
    """The QR code of the app's set-up address as rows of dark (1) and light (0) modules, drawn by the
    template: no image URL for the secret to leak through, and nothing marked safe."""
    device = TOTPDevice(user=user, name=DEVICE_NAME, key=key.hex())
    return [list(row) for row in segno.make(device.config_url, error="m").matrix]


def _enrolment_code_matches(key: bytes, token: str) -> bool:
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time()
    return bool(totp.verify(int(token), tolerance=1))


def challenge(request: HttpRequest) -> HttpResponse:
    """The code form in place of the page asked for (403: the page itself was not served)."""
    user: Any = request.user
    device = confirmed_device(user)
    posted = request.method == "POST" and f"{FORM_PREFIX}-token" in request.POST
    key = enrolment_secret(request, fresh=not posted) if device is None else b""
    form = TokenForm(request.POST if posted else None, prefix=FORM_PREFIX)
    error = ""
    if posted and form.is_valid():
        token = form.cleaned_data["token"]
        if device is None:
            if _enrolment_code_matches(key, token):
                return _verified(request, _enrol(user, key))
            request.session[ENROLMENT_FAILURES] = request.session.get(ENROLMENT_FAILURES, 0) + 1
            error = str(_("Mã xác thực không đúng hoặc đã hết hạn."))
        else:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                error = str(_("Nhập sai nhiều lần: đợi một lát rồi thử lại."))
            elif verify_token(user, device.persistent_id, token) is not None:
                return _verified(request, device)
            else:
                error = str(_("Mã xác thực không đúng hoặc đã hết hạn."))
        logger.warning("two-factor code rejected (%s)", "enrolment" if device is None else "log-in")
    enrolling = device is None
    context = {
        "form": form,
        "error": error,
        "enrolling": enrolling,
        "secret": grouped_secret(key) if enrolling else "",
        "qr_rows": qr_rows(user, key) if enrolling else [],
    }
    response = render(request, "security/two_factor.html", context, status=403)
    # The enrolment secret must not stay in any cache.
    add_never_cache_headers(response)
    return response


def _enrol(user: Any, key: bytes) -> TOTPDevice:
    """The user's one device, stored confirmed with the secret the user's app proved it holds."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key.hex(), confirmed=True)
    logger.info("two-factor device enrolled")
    return device


def _verified(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    for name in (ENROLMENT_KEY, ENROLMENT_FAILURES):
        request.session.pop(name, None)
    otp_login(request, device)
    # A new session id for the stronger log-in: an id seen before it is worth nothing after.
    request.session.cycle_key()
    logger.info("two-factor log-in verified")
    # 303: the browser asks for the page again with GET, whatever it had posted.
    response = HttpResponseRedirect(request.get_full_path())
    response.status_code = 303
    return response
