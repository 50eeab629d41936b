"""The one settings module, read from the environment.

Environment variables:
  GOVSCORE_DATA_DIR   folder for the SQLite database and uploads (default ./data)
  DATABASE_URL        any dj-database-url URL (default SQLite in the data folder)
  SECRET_KEY          required in production (`govscore serve` refuses the development key)
  DEBUG               true/false (default false)
  ALLOWED_HOSTS       comma-separated host names (default localhost,127.0.0.1)
  SECURE_COOKIES      true behind HTTPS
  GOVSCORE_UPLOAD_MAX_MB  largest accepted upload in MB (default 20)
  GOVSCORE_PUBLIC_URL     public address printed on published documents for verification
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

WEB_DIR = Path(__file__).resolve().parent


class SettingsError(RuntimeError):
    """A bad environment value: raised at start-up so a typo never runs silently."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive, not {raw!r}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(env_str("GOVSCORE_DATA_DIR", "data")).resolve()

# Django's "django-insecure-" prefix makes `check --deploy` flag the development key, and
# `govscore serve` refuses it unless DEBUG is on.
INSECURE_KEY = "django-insecure-govscore-development-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", INSECURE_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "govscore.web.accounts",
    "govscore.web.orgs",
    "govscore.web.frameworks",
    "govscore.web.periods",
    "govscore.web.reports",
    "govscore.web.indicators",
    "govscore.web.scores",
    "govscore.web.publications",
    "govscore.web.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "govscore.web.periods.middleware.PeriodLockedMiddleware",
]

ROOT_URLCONF = "govscore.web.urls"
WSGI_APPLICATION = "govscore.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "govscore.web.access.roles_context",
                "govscore.web.i18n.languages_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'govscore.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["govscore.web.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Uploaded evidence lives in the data folder, never beside the static files.
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "uploads"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
GOVSCORE_UPLOAD_MAX_BYTES = env_int("GOVSCORE_UPLOAD_MAX_MB", 20) * 1024 * 1024
# The address printed on published documents for checking their hash (the site as the public sees it).
GOVSCORE_PUBLIC_URL = env_str("GOVSCORE_PUBLIC_URL", "http://127.0.0.1:8000")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
