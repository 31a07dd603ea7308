"""The session store: Django's database store, refusing a session cookie that
Django could not have issued before it reaches the database. A key holding a
NUL character (sent by a fuzzer, or a hostile client) would otherwise make
PostgreSQL fail the lookup and turn the request into a server error."""

from __future__ import annotations

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

_VALID_KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        # Django issues keys of 32 characters from VALID_KEY_CHARS.
        return super()._validate_session_key(key) and _VALID_KEY_CHARS.issuperset(key)
