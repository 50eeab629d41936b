"""A user's own notifications and e-mail choices: the only writes a user makes to them."""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from govscore.web.actions import writing
from govscore.web.notifications.models import EmailOptOut, Kind, Notification


def do_mark_read(user: AbstractBaseUser) -> int:
    with writing(None, user):
        return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def do_set_email_kinds(user: AbstractBaseUser, wanted: Collection[Kind]) -> None:
    """Turn off every kind of e-mail not in `wanted`, and back on those in it (audited, one row a kind)."""
    with writing(None, user):
        for kind in Kind:
            if kind in wanted:
                for opt_out in EmailOptOut.objects.filter(user=user, kind=kind):
                    opt_out.delete()
            else:
                EmailOptOut.objects.get_or_create(user=user, kind=kind)
