"""Reading the process environment (``config.settings.env``): typed values with
defaults, and a clear error naming the variable when a value cannot be read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import cache_from_url, env_bool, env_int, env_list, env_str

NAME = "ARCHIVE_TEST_SETTING"


@pytest.fixture(autouse=True)
def unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


def test_a_string_is_the_variable_or_the_default(monkeypatch):
    assert env_str(NAME, "دمشق") == "دمشق"
    monkeypatch.setenv(NAME, "أنقرة")
    assert env_str(NAME, "دمشق") == "أنقرة"
    monkeypatch.setenv(NAME, "")
    assert env_str(NAME, "دمشق") == ""  # set but empty is a value, not the default


def test_a_string_without_a_default_must_be_set():
    with pytest.raises(ImproperlyConfigured, match=f"^Set the {NAME} environment variable.$"):
        env_str(NAME)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("ON", True)]
    + [("0", False), ("false", False), ("No", False), ("off", False), ("", False)],
)
def test_a_boolean_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv(NAME, raw)
    assert env_bool(NAME, not expected) is expected


def test_an_unset_boolean_is_the_default():
    assert env_bool(NAME, True) is True
    assert env_bool(NAME, False) is False


def test_a_boolean_that_is_neither_is_refused_naming_it(monkeypatch):
    monkeypatch.setenv(NAME, "maybe")
    with pytest.raises(ImproperlyConfigured) as refused:
        env_bool(NAME, True)
    assert str(refused.value) == f"{NAME} must be a boolean (1/0, true/false), not 'maybe'."


def test_an_integer(monkeypatch):
    assert env_int(NAME, 60) == 60
    monkeypatch.setenv(NAME, "0")
    assert env_int(NAME, 60) == 0
    monkeypatch.setenv(NAME, "-5")
    assert env_int(NAME, 60) == -5


@pytest.mark.parametrize("raw", ["1.5", "", "ten", "1e3"])
def test_an_integer_that_is_not_one_is_refused_naming_it(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_int(NAME, 60)
    assert str(refused.value) == f"{NAME} must be an integer, not {raw!r}."


def test_a_list_is_comma_separated_without_blanks(monkeypatch):
    assert env_list(NAME, ["localhost"]) == ["localhost"]
    monkeypatch.setenv(NAME, " archive.example.org, ,api.example.org ,")
    assert env_list(NAME, ["localhost"]) == ["archive.example.org", "api.example.org"]
    monkeypatch.setenv(NAME, "")
    assert env_list(NAME, ["localhost"]) == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "redis://cache:6379/0",
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://cache:6379/0",
            },
        ),
        (
            "rediss://cache:6380/1",
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "rediss://cache:6380/1",
            },
        ),
        (
            "db://",
            {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "archive_cache"},
        ),
        (
            "db://throttle_counts/",
            {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "throttle_counts",
            },
        ),
        (
            "locmem://one",
            {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "one"},
        ),
    ],
)
def test_a_cache_from_its_url(url, expected):
    assert cache_from_url(url) == expected


@pytest.mark.parametrize("url", ["memcached://cache:11211", "cache:6379", ""])
def test_a_cache_url_of_another_kind_is_refused_naming_it(url):
    with pytest.raises(ImproperlyConfigured) as refused:
        cache_from_url(url)
    assert str(refused.value) == (
        f"CACHE_URL must start with redis://, rediss://, db:// or locmem://, not {url!r}."
    )
