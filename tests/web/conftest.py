"""Django test settings: fast password hashing, uploads in a temporary folder."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import pytest
from django.test import override_settings


def pytest_configure(config: pytest.Config) -> None:
    # Whitenoise warns when a never-collected static root is absent; tests serve no static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(scope="session", autouse=True)
def _fast_and_isolated() -> Iterator[None]:
    with (
        tempfile.TemporaryDirectory(prefix="govscore-media-") as media,
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=media,
        ),
    ):
        yield
