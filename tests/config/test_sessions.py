"""The session store (``config.sessions.SessionStore``): a session cookie
Django could not have issued is refused before it reaches the database."""

from __future__ import annotations

import pytest

from config.sessions import SessionStore
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "key",
    [
        "abcdefgh\x00ijklmnop",  # a NUL: PostgreSQL would fail the lookup
        "abcdefgh-ijklmnop",  # a character Django never issues
        "ABCDEFGHIJKLMNOP",  # upper case: not among Django's key characters
        "short",  # under Django's minimum of 8
        "",
    ],
)
def test_a_key_django_could_not_have_issued_is_not_a_session(key):
    store = SessionStore(session_key=key)
    assert store.session_key is None
    assert store.load() == {}


def test_an_issued_key_finds_its_session():
    store = SessionStore()
    store["answer"] = "نعم"
    store.save()
    assert len(store.session_key) == 32
    assert SessionStore(session_key=store.session_key).load() == {"answer": "نعم"}


def test_a_forged_session_cookie_is_ignored(editor):
    client = factories.client()
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
