"""The settings the suite runs under (``config.settings.test``), as they stand
in this very run: fast hashing, no throttling, memory cache, tasks inline, and
export files in a folder of the run's own."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings


def test_the_suite_runs_under_the_test_settings():
    assert settings.SETTINGS_MODULE == "config.settings.test"
    assert settings.SECRET_KEY == "test-only-key"
    assert settings.DEBUG is False
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_no_throttling_but_the_rest_of_the_api_as_in_production():
    from config.settings import base

    rest = settings.REST_FRAMEWORK
    assert rest["DEFAULT_THROTTLE_RATES"] == {"anon": None, "user": None, "export": None}
    assert {k: v for k, v in rest.items() if k != "DEFAULT_THROTTLE_RATES"} == {
        k: v for k, v in base.REST_FRAMEWORK.items() if k != "DEFAULT_THROTTLE_RATES"
    }


def test_cache_and_tasks_stay_in_the_test_process():
    assert settings.CACHES == {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert settings.TASKS == {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_export_files_go_to_a_temporary_folder_of_the_runs_own():
    folder = Path(settings.ARCHIVE_EXPORTS_DIR)
    assert folder.is_dir()
    assert folder.parent == Path(tempfile.gettempdir())
    assert folder.name.startswith("archive-test-exports-")
