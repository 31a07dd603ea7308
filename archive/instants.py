"""The one way the archive writes an instant for machines: ISO 8601 in UTC with
a ``Z`` (``2025-08-13T13:51:00Z``), in the API, every export and the JSON-LD.
A researcher joining the CSV to the API's JSON compares equal strings."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _


def instant(value: dt.datetime | None) -> str | None:
    """``value`` in UTC, ISO 8601, ``Z``; microseconds only when it has them."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"a naive datetime has no instant: {value!r}")
    text = value.astimezone(dt.UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


def parse_instant(text: str) -> dt.datetime:
    """An ISO 8601 instant a client sent (``2025-08-13T13:51:00Z``, with a
    fraction or an offset such as ``+03:00``), in UTC. Strict: a date, a time
    and a zone are required (a time without a zone names no instant).
    Raises ``ValueError`` with a sentence saying what is wrong, in the active
    language."""
    if " " in text.strip() and "+" not in text:
        # A query string reads "+" as a space: "…13:51:00+03:00" arrives as "…13:51:00 03:00".
        example = _("write e.g. 2025-08-13T13:51:00Z (in a URL, write + as %2B)")
    else:
        example = _("write e.g. 2025-08-13T13:51:00Z")
    not_an_instant = _("not an ISO 8601 instant: %(text)s; %(example)s")
    if not text or len(text) > 40 or "\x00" in text or "T" not in text.upper():
        raise ValueError(not_an_instant % {"text": repr(text[:40]), "example": example})
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(not_an_instant % {"text": repr(text), "example": example}) from None
    if value.tzinfo is None:
        raise ValueError(
            _("%(text)s has no time zone: add Z for UTC (2025-08-13T13:51:00Z)")
            % {"text": repr(text)}
        )
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError(_("%(text)s is out of range") % {"text": repr(text)}) from None
