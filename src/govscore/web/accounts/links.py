"""One-time set-password links, made by Django's password-reset machinery.

A new account, or one whose password an administrator resets, has an unusable password: its owner can
log in only after choosing one through the link. The token (`default_token_generator`) is bound to the
password's hash and the last log-in, so it stops working once used, and after `PASSWORD_RESET_TIMEOUT`.
The link is sent by e-mail when the server has e-mail (`EMAIL_HOST`) and the account an address;
otherwise it is shown to the administrator, or printed by `govscore accounts import`, to hand over.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

logger = logging.getLogger("govscore.accounts")


@dataclass(frozen=True)
class Handover:
    """A set-password link for one account, and whether it went by e-mail (else it must be handed over)."""

    user: User
    link: str
    emailed: bool


def set_password_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_set", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def email_configured() -> bool:
    return bool(settings.EMAIL_HOST)


def hand_over(users: list[User], base_url: str) -> list[Handover]:
    """Each account's link: e-mailed where possible (in Vietnamese, with English), else to be shown."""
    handovers = []
    for user in users:
        link = base_url.rstrip("/") + set_password_path(user)
        emailed = email_configured() and bool(user.email) and _sent(user, link)
        handovers.append(Handover(user, link, emailed))
    return handovers


def _sent(user: User, link: str) -> bool:
    """Whether the mail server took the message; if not, the link is shown instead (and the reason logged)."""
    try:
        send_mail(_subject(), _body(user, link), None, [user.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("the set-password link for %s could not be e-mailed", user.username)
        return False
    return True


def _subject() -> str:
    return "govscore: đặt mật khẩu / set your password"


def _body(user: User, link: str) -> str:
    parts = []
    for lang in ("vi", "en"):
        with translation.override(lang):
            parts.append(
                gettext(
                    "Tài khoản govscore “%(name)s” đã sẵn sàng. Mở đường dẫn sau để tự đặt mật khẩu "
                    "(chỉ dùng được một lần):\n%(link)s"
                )
                % {"name": user.username, "link": link}
            )
    return "\n\n".join(parts) + "\n"
