"""The timeline page's data: the filters of the query applied (and their
errors said, drawing nothing), the zoom kept only when it is one, the lists
the filter form offers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import translation

from archive.timeline_view import timeline_context

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Errors and labels in English, as the editors' clients ask (the
    project's default language is Arabic)."""
    with translation.override("en"):
        yield


def context(user, **query) -> dict:
    request = RequestFactory().get("/admin/archive/event/timeline/", query)
    request.user = user
    return timeline_context(request)


def test_the_dates_and_zoom_asked_frame_the_drawing(editor):
    data = context(editor, date_from="2025-03-01", date_to="2025-03-31", zoom="month", page="2")
    drawing = data["drawing"]
    assert (drawing.start, drawing.end, drawing.zoom) == (
        dt.date(2025, 3, 1),
        dt.date(2025, 3, 31),
        "month",
    )
    assert (drawing.bars, data["errors"]) == (0, [])
    # The query kept for the form: the filters given, not the zoom or other keys.
    assert data["query"] == {"date_from": "2025-03-01", "date_to": "2025-03-31"}
    assert ("agreement", "agreement signing") in [(k, str(v)) for k, v in data["kinds"]]


def test_an_unknown_zoom_falls_back_to_the_one_the_span_calls_for(editor):
    drawing = context(editor, date_from="2025-03-01", date_to="2025-03-31", zoom="year")["drawing"]
    assert drawing.zoom == "day"


def test_a_bad_filter_is_said_and_draws_nothing(editor):
    data = context(editor, date_from="March", kind="agreement")
    assert data["errors"] == ["date_from: Enter a valid date."]
    assert data["drawing"].bars == 0
    assert data["query"] == {"date_from": "March", "kind": "agreement"}
