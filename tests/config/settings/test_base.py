"""What the shared settings decide (``config.settings.base``), read afresh from
the environment: SQLite unless ``DATABASE_URL`` names PostgreSQL (then with
prepared statements and JIT off), the database cache and task queue by
default, Arabic first, and the API's parsers, throttles and rates."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

BASE = "config.settings.base"


def test_with_nothing_set_a_fresh_clone_runs_on_sqlite_with_no_server(settings_module):
    base = settings_module(BASE)
    database = base["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(base["BASE_DIR"] / "db.sqlite3")
    assert database.get("OPTIONS", {}) == {}
    assert base["CACHES"] == {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "archive_cache",
        }
    }
    assert base["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert (base["SECRET_KEY"], base["DEBUG"]) == ("", False)
    assert base["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert base["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {
        "anon": "120/minute",
        "user": "600/minute",
        "export": "60/hour",
    }
    assert base["ARCHIVE_EXPORT_STREAM_MAX_ROWS"] == 20000
    assert base["ARCHIVE_CHANGES_RETENTION_DAYS"] == 180


def test_postgresql_prepares_statements_and_turns_jit_off(settings_module):
    base = settings_module(BASE, DATABASE_URL="postgres://archivist@db.internal:5432/archive")
    database = base["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"], database["USER"]) == (
        "db.internal",
        "archive",
        "archivist",
    )
    assert database["OPTIONS"] == {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "options": "-c jit=off",
    }
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


def test_behind_a_pooler_preparing_can_be_turned_off(settings_module):
    base = settings_module(
        BASE, DATABASE_URL="postgres://db/archive", DATABASE_PREPARE_THRESHOLD="0"
    )
    assert base["DATABASES"]["default"]["OPTIONS"]["prepare_threshold"] is None


def test_deployment_values_come_from_the_environment(settings_module):
    base = settings_module(
        BASE,
        DJANGO_ALLOWED_HOSTS="archive.example.org, api.example.org",
        DJANGO_DEBUG="yes",
        CACHE_URL="redis://cache:6379/0",
        API_ANON_RATE="10/minute",
        API_NUM_PROXIES="1",
        ARCHIVE_EXPORT_STREAM_MAX_ROWS="0",
        DATABASE_CONN_MAX_AGE="0",
    )
    assert base["ALLOWED_HOSTS"] == ["archive.example.org", "api.example.org"]
    assert base["DEBUG"] is True
    assert base["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert base["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"]["anon"] == "10/minute"
    assert base["REST_FRAMEWORK"]["NUM_PROXIES"] == 1
    assert base["ARCHIVE_EXPORT_STREAM_MAX_ROWS"] is None  # 0: every export streams
    assert base["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


def test_a_bad_value_stops_the_settings_naming_the_variable(settings_module):
    with pytest.raises(ImproperlyConfigured, match="^API_NUM_PROXIES must be an integer"):
        settings_module(BASE, API_NUM_PROXIES="one")
    with pytest.raises(ImproperlyConfigured, match="^CACHE_URL must start with"):
        settings_module(BASE, CACHE_URL="memcached://cache")


def test_arabic_first_with_english_beside_it(settings_module):
    base = settings_module(BASE)
    assert base["LANGUAGE_CODE"] == "ar"
    assert [code for code, _name in base["LANGUAGES"]] == ["ar", "en"]
    middleware = base["MIDDLEWARE"]
    # The language is chosen after the session is read, and the request limits
    # answer before any view (and before CSRF) reads the body.
    assert (
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
        < middleware.index("django.middleware.locale.LocaleMiddleware")
        < middleware.index("api.middleware.RequestLimitsMiddleware")
        < middleware.index("django.middleware.csrf.CsrfViewMiddleware")
    )
    assert (base["USE_TZ"], base["TIME_ZONE"], base["ARCHIVE_SOURCE_TIME_ZONE"]) == (
        True,
        "Asia/Damascus",
        "Asia/Damascus",
    )


def test_the_api_parses_with_its_own_parsers_and_reads_cross_origin_only(settings_module):
    base = settings_module(BASE)
    assert base["REST_FRAMEWORK"]["DEFAULT_PARSER_CLASSES"] == [
        "api.parsers.JSONParser",
        "api.parsers.FormParser",
        "api.parsers.MultiPartParser",
    ]
    assert base["SESSION_ENGINE"] == "config.sessions"
    assert base["CORS_URLS_REGEX"] == r"^/api/.*$"
    assert base["CORS_ALLOW_METHODS"] == ["GET", "HEAD", "OPTIONS"]
