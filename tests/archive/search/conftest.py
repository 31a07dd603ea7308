"""The API tests' seed corpus (four published seeds, one draft), which the
PostgreSQL search tests search."""

from tests.api.conftest import corpus  # noqa: F401
