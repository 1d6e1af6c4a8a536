"""WSGI entry point (gunicorn newsroom.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_wsgi_application()

# What the first requests of a new process would pay, paid before it serves (newsroom.warmup).
from newsroom.warmup import warm_up  # noqa: E402 (Django is set up by now)

warm_up()
