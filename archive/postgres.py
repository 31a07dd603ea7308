"""What the archive sets on each PostgreSQL connection it opens.

Timestamps are read by psycopg's C loader. Django (5.2) registers its own
``timestamptz`` loader on every connection, a subclass of psycopg's
pure-Python one (the C class cannot be subclassed: Django ticket #36960,
psycopg issue #1273), so with ``psycopg[binary]`` installed every
timestamp was still parsed in Python: 3.5 µs each, 36 ms of 41 for 5,000
rows of two timestamps, and 15% of a filtered annotation list page (two
timestamps a row) at 200,000 articles. Django's loader gives the instant
with the connection's zone; psycopg's gives it in the session's
``TimeZone``, which Django has set to that zone by the time the connection
is announced. So on a UTC connection, the archive's only kind, the two give
the same ``datetime`` (``tzinfo`` ``datetime.timezone.utc``).
"""

from __future__ import annotations

import datetime

import psycopg
from psycopg.pq import Format
from psycopg.types.datetime import TimestamptzLoader as PythonTimestamptzLoader

TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid

# psycopg's own text loader of ``timestamptz``: the C one where psycopg's C
# implementation is installed, else the pure-Python one.
PSYCOPG_LOADER = psycopg.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)


class UTCTimestampLoader:
    """Registered on a UTC connection in place of Django's loader: makes
    ``PSYCOPG_LOADER``. ``timezone`` is what Django's cursor compares with the
    connection's before it registers a loader of its own on the cursor (it
    then registers none)."""

    timezone = datetime.UTC
    format = Format.TEXT

    def __new__(cls, oid, context=None):
        return PSYCOPG_LOADER(oid, context)


def load_timestamps_in_c(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: on a PostgreSQL connection in UTC, read
    ``timestamptz`` with psycopg's C loader when it has one (nothing changes
    on SQLite, on another zone or without psycopg's C implementation)."""
    if connection.vendor != "postgresql" or connection.timezone != datetime.UTC:
        return
    if PSYCOPG_LOADER is PythonTimestamptzLoader:
        return  # no C implementation: Django's loader is as fast
    connection.connection.adapters.register_loader(TIMESTAMPTZ_OID, UTCTimestampLoader)
