"""The timeline picture from rows (no database): each event's bar and its
reports' claims, the conflict range, lanes, the axis, and what is left out."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from archive import timeline

D = dt.date


def event(pk, starts_on, latest_on=None, kind="agreement", title_en=""):
    return {
        "pk": pk,
        "title": f"حدث {pk}",
        "title_en": title_en,
        "kind": kind,
        "starts_on": starts_on,
        "latest_on": latest_on,
    }


def bars_of(events, reports):
    return timeline.bars_from_rows(
        events, reports, event_url="/event/{}/".format, article_url="/article/{}/".format
    )


SDF = [event(7, D(2025, 3, 8), D(2025, 3, 10), title_en="Agreement <SDF>")]
SDF_REPORTS = {
    7: [
        (1, "مقال 000", (2025, 3, 8, "day")),
        (2, "مقال 001 & co", (None, 3, 10, "day")),
        (3, "مقال بلا تاريخ", (None, None, None, "")),  # unresolved: no mark
    ]
}


def test_a_bar_spans_its_claims_and_each_claim_is_a_mark():
    (bar,) = bars_of(SDF, SDF_REPORTS)
    assert (bar.event_id, bar.title, bar.kind, bar.url) == (
        7,
        "Agreement <SDF>",
        "agreement",
        "/event/7/",
    )
    assert (D.fromordinal(bar.first), D.fromordinal(bar.last)) == (D(2025, 3, 8), D(2025, 3, 10))
    assert bar.conflicting is True
    assert [(D.fromordinal(m.first), D.fromordinal(m.last), m.label, m.url) for m in bar.marks] == [
        (D(2025, 3, 8), D(2025, 3, 8), "مقال 000: 8 March 2025", "/article/1/"),
        # the year the article does not state is the event's, for drawing only
        (
            D(2025, 3, 10),
            D(2025, 3, 10),
            "مقال 001 &amp; co: 10 March (year not stated)",
            "/article/2/",
        ),
    ]


def test_a_month_claim_widens_the_bar_and_agrees():
    (bar,) = bars_of(
        [event(1, D(2025, 8, 13))],
        {1: [(4, "a", (2025, 8, 13, "day")), (5, "b", (2025, 8, None, "month"))]},
    )
    assert (D.fromordinal(bar.first), D.fromordinal(bar.last)) == (D(2025, 8, 1), D(2025, 8, 31))
    assert bar.conflicting is False
    assert [m.label for m in bar.marks] == ["a: 13 August 2025", "b: August 2025"]


def numbers(fragment: str, name: str) -> list[float]:
    return [float(v) for v in re.findall(rf'\b{name}="([\d.]+)"', fragment)]


def test_the_conflict_is_a_hatched_range_with_each_articles_claim():
    drawing = timeline.draw(bars_of(SDF, SDF_REPORTS))
    assert (drawing.bars, drawing.lanes, drawing.hidden, drawing.zoom) == (1, 1, 0, "day")
    assert (drawing.start, drawing.end) == (D(2025, 3, 8), D(2025, 3, 10))
    svg = drawing.svg
    assert svg.count('<g class="event conflicting" data-event="7">') == 1
    assert (
        "<title>Agreement &lt;SDF&gt; (2025-03-08 to 2025-03-10, the reports disagree)</title>"
        in svg
    )
    assert svg.count('class="hatch"') == 1
    group = svg[svg.index('<g class="event conflicting"') :]
    group = group[: group.index("</g>")]
    (bar_x,) = numbers(group[: group.index('class="hatch"')], "x")
    (bar_width,) = numbers(group[: group.index('class="hatch"')], "width")
    claims = re.findall(
        r'<a href="([^"]+)"><title>([^<]+)</title><rect class="claim" ([^>]+)/>', group
    )
    assert [(href, title) for href, title, _ in claims] == [
        ("/article/1/", "مقال 000: 8 March 2025"),
        ("/article/2/", "مقال 001 &amp; co: 10 March (year not stated)"),
    ]
    (x8,), (x10,) = (numbers(rect, "x") for _, _, rect in claims)
    (w8,), (w10,) = (numbers(rect, "width") for _, _, rect in claims)
    day = w8  # a one-day claim is a day wide (coordinates are written to 0.1 px)
    assert w10 == day
    assert x8 == bar_x
    assert x10 - x8 == pytest.approx(2 * day, abs=0.11)  # 10 March, two days on
    assert bar_width == pytest.approx(3 * day, abs=0.11)  # 8 to 10 March


def test_bars_that_do_not_overlap_share_a_lane():
    bars = bars_of(
        [event(1, D(2025, 1, 1)), event(2, D(2025, 1, 1)), event(3, D(2025, 4, 1), kind="meeting")],
        {},
    )
    svg = timeline.draw(bars).svg
    tops = {
        int(pk): int(y)
        for pk, y in re.findall(
            r'data-event="(\d+)"><a [^>]+><title>[^<]+</title><rect x="[\d.]+" y="(\d+)"', svg
        )
    }
    lane = timeline.LANE_HEIGHT
    top = timeline.MARGIN_TOP + 3
    assert tops == {1: top, 2: top + lane, 3: top}
    assert 'fill="#43a047"' in svg  # a meeting's colour
    assert "Jan 2025" in svg and ">Feb</text>" in svg and ">Mar</text>" in svg


def test_past_the_last_lane_bars_are_counted_not_drawn(monkeypatch):
    monkeypatch.setattr(timeline, "MAX_LANES", 2)
    bars = bars_of([event(n, D(2025, 1, 1)) for n in range(1, 4)], {})
    drawing = timeline.draw(bars)
    assert (drawing.bars, drawing.lanes, drawing.hidden) == (2, 2, 1)
    assert drawing.svg.count('<g class="event"') == 2
    assert 'aria-label="Timeline of 2 events"' in drawing.svg


def test_a_range_asked_for_leaves_out_the_events_outside_it():
    bars = bars_of([event(1, D(2025, 1, 5)), event(2, D(2025, 6, 5))], {})
    drawing = timeline.draw(bars, start=D(2025, 6, 1), end=D(2025, 6, 30))
    assert (drawing.bars, drawing.zoom) == (1, "day")
    assert 'data-event="2"' in drawing.svg and 'data-event="1"' not in drawing.svg
    assert ">June 2025</text>" in drawing.svg


def test_nothing_to_draw():
    drawing = timeline.draw([], start=D(2025, 6, 1), end=D(2025, 6, 30))
    assert (drawing.bars, drawing.lanes, drawing.hidden) == (0, 1, 0)
    assert 'aria-label="Timeline of 0 events"' in drawing.svg


@pytest.mark.parametrize(
    ("limit", "lanes", "count"),
    [(9, [0, 1, 0, 1], 2), (1, [0, -1, 0, -1], 1)],
)
def test_first_fit_lanes(limit, lanes, count):
    # the third starts more than 2 px after the first ends, the fourth after the second
    spans = [(0.0, 10.0), (5.0, 15.0), (13.0, 40.0), (20.0, 30.0)]
    assert timeline.pack_lanes(spans, limit) == (lanes, count)
