"""The orjson renderer writes the JSON DRF's own renderer writes."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer

from api.renderers import ORJSONRenderer

DATA = {
    "title": "سوريا وتركيا",
    "when": dt.datetime(2025, 8, 13, 19, 51, 0, 123456, tzinfo=ZoneInfo("Asia/Damascus")),
    "utc": dt.datetime(2025, 8, 13, 16, 51, tzinfo=dt.UTC),
    "day": dt.date(2025, 8, 13),
    "price": decimal.Decimal("1.50"),
    "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy": _("summary"),
    "nested": [{"rank": 0.25, "ok": True, "none": None}],
    2: "a non-string key",
}


def test_same_json_as_drf():
    ours = ORJSONRenderer().render(DATA)
    drf = JSONRenderer().render(DATA)
    assert ours == drf  # byte for byte
    assert b'"utc":"2025-08-13T16:51:00Z"' in ours  # DRF's way with UTC
    assert "سوريا".encode() in ours  # UTF-8, not \u escapes


def test_line_separators_escaped_for_javascript():
    assert ORJSONRenderer().render({"a": "x\u2028y\u2029"}) == b'{"a":"x\\u2028y\\u2029"}'


def test_indent_and_unencodable_fall_back_to_drf():
    indented = ORJSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert indented == JSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert ORJSONRenderer().render({"big": 2**70}) == b'{"big":1180591620717411303424}'
    assert ORJSONRenderer().render(None) == b""


def test_api_serves_it(corpus, anon):
    response = anon.get("/api/v1/articles/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"]
