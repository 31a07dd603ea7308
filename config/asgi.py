"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from config import heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_asgi_application()
heap.settle()  # what lives as long as the process, out of the collector's way
