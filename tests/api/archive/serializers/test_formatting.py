"""Instants are written one way everywhere: UTC, ISO 8601, ``Z``."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from api.archive.serializers import datetime_formatter
from archive.instants import instant

VALUES = [
    dt.datetime(2025, 8, 13, 16, 51, tzinfo=dt.UTC),
    dt.datetime(2025, 8, 13, 16, 51, 7, 250, tzinfo=dt.UTC),
    dt.datetime(2024, 12, 31, 23, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Istanbul")),
]
WRITTEN = ["2025-08-13T16:51:00Z", "2025-08-13T16:51:07.000250Z", "2024-12-31T20:30:00Z"]


@pytest.mark.parametrize("zone", ["Asia/Damascus", "UTC", "America/New_York"])
def test_the_current_zone_does_not_change_what_is_written(zone):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        format_datetime = datetime_formatter()
        assert [format_datetime(v) for v in VALUES] == WRITTEN
        assert format_datetime(None) is None


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive"):
        instant(dt.datetime(2025, 8, 13, 19, 51))
