"""The agreement tests' editors, reviewer, article and assignment (and that
assignment coded by both editors), for the agreement report's API tests."""

from tests.agreement.conftest import (  # noqa: F401
    amal,
    annotate,
    article,
    assignment,
    bashir,
    coded,
    english,
    reviewer,
)
