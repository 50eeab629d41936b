"""The one settings module, read from the environment.

Every variable, its default and its meaning are listed in README.md ("Configuration"); the most
important:
  GOVSCORE_PRODUCTION  true on a real server: secure cookies, HSTS, HTTPS redirect, two-factor log-in
                       for administrators and evaluators, JSON logs; refuses DEBUG and a weak SECRET_KEY
  GOVSCORE_DATA_DIR    folder for the SQLite database, uploads and collected static files (default ./data)
  DATABASE_URL         any dj-database-url URL (default SQLite in the data folder)
  SECRET_KEY           required in production
"""

from __future__ import annotations

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from govscore.web.security.environment import (
    PRODUCTION_PROXIES,
    SettingsError,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_str,
    production_problems,
)

WEB_DIR = Path(__file__).resolve().parent

# Production mode turns every secure default on; each can still be set on its own below.
PRODUCTION = env_bool("GOVSCORE_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(env_str("GOVSCORE_DATA_DIR", "data")).resolve()

# Django's "django-insecure-" prefix makes `check --deploy` flag the development key; production refuses
# it below, and `govscore serve` without --production serves it only on a loopback address or with DEBUG.
INSECURE_KEY = "django-insecure-govscore-development-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", INSECURE_KEY)
if PRODUCTION and (problems := production_problems(SECRET_KEY, DEBUG)):
    # Refused here rather than only in `govscore serve`, so gunicorn or a management command started
    # by hand cannot run production on the development key either.
    raise SettingsError("\n".join(problems))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "govscore.web.admin_site.GovscoreAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "govscore.web.admin_site.GovscoreAxesConfig",
    "django_otp",
    "govscore.web.admin_site.GovscoreTOTPConfig",
    "govscore.web.accounts",
    "govscore.web.orgs",
    "govscore.web.frameworks",
    "govscore.web.periods",
    "govscore.web.reports",
    "govscore.web.indicators",
    "govscore.web.scores",
    "govscore.web.assessment",
    "govscore.web.publications",
    "govscore.web.imports.history",
    "govscore.web.audit",
    "govscore.web.notifications",
    "govscore.web.ui",
    "django_tasks",
    "govscore.web.admin_site.GovscoreTasksConfig",
]

MIDDLEWARE = [
    # First: every response, redirects and static files included, carries the request id.
    "govscore.web.security.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "govscore.web.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sees every answer of the middleware and views below: none given to a logged-in user is cached.
    "govscore.web.security.middleware.PrivateCacheMiddleware",
    "govscore.web.audit.middleware.AuditMiddleware",
    "govscore.web.security.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After CsrfViewMiddleware: its view check runs first, so a forged POST is refused before the code form.
    "govscore.web.security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "govscore.web.periods.middleware.PeriodLockedMiddleware",
    "govscore.web.storage.DiskFullMiddleware",
    # Gives a browser that has just logged in its trusted-browser cookie (security.throttle).
    "govscore.web.security.throttle.TrustedBrowserMiddleware",
    # Last, as django-axes requires: it turns a refused log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
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
                "govscore.web.notifications.views.unread_context",
                "govscore.web.access.roles_context",
                "govscore.web.ui.navigation.navigation_context",
                "govscore.web.i18n.languages_context",
                "govscore.web.security.context.security_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'govscore.sqlite3'}"),
        conn_max_age=60,
        # A kept connection is checked before reuse, so a restarted PostgreSQL costs no failed request.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new and changed passwords use it, and older hashes are upgraded at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out log-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
# What an Office document (a ZIP) may unpack to: a few hundred kilobytes can otherwise hold gigabytes.
GOVSCORE_UPLOAD_MAX_UNPACKED_BYTES = env_int("GOVSCORE_UPLOAD_MAX_UNPACKED_MB", 100) * 1024 * 1024
# The address printed on published documents for checking their hash (the site as the public sees it).
GOVSCORE_PUBLIC_URL = env_str("GOVSCORE_PUBLIC_URL", "http://127.0.0.1:8000")

# E-mail (reminders and notifications, set-password links) through an SMTP server; none is sent while
# EMAIL_HOST is empty. Background jobs are rows in the database, run by `govscore worker` (no broker).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "govscore <khong-tra-loi@localhost>")
# Pages rendered once for a version of their data (the dashboard, a unit's explained score) are kept in
# files every worker process shares: one worker's render serves the others until the data changes.
CACHES = {
    "default": {
        "BACKEND": "govscore.web.page_cache.PageCache",
        "LOCATION": DATA_DIR / "cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # Rows of large tables, rendered once for their exact content (the key holds all of it): small, many,
    # and read a hundred at a time, so kept in each process's memory.
    "rows": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "govscore-rows",
        "OPTIONS": {"MAX_ENTRIES": 50000},
    },
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A set-password link works once, and for this long (Django's password-reset tokens).
PASSWORD_RESET_TIMEOUT = env_int("GOVSCORE_SET_PASSWORD_DAYS", 7) * 24 * 3600
STORAGES = {
    "default": {"BACKEND": "govscore.web.storage.AtomicFileSystemStorage"},
    # Production serves the files `govscore serve --production` collects, compressed ahead of time.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION

# Two-factor log-in (TOTP) for administrators and evaluators: they change what decides the rankings.
# Off outside production so `govscore demo` stays one command; every page then says so.
GOVSCORE_REQUIRE_2FA = env_bool("GOVSCORE_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = env_str("GOVSCORE_2FA_ISSUER", "govscore")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions end 8 hours after log-in whatever the activity (SessionLifetimeMiddleware), and by default
# when the browser closes: shared office computers are common.
SESSION_COOKIE_AGE = env_int("GOVSCORE_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("GOVSCORE_SESSION_BROWSER_CLOSE", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "govscore.web.security.views.csrf_failure"

# HTTPS. Behind the reverse proxy gunicorn marks a request secure from X-Forwarded-Proto, but only when it
# comes from GOVSCORE_TRUSTED_PROXIES (gunicorn_conf), so Django needs no SECURE_PROXY_SSL_HEADER.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# Monitoring probes the app directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Preloading is a promise for the parent domain (e.g. the province's), which is not this site's to make.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# No inline script or style anywhere: only files from this site run or style a page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The stylesheet's form icons (a select's chevron, a checkbox's tick) are SVG images written as
        # data: URLs; an image cannot run code, and scripts and styles stay limited to this site's files.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Log-in throttling (security/throttle.py, docs/deployment.md section 7): a browser where the user has
# logged in before is counted on its own; elsewhere 5 failures for one user name from one address lock
# that pair for 30 minutes, 20 from one address whatever the user names lock the address, and failures
# for one user name from many addresses make its next guess wait longer and longer.
AXES_FAILURE_LIMIT = env_int("GOVSCORE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("GOVSCORE_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "govscore.web.security.throttle.LoginThrottle"
# A refused attempt counts as nothing: a lock-out ends on time however often someone knocks.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Every failure kept (user name, address, time): what the growing delay for a user name is counted from.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
GOVSCORE_LOGIN_ADDRESS_LIMIT = env_int("GOVSCORE_LOGIN_ADDRESS_LIMIT", 20)
AXES_LOCKOUT_CALLABLE = "govscore.web.security.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "govscore.web.security.network.client_ip"
# The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: in production nginx on this
# machine, otherwise none (docs/deployment.md, section 5).
GOVSCORE_TRUSTED_PROXIES = env_networks("GOVSCORE_TRUSTED_PROXIES", PRODUCTION_PROXIES if PRODUCTION else "")

LOG_LEVEL = env_str("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING").strip().upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}")
# JSON lines on stderr in production (journald keeps them; one object per line is easy to search).
LOG_JSON = env_bool("GOVSCORE_LOG_JSON", PRODUCTION)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "govscore.web.security.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_JSON else "text", "level": LOG_LEVEL}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
