"""Optimistic concurrency in the API: a row's ``version`` (``archive.concurrency``)
as a strong ``ETag`` (``"3"``), and ``If-Match`` on writes.

- With ``If-Match: "3"``, the write happens only if the row is still at
  version 3; otherwise 412 Precondition Failed, with a JSON message.
- Without ``If-Match``, the write is accepted only if nobody changed the row
  between the request reading it and writing it (the same version compare, in
  the ``UPDATE``); otherwise 409 Conflict. A client that read the row earlier
  and wants its edit refused if someone else changed it since must send
  ``If-Match``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The resource changed since the version given in If-Match.")
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The resource changed while this request was writing it; try again.")
    default_code = "conflict"


NO_MATCH = -1  # no stored version is negative: a write with it always fails


def etag(version: int) -> str:
    return f'"{version}"'


def if_match(request) -> int | None:
    """The version ``If-Match`` asks for; ``None`` without the header (or for
    ``*``). An ETag that is not one of ours (a weak one, a stranger) matches
    no version, so the write is refused with 412, as HTTP says."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    for tag in (part.strip() for part in header.split(",")):
        if tag.startswith('"') and tag.endswith('"') and tag[1:-1].isdigit():
            return int(tag[1:-1])
    return NO_MATCH


def stale_write_error(exc, version: int | None) -> APIException:
    """``StaleVersion`` as the API answers it: 412 when the client named a
    version, 409 when the row changed under the request itself."""
    if version is None:
        return Conflict(exc.message)
    return PreconditionFailed(exc.message)
