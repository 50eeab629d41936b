"""WSGI entry point: `gunicorn govscore.web.wsgi` or `govscore serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govscore.web.settings")
application = get_wsgi_application()
