"""Request-wide rules of the API.

The API speaks UTC: every instant it writes, and every instant DRF's own
fields write or read under /api/, is in UTC (``archive.instants``). The admin
keeps the archive's working zone."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _


class APIInUTCMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        with timezone.override(dt.UTC):
            return self.get_response(request)


def _body_limit_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _("The request body is larger than the limit of %(bytes)s bytes (%(mib)s MiB).") % {
        "bytes": f"{limit:,}",
        "mib": f"{limit / 2**20:g}",
    }


def body_too_large(request) -> HttpResponse:
    """413 stating the limit: JSON under /api/, text elsewhere."""
    message = _body_limit_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class RequestLimitsMiddleware:
    """Input no view can answer, refused before any view reads it: a NUL
    character in the path (404) or in a query parameter (400 naming it;
    PostgreSQL text cannot hold one, so a lookup or filter would fail in the
    database), and a body declared larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``
    (413 stating the limit; a body that turns out larger while it is read gets
    the same answer from ``api.errors.bad_request``). JSON under /api/, as a
    DRF view would answer; text elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        if "\x00" in request.path:
            if api:
                return JsonResponse({"detail": _("Not found.")}, status=404)
            return HttpResponseNotFound(_("Not found."), content_type="text/plain; charset=utf-8")
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                message = str(ProhibitNullCharactersValidator.message)
                if api:
                    return JsonResponse(
                        {name.replace("\x00", "") or "query": [message]}, status=400
                    )
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and declared > limit:
            return body_too_large(request)
        return self.get_response(request)
