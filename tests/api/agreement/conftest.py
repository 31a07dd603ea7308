"""The agreement tests' editors, reviewer, article and assignment, for the
agreement report's API tests."""

from tests.agreement.conftest import (  # noqa: F401
    amal,
    annotate,
    article,
    assignment,
    bashir,
    english,
    reviewer,
)
