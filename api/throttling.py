"""The API's throttles: anonymous clients by address, authenticated users by
account, exports by their own (lower) rate, all counted in the shared cache
(``CACHES["default"]``: Redis in production), so that every worker process
and machine counts the same requests.

Each rate is a sliding window over two fixed ones: a counter per window,
increased atomically (``cache.incr``: one Redis command), and the previous
window's count weighed by how much of it the sliding window still covers. A
refused request is not counted. The client's address is DRF's ``get_ident``
with ``NUM_PROXIES`` set: ``REMOTE_ADDR``, or the address the nearest of that
many proxies appended to ``X-Forwarded-For``; what the client itself writes
there never counts."""

from __future__ import annotations

import math
import time

from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle


class WindowRateThrottle(BaseThrottle):
    scope = ""
    timer = staticmethod(time.time)

    def rate(self) -> tuple[int, int] | None:
        """(requests, seconds) from ``DEFAULT_THROTTLE_RATES``, read per request
        so that settings overrides apply; ``None``: not throttled."""
        text = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if not text:
            return None
        number, period = text.split("/")
        return int(number), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]

    def get_cache_key(self, request, view) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        rate = self.rate()
        key = self.get_cache_key(request, view) if rate else None
        if key is None:
            return True
        limit, duration = rate
        now = self.timer()
        window = int(now // duration)
        current, previous = f"{key}:{window}", f"{key}:{window - 1}"
        cache.add(current, 0, timeout=2 * duration)
        try:
            count = cache.incr(current)
        except ValueError:  # expired between add and incr
            cache.add(current, 1, timeout=2 * duration)
            count = 1
        covered = 1 - (now - window * duration) / duration
        estimate = (cache.get(previous) or 0) * covered + count
        if estimate <= limit:
            return True
        try:
            cache.decr(current)  # a refused request is not counted
        except ValueError:
            pass
        self.retry_after = math.ceil((window + 1) * duration - now)
        return False

    def wait(self) -> float | None:
        return getattr(self, "retry_after", None)


class AnonRateThrottle(WindowRateThrottle):
    """Anonymous requests, by the client's address (rate ``anon``)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return f"throttle:anon:{self.get_ident(request)}"


class UserRateThrottle(WindowRateThrottle):
    """Authenticated requests, by account (rate ``user``)."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return f"throttle:user:{request.user.pk}"


def is_export(view) -> bool:
    """Views that write whole files: a viewset's ``export`` action, or any view
    declaring ``throttle_scope = "export"``."""
    return getattr(view, "action", None) == "export" or (
        getattr(view, "throttle_scope", None) == "export"
    )


class ExportRateThrottle(WindowRateThrottle):
    """Exports, by account or else address (rate ``export``), on top of the
    other throttles."""

    scope = "export"

    def get_cache_key(self, request, view):
        if not is_export(view):
            return None
        if request.user and request.user.is_authenticated:
            return f"throttle:export:user:{request.user.pk}"
        return f"throttle:export:anon:{self.get_ident(request)}"
