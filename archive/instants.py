"""The one way the archive writes an instant for machines: ISO 8601 in UTC with
a ``Z`` (``2025-08-13T13:51:00Z``), in the API, every export and the JSON-LD.
A researcher joining the CSV to the API's JSON compares equal strings."""

from __future__ import annotations

import datetime as dt


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
    Raises ``ValueError`` with a sentence saying what is wrong."""
    example = "write e.g. 2025-08-13T13:51:00Z"
    if " " in text.strip() and "+" not in text:
        # A query string reads "+" as a space: "…13:51:00+03:00" arrives as "…13:51:00 03:00".
        example += " (in a URL, write + as %2B)"
    if not text or len(text) > 40 or "\x00" in text or "T" not in text.upper():
        raise ValueError(f"not an ISO 8601 instant: {text[:40]!r}; {example}")
    try:
        value = dt.datetime.fromisoformat(text)
        if value.tzinfo is None:
            raise ValueError(f"{text!r} has no time zone: add Z for UTC (2025-08-13T13:51:00Z)")
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError(f"{text!r} is out of range") from None
    except ValueError as exc:
        if "time zone" in str(exc):
            raise
        raise ValueError(f"not an ISO 8601 instant: {text!r}; {example}") from None
