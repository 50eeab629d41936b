"""A real SMTP server for the tests (aiosmtpd): what the application sends arrives in `Inbox.messages`."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from django.test import override_settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    @staticmethod
    def subject(message: EmailMessage) -> str:
        """The decoded subject; an encoded, folded header can leave a space where it was folded."""
        return " ".join(str(message["Subject"]).split())

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@contextmanager
def smtp_inbox() -> Iterator[Inbox]:
    """The server, with the application's e-mail settings pointing at it (Django's test runner would
    otherwise keep e-mails in memory)."""
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with smtp_server() as (inbox, port), override_settings(EMAIL_BACKEND=smtp, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port):
        yield inbox
