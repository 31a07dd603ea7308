"""The API speaks UTC: every instant it writes, and every instant DRF's own
fields write or read under /api/, is in UTC (``archive.instants``). The admin
keeps the archive's working zone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


class APIInUTCMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        with timezone.override(dt.UTC):
            return self.get_response(request)
