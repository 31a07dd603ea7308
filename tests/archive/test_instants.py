"""The one spelling of an instant for machines (ISO 8601, UTC, ``Z``), and the
strict reading of one a client sent, with a sentence saying what is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from archive.instants import instant, parse_instant

ISTANBUL = dt.timezone(dt.timedelta(hours=3))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_an_instant_is_written_in_utc_with_a_z():
    assert instant(dt.datetime(2025, 8, 13, 16, 51, tzinfo=ISTANBUL)) == "2025-08-13T13:51:00Z"
    assert instant(dt.datetime(2025, 8, 13, 13, 51, 0, 250, tzinfo=dt.UTC)) == (
        "2025-08-13T13:51:00.000250Z"
    )
    assert instant(None) is None


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="a naive datetime has no instant"):
        instant(dt.datetime(2025, 8, 13, 13, 51))


@pytest.mark.parametrize(
    "text",
    ["2025-08-13T13:51:00Z", "2025-08-13T16:51:00+03:00", "2025-08-13t13:51:00.000Z"],
)
def test_an_instant_sent_is_read_in_utc(text):
    assert parse_instant(text) == dt.datetime(2025, 8, 13, 13, 51, tzinfo=dt.UTC)


def test_a_plus_read_as_a_space_says_to_escape_it():
    with pytest.raises(ValueError) as error:
        parse_instant("2025-08-13T13:51:00 03:00")
    assert str(error.value) == (
        "not an ISO 8601 instant: '2025-08-13T13:51:00 03:00'; "
        "write e.g. 2025-08-13T13:51:00Z (in a URL, write + as %2B)"
    )


@pytest.mark.parametrize("text", ["", "2025-08-13", "yesterday", "x" * 41, "2025-08-13T\x00"])
def test_what_is_no_instant_says_so(text):
    with pytest.raises(ValueError, match=r"^not an ISO 8601 instant: .*; write e\.g\. "):
        parse_instant(text)


def test_a_time_without_a_zone_is_refused_naming_the_fix():
    with pytest.raises(ValueError) as error:
        parse_instant("2025-08-13T13:51:00")
    assert str(error.value) == (
        "'2025-08-13T13:51:00' has no time zone: add Z for UTC (2025-08-13T13:51:00Z)"
    )


def test_an_instant_beyond_the_calendar_is_out_of_range():
    with pytest.raises(ValueError, match=r"^'0001-01-01T00:00:00\+03:00' is out of range$"):
        parse_instant("0001-01-01T00:00:00+03:00")
