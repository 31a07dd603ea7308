"""Production settings (``config.settings.production``): refuse to start
without a long secret key; HTTPS only, with HSTS; `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.config.settings.conftest import NAMES, PREFIXES

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args, **env):
    # Strip what the settings read, as the in-process tests do (conftest.py).
    environ = {k: v for k, v in os.environ.items() if not (k.startswith(PREFIXES) or k in NAMES)}
    environ.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_reports_nothing_with_the_documented_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        DJANGO_ALLOWED_HOSTS="archive.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


# Run in this process: the shared settings as imported, with the key a test gives.
PRODUCTION = "config.settings.production"
KEY = "k" * 20 + "-production-secret-for-the-deploy-check-0123456789"


@pytest.fixture
def production(settings_module, monkeypatch):
    from config.settings import base

    def run(secret_key: str = KEY, **environ: str) -> dict:
        monkeypatch.setattr(base, "SECRET_KEY", secret_key)
        return settings_module(PRODUCTION, **environ)

    return run


@pytest.mark.parametrize("key", ["", "k" * 49])
def test_a_key_shorter_than_fifty_characters_is_refused(production, key):
    with pytest.raises(ImproperlyConfigured) as refused:
        production(key)
    assert str(refused.value) == (
        "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters in production."
    )


def test_https_only_with_a_year_of_hsts_by_default(production):
    settings = production("k" * 50)
    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert (settings["SESSION_COOKIE_SECURE"], settings["CSRF_COOKIE_SECURE"]) == (True, True)
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["X_FRAME_OPTIONS"] == "DENY"


def test_debug_stays_off_whatever_the_shared_settings_say(production, monkeypatch):
    from config.settings import base

    monkeypatch.setattr(base, "DEBUG", True)  # as DJANGO_DEBUG=1 would make it
    assert production()["DEBUG"] is False


def test_the_redirect_and_hsts_can_be_set_from_the_environment(production):
    settings = production(DJANGO_SECURE_SSL_REDIRECT="off", DJANGO_HSTS_SECONDS="3600")
    assert (settings["SECURE_SSL_REDIRECT"], settings["SECURE_HSTS_SECONDS"]) == (False, 3600)
    with pytest.raises(ImproperlyConfigured, match="^DJANGO_HSTS_SECONDS must be an integer"):
        production(DJANGO_HSTS_SECONDS="a year")
