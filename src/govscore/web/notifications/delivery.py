"""The one way the application tells a user something: an in-app notification, and an e-mail for it
unless the user turned the kind off, has no address, e-mail is not configured, or an e-mail of that kind
already went to the user that day."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from govscore.web.notifications.models import Email, EmailOptOut, Kind, Notification


def email_configured() -> bool:
    return bool(settings.EMAIL_HOST)


def wants_email(user: AbstractBaseUser, kind: Kind) -> bool:
    address = getattr(user, "email", "")
    opted_out = EmailOptOut.objects.filter(user=user, kind=kind).exists()
    return email_configured() and bool(address) and user.is_active and not opted_out


def notify(
    user: AbstractBaseUser, kind: Kind, subject: str, body: str, path: str, day: datetime.date | None = None
) -> Notification:
    """Record the notification and, when the user is to get it by e-mail, queue the e-mail: it is sent by
    `govscore worker` once the caller's transaction has committed, never inside a request."""
    day = day or timezone.localdate()
    with transaction.atomic():
        notification = Notification.objects.create(user=user, kind=kind, subject=subject, body=body, path=path)
        if not wants_email(user, kind):
            return notification
        try:
            with transaction.atomic():
                email = Email.objects.create(user=user, kind=kind, day=day, notification=notification)
        except IntegrityError:  # one of this kind went to the user today already
            return notification
        transaction.on_commit(lambda: _enqueue(email.pk))
    return notification


def _enqueue(email_id: int) -> None:
    from govscore.web.notifications.jobs import send_email

    send_email.enqueue(email_id)


def absolute(path: str) -> str:
    return settings.GOVSCORE_PUBLIC_URL.rstrip("/") + path


def deliver(email: Email) -> None:
    """Send one queued e-mail (in Vietnamese, the language of the site's first visit) and mark it sent."""
    if email.sent_at is not None:
        return
    notification = email.notification
    user = email.user
    with translation.override("vi"):
        text = render_to_string(
            "notifications/email.txt",
            {
                "name": user.get_full_name() or user.get_username(),  # type: ignore[attr-defined]
                "body": notification.body,
                "url": absolute(notification.path) if notification.path else "",
                "preferences_url": absolute(reverse("notification_preferences")),
            },
        )
    message = EmailMessage(f"[govscore] {notification.subject}", text, to=[user.email])  # type: ignore[attr-defined]
    message.send()
    email.sent_at = timezone.now()
    email.save(update_fields=["sent_at"])
