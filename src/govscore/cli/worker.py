"""`govscore worker`: runs the background jobs (e-mails, reminders, the weekly digest) stored in the
database, beside the web server; SIGTERM or Ctrl+C lets the job at hand finish, then it stops."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from typing import Any

from govscore.cli.django_setup import setup_django
from govscore.cli.init import EXIT_BAD_INPUT
from govscore.scoring.messages import render


def register(commands: Any, lang: str) -> None:
    worker = commands.add_parser("worker", help=render("worker.help", lang), description=render("worker.about", lang))
    worker.add_argument("--interval", type=float, default=5.0, help=render("worker.help_interval", lang))
    worker.add_argument("--batch", action="store_true", help=render("worker.help_batch", lang))
    worker.set_defaults(handler=cmd_worker)


def cmd_worker(args: argparse.Namespace) -> int:
    lang = args.lang
    setup_django()
    from django.db import DatabaseError
    from django_tasks_db.management.commands.db_worker import Worker

    from govscore.web.notifications.jobs import schedule_daily

    try:
        schedule_daily()
    except DatabaseError as error:  # no database yet, or not migrated: `govscore init` first
        sys.stderr.write(render("worker.database_error", lang, reason=str(error).strip()) + "\n")
        return EXIT_BAD_INPUT
    worker = Worker(
        queue_names=["default"],
        interval=args.interval,
        batch=args.batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{socket.gethostname()}-{os.getpid()}",
        excluded_queue_names=[],
    )
    worker.configure_signals()
    print(render("worker.started", lang), flush=True)
    try:
        worker.run()
    finally:
        worker.reset_signals()
    return 0
