"""Row values are written exactly as DRF's own fields would write them."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from rest_framework import serializers

from archive.serializers import datetime_formatter

VALUES = [
    dt.datetime(2025, 8, 13, 16, 51, tzinfo=dt.UTC),
    dt.datetime(2025, 8, 13, 16, 51, 7, 250, tzinfo=dt.UTC),
    dt.datetime(2024, 12, 31, 23, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Istanbul")),
    dt.datetime(2025, 8, 13, 19, 51),  # naive: read in the current zone, as DRF does
]


@pytest.mark.parametrize("zone", ["Asia/Damascus", "UTC", "America/New_York"])
def test_datetime_formatter_writes_what_drf_writes(zone):
    drf = serializers.DateTimeField()
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        format_datetime = datetime_formatter()
        assert [format_datetime(v) for v in VALUES] == [drf.to_representation(v) for v in VALUES]
        assert format_datetime(None) is None
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert datetime_formatter()(VALUES[0]) == "2025-08-13T16:51:00Z"
