"""A CSV laid flat from a serializer (``api.tables``)."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from api import tables


class PlaceSerializer(serializers.Serializer):
    lat = serializers.FloatField()
    lon = serializers.FloatField()


class ThingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tags = serializers.ListField(child=serializers.CharField())
    place = PlaceSerializer(allow_null=True)
    parts = serializers.ListField(child=serializers.DictField())

    class Meta:
        csv_columns = {
            "place": tables.nested("place", PlaceSerializer),
            "parts": [("part_count", len)],
        }


def test_columns_follow_the_fields_and_their_declared_flat_forms():
    table = tables.columns(ThingSerializer())
    assert tables.header(table) == ["id", "tags", "place_lat", "place_lon", "part_count"]
    records = [
        {"id": 1, "tags": ["a", "b"], "place": {"lat": 36.2, "lon": 37.1}, "parts": [{}, {}]},
        {"id": 2, "tags": [], "place": None, "parts": []},
    ]
    assert list(tables.csv_of(records, table)) == [
        "\ufeffid,tags,place_lat,place_lon,part_count\r\n",
        '1,"a, b",36.2,37.1,2\r\n',
        "2,,,,0\r\n",
    ]


def test_a_nested_field_without_a_flat_form_is_refused():
    class Loose(serializers.Serializer):
        id = serializers.IntegerField()
        place = PlaceSerializer()

        class Meta:
            pass

    table = tables.columns(Loose())
    with pytest.raises(TypeError, match="place: say in Meta.csv_columns"):
        list(tables.csv_of([{"id": 1, "place": {"lat": 1.0, "lon": 2.0}}], table))
