"""The editors' timeline: events on a time axis, drawn on the server as SVG.

Each event is a bar from its first to its last possible day, in a lane of
its own or shared with events that do not overlap it (greedy lane packing,
so thousands of events stay a few hundred pixels tall). Each report is a
mark at the span of days its article's date allows; a conflicting event is
drawn as a hatched range with each article's claim on it. The axis is
labelled by month, or by day when the range shown is short (``zoom``).
Plain string building: no chart library, nothing to download.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from archive.parsing.events import claim_bounds, claims_conflict, date_label

KIND_COLOURS = {
    "agreement": "#1e88e5",
    "meeting": "#43a047",
    "visit": "#8e24aa",
    "conference": "#fb8c00",
    "statement": "#757575",
    "military_action": "#e53935",
    "other": "#6d4c41",
}
LANE_HEIGHT = 18
MARGIN_TOP = 34
MARGIN_LEFT = 8
WIDTH = 1200
MAX_LANES = 400


@dataclass
class Mark:
    start: dt.date
    end: dt.date
    label: str  # "article title: 8 March 2025"
    url: str = ""


@dataclass
class Bar:
    event_id: int
    title: str
    kind: str
    start: dt.date
    end: dt.date
    conflicting: bool
    url: str
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Drawing:
    svg: str
    lanes: int
    bars: int
    hidden: int  # bars past MAX_LANES lanes
    start: dt.date
    end: dt.date
    zoom: str


def bars_from_rows(
    events: Iterable[dict], reports: dict[int, list[tuple]], *, event_url, article_url
) -> list[Bar]:
    """Bars from event rows (``pk``, ``title``, ``title_en``, ``kind``,
    ``starts_on``, ``latest_on``) and, per event id, its reports as
    ``(article_id, article_title, claim)`` (``archive.selectors.timeline_rows``)."""
    bars = []
    for event in events:
        start = event["starts_on"]
        end = event["latest_on"] or start
        bar = Bar(
            event["pk"],
            event["title_en"] or event["title"],
            event["kind"],
            start,
            end,
            False,
            event_url(event["pk"]),
        )
        claims = []
        for article_id, article_title, claim in reports.get(event["pk"], ()):
            year, month, day, precision = claim
            bounds = claim_bounds(year or start.year, month, day, precision)
            if bounds is None:
                continue
            claims.append(claim)
            bar.marks.append(
                Mark(
                    bounds[0],
                    bounds[1],
                    f"{article_title}: {date_label(year, month, day, precision)}",
                    article_url(article_id),
                )
            )
            bar.start, bar.end = min(bar.start, bounds[0]), max(bar.end, bounds[1])
        bar.conflicting = claims_conflict(claims)
        bars.append(bar)
    return bars


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], dt.date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def draw(
    bars: list[Bar], *, start: dt.date | None = None, end: dt.date | None = None, zoom: str = ""
) -> Drawing:
    """The SVG of ``bars`` between ``start`` and ``end`` (default: all of them)."""
    if bars:
        start = start or min(b.start for b in bars)
        end = end or max(b.end for b in bars)
    else:
        start = start or dt.date.today().replace(day=1)
        end = end or start
    if end < start:
        start, end = end, start
    days = (end - start).days + 1
    zoom = zoom or ("day" if days <= 62 else "month")
    pad = 3 if zoom == "day" else 15
    first, last = start - dt.timedelta(days=pad), end + dt.timedelta(days=pad)
    span = (last - first).days + 1
    scale = (WIDTH - 2 * MARGIN_LEFT) / span

    def x(day: dt.date) -> float:
        return MARGIN_LEFT + (day - first).days * scale

    shown = sorted(
        (b for b in bars if b.end >= first and b.start <= last), key=lambda b: (b.start, b.end)
    )
    lane_ends: list[float] = []
    placed: list[tuple[int, Bar]] = []
    hidden = 0
    for bar in shown:
        left = x(bar.start)
        for lane, lane_end in enumerate(lane_ends):
            if lane_end + 2 < left:
                lane_ends[lane] = x(bar.end + dt.timedelta(days=1))
                placed.append((lane, bar))
                break
        else:
            if len(lane_ends) >= MAX_LANES:
                hidden += 1
                continue
            lane_ends.append(x(bar.end + dt.timedelta(days=1)))
            placed.append((len(lane_ends) - 1, bar))
    lanes = max(1, len(lane_ends))
    height = MARGIN_TOP + lanes * LANE_HEIGHT + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="event-timeline" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="Timeline of {len(placed)} events">',
        '<defs><pattern id="conflict" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#e53935" '
        'fill-opacity="0.45"/></pattern></defs>',
    ]
    out.extend(_axis(first, last, zoom, x, height))
    for lane, bar in placed:
        out.append(_bar(bar, lane, x, scale))
    out.append("</svg>")
    return Drawing("".join(out), lanes, len(placed), hidden, start, end, zoom)


def _axis(first: dt.date, last: dt.date, zoom: str, x, height: int) -> list[str]:
    parts = ['<g class="axis" font-size="11" fill="#555">']
    if zoom == "day":
        day = first
        while day <= last:
            left = x(day)
            strong = day.day == 1
            parts.append(
                f'<line x1="{left:.1f}" y1="{MARGIN_TOP - 6}" x2="{left:.1f}" y2="{height}" '
                f'stroke="{"#bbb" if strong else "#eee"}"/>'
            )
            if day.day % 2 == 1 or strong:
                parts.append(f'<text x="{left + 2:.1f}" y="{MARGIN_TOP - 10}">{day.day}</text>')
            if strong or day == first:
                parts.append(f'<text x="{left + 2:.1f}" y="12">{day:%B %Y}</text>')
            day += dt.timedelta(days=1)
    else:
        for month in _month_starts(first, last):
            left = x(max(month, first))
            parts.append(
                f'<line x1="{left:.1f}" y1="{MARGIN_TOP - 6}" x2="{left:.1f}" y2="{height}" '
                'stroke="#ddd"/>'
            )
            label = f"{month:%b}" + (f" {month:%Y}" if month.month == 1 or month <= first else "")
            parts.append(f'<text x="{left + 2:.1f}" y="{MARGIN_TOP - 10}">{label}</text>')
    parts.append("</g>")
    return parts


def _bar(bar: Bar, lane: int, x, scale: float) -> str:
    top = MARGIN_TOP + lane * LANE_HEIGHT
    left = x(bar.start)
    width = max(3.0, (bar.end - bar.start).days * scale + scale)
    colour = KIND_COLOURS.get(bar.kind, "#6d4c41")
    title = escape(
        f"{bar.title} ({bar.start:%Y-%m-%d}"
        + (f" to {bar.end:%Y-%m-%d}" if bar.end != bar.start else "")
        + (", the reports disagree" if bar.conflicting else "")
        + ")"
    )
    parts = [
        f'<g class="event{" conflicting" if bar.conflicting else ""}" data-event="{bar.event_id}">'
        f'<a href="{escape(bar.url)}"><title>{title}</title>'
        f'<rect x="{left:.1f}" y="{top + 3}" width="{width:.1f}" height="{LANE_HEIGHT - 6}" '
        f'rx="2" fill="{colour}" fill-opacity="{0.25 if bar.conflicting else 0.7}"/>'
    ]
    if bar.conflicting:
        parts.append(
            f'<rect x="{left:.1f}" y="{top + 3}" width="{width:.1f}" '
            f'height="{LANE_HEIGHT - 6}" fill="url(#conflict)" stroke="#e53935"/>'
        )
    parts.append("</a>")
    for mark in bar.marks:
        mark_left = x(mark.start)
        mark_width = max(2.0, (mark.end - mark.start).days * scale + scale)
        parts.append(
            f'<a href="{escape(mark.url)}"><title>{escape(mark.label)}</title>'
            f'<rect class="claim" x="{mark_left:.1f}" y="{top + 1}" width="{mark_width:.1f}" '
            f'height="{LANE_HEIGHT - 2}" fill="none" stroke="#212121" stroke-width="1.2"/></a>'
        )
    parts.append("</g>")
    return "".join(parts)
