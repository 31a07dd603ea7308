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
