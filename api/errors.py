"""Error bodies in the requester's language, for every error the API returns."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, except that Django's ``Http404`` and ``PermissionDenied``
    get DRF's translated messages: ``get_object_or_404`` raises an English
    sentence naming the model ("No Article matches the given query."), which
    would otherwise reach an Arabic reader as it is."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        # The editorial policy's refusals say why (annotations.permissions).
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        exc = _throttled(exc.wait)
    return drf_exception_handler(exc, context)


def _throttled(wait: int) -> exceptions.Throttled:
    """DRF's 429 picks "second" or "seconds" by the English rule after
    translating, so Arabic reads "30 ثواني"; this one is one plural message,
    with the catalogue's six Arabic forms. ``wait`` stays for Retry-After."""
    throttled = exceptions.Throttled(
        detail=ngettext(
            "Request was throttled. Expected available in %(wait)d second.",
            "Request was throttled. Expected available in %(wait)d seconds.",
            wait,
        )
        % {"wait": wait}
    )
    throttled.wait = wait
    return throttled


def page_not_found(request, exception=None):
    """Django's 404 for URLs no view matches: JSON under /api/, as a DRF view
    would answer, and Django's own page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    from django.views.defaults import page_not_found as django_page_not_found

    return django_page_not_found(request, exception)


def bad_request(request, exception=None):
    """Django's 400 for a request no view could read: a body that turned out
    larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` while it was read is a 413
    stating the limit; anything else is JSON under /api/, Django's page
    elsewhere."""
    from django.core.exceptions import RequestDataTooBig

    from api.middleware import body_too_large

    if isinstance(exception, RequestDataTooBig):
        return body_too_large(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    from django.views.defaults import bad_request as django_bad_request

    return django_bad_request(request, exception)
