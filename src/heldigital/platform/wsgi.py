"""WSGI entry point (``heldigital serve`` and any WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heldigital.platform.settings")
application = get_wsgi_application()
