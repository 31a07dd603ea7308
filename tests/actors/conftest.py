"""The API tests' seed corpus and clients, for the actors' API tests."""

from tests.api.conftest import anon, corpus, staff, staff_user  # noqa: F401
