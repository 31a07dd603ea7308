"""Running a settings module afresh, in an environment the test sets."""

from __future__ import annotations

import os
import runpy
import warnings

import pytest

# Every variable the settings read, so that the machine's own do not decide a test.
PREFIXES = ("DJANGO_", "DATABASE_", "API_", "ARCHIVE_", "CORS_", "GUNICORN_")
NAMES = ("CACHE_URL", "TASKS_BACKEND", "WEB_CONCURRENCY")


@pytest.fixture
def settings_module(monkeypatch):
    """``settings_module("config.settings.base", NAME="value")``: the module's
    names after running it with only these variables set."""
    for name in list(os.environ):
        if name.startswith(PREFIXES) or name in NAMES:
            monkeypatch.delenv(name)

    def run(module: str, **environ: str) -> dict:
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        with warnings.catch_warnings():
            # Run afresh on purpose, though the suite imported it already.
            warnings.filterwarnings("ignore", f"'{module}' found in sys.modules", RuntimeWarning)
            return runpy.run_module(module)

    return run
