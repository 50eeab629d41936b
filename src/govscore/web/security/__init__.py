"""Production hardening that is not Django's own: two-factor log-in for staff who change scores, the
absolute session lifetime, request ids and JSON logs, the lock-out and CSRF pages, client addresses
behind the reverse proxy, and gunicorn's configuration.

Nothing here may import models at package import: the settings module imports `environment`.
"""
