"""Throttles counted in the shared cache: anonymous clients by address (which
their own X-Forwarded-For cannot change), users by account, exports by their
own rate; a sliding window over two fixed ones."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from api.throttling import WindowRateThrottle

TOPICS = "/api/v1/topics/"


@pytest.fixture
def clock(monkeypatch):
    """The throttles' clock, at 30 s into a minute; move it with ``clock.now``."""

    class Clock:
        now = 1_800_000_030.0

    monkeypatch.setattr(WindowRateThrottle, "timer", staticmethod(lambda: Clock.now))
    return Clock


@pytest.fixture
def rates(settings, clock):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute", "export": "2/minute"},
        "NUM_PROXIES": 0,
    }
    cache.clear()
    yield settings
    cache.clear()


def statuses(client, url=TOPICS, n=1, **headers) -> list[int]:
    return [client.get(url, **headers).status_code for _ in range(n)]


def test_anonymous_clients_are_throttled_with_a_retry_time(corpus, anon, rates):
    assert statuses(anon, n=3) == [200, 200, 200]
    response = anon.get(TOPICS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert response.json() == {"detail": "Request was throttled. Expected available in 30 seconds."}


def test_a_spoofed_x_forwarded_for_does_not_reset_the_count(corpus, anon, rates):
    assert statuses(anon, n=3, HTTP_X_FORWARDED_FOR="203.0.113.1") == [200, 200, 200]
    for fake in ("203.0.113.2", "198.51.100.7, 203.0.113.3", "127.0.0.2"):
        assert statuses(anon, HTTP_X_FORWARDED_FOR=fake) == [429]


def test_behind_one_proxy_the_address_it_saw_counts(corpus, anon, rates):
    rates.REST_FRAMEWORK = {**rates.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The proxy appends the client's address; what the client wrote stays in front.
    for n in range(3):
        assert statuses(anon, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.20") == [200]
    assert statuses(anon, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.20") == [429]
    # Another client behind the same proxy has its own count.
    assert statuses(anon, HTTP_X_FORWARDED_FOR="198.51.100.21") == [200]


def test_authenticated_users_are_throttled_by_account(corpus, staff, reader, rates):
    assert statuses(staff, n=6) == [200] * 5 + [429]
    assert statuses(reader, n=1) == [200]  # another account, its own count


def test_exports_have_their_own_rate(corpus, anon, rates):
    rates.REST_FRAMEWORK = {
        **rates.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10/minute", "user": None, "export": "2/minute"},
    }
    export = "/api/v1/annotations/export.jsonl"
    codes = []
    for _ in range(3):
        response = anon.get(export)
        codes.append(response.status_code)
        if response.status_code == 200:
            assert b"".join(response.streaming_content)  # read to the end, as a client does
    assert codes == [200, 200, 429]
    assert statuses(anon) == [200]  # the lists are still answered


def test_the_window_slides(corpus, anon, rates, clock):
    assert statuses(anon, n=4) == [200, 200, 200, 429]
    clock.now += 30  # the next minute starts: the last one still weighs in full
    assert statuses(anon) == [429]
    clock.now += 20  # 20 s into it: the last minute's 3 weigh 2
    assert statuses(anon, n=2) == [200, 429]
    clock.now += 60  # the first minute is past; the one request of the second weighs 2/3
    assert statuses(anon, n=3) == [200, 200, 429]
