"""Starting Django for the commands that work on the application's database."""

from __future__ import annotations

import os
from pathlib import Path


def setup_django(data_dir: Path | None = None, sqlite: bool = False) -> None:
    """Point the settings at the data folder (before Django reads them) and start Django."""
    if data_dir is not None:
        os.environ["GOVSCORE_DATA_DIR"] = str(data_dir)
    if sqlite:
        # The demo always uses its own SQLite file, whatever DATABASE_URL says.
        os.environ["DATABASE_URL"] = f"sqlite:///{(data_dir or Path('data')).resolve() / 'govscore.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govscore.web.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
