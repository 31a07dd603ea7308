"""The editors' timeline: events on a time axis, drawn on the server as SVG.

Each event is a bar from its first to its last possible day, in a lane of
its own or shared with events that do not overlap it (first-fit lane
packing, so thousands of events stay a few hundred pixels tall). Each report
is a mark at the span of days its article's date allows; a conflicting event
is drawn as a hatched range with each article's claim on it. The axis is
labelled by month, or by day when the range shown is short (``zoom``).

Plain string building, no chart library, nothing to download. Thousands of
bars are drawn per request, so days are ordinals, bars and marks plain
tuples, each claim's span and label and each article's link are worked out
once per drawing, coordinates are formatted once per day, and the picture
is one join.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

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
GAP_PX = 2  # the least room between two bars sharing a lane
_UNSEEN = object()


class Mark(NamedTuple):
    """One report's claim: days as ordinals; ``label`` and ``url`` already
    escaped for the SVG (``article title: 8 March 2025``)."""

    first: int
    last: int
    label: str
    url: str


class Bar(NamedTuple):
    """One event: its days as ordinals, from its own dates widened to cover
    every claim on it."""

    event_id: int
    title: str
    kind: str
    first: int
    last: int
    conflicting: bool
    url: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Drawing:
    svg: str
    lanes: int
    bars: int
    hidden: int  # bars past MAX_LANES lanes
    start: dt.date
    end: dt.date
    zoom: str


def bars_from_rows(
    events: Iterable[dict],
    reports: dict[int, list[tuple]],
    *,
    event_url: Callable[[int], str],
    article_url: Callable[[int], str],
) -> list[Bar]:
    """Bars from event rows (``pk``, ``title``, ``title_en``, ``kind``,
    ``starts_on``, ``latest_on``) and, per event id, its reports as
    ``(article_id, article_title, claim, …)`` (``archive.selectors.timeline_rows``).
    A claim without a year takes the event's."""
    # claim (with the event's year when it states none): (first, last, label) or None
    seen: dict[tuple, tuple[int, int, str] | None] = {}
    articles: dict[int, tuple[str, str]] = {}  # id: (escaped "title: ", escaped url)
    bars = []
    for event in events:
        start = event["starts_on"]
        first = start.toordinal()
        last = (event["latest_on"] or start).toordinal()
        marks = []
        claims = []
        for article_id, article_title, claim, *_ in reports.get(event["pk"], ()):
            key = (claim, start.year) if claim[0] is None else claim
            known = seen.get(key, _UNSEEN)
            if known is _UNSEEN:
                bounds = claim_bounds(start.year, *claim[1:]) if claim[0] is None else None
                bounds = bounds or claim_bounds(*claim)
                known = seen[key] = (
                    None
                    if bounds is None
                    else (bounds[0].toordinal(), bounds[1].toordinal(), escape(date_label(*claim)))
                )
            if known is None:
                continue
            claims.append(claim)
            article = articles.get(article_id)
            if article is None:
                article = articles[article_id] = (
                    escape(f"{article_title}: "),
                    escape(article_url(article_id)),
                )
            marks.append(Mark(known[0], known[1], article[0] + known[2], article[1]))
            if known[0] < first:
                first = known[0]
            if known[1] > last:
                last = known[1]
        bars.append(
            Bar(
                event["pk"],
                event["title_en"] or event["title"],
                event["kind"],
                first,
                last,
                len(claims) > 1 and claims_conflict(claims),
                event_url(event["pk"]),
                tuple(marks),
            )
        )
    return bars


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], dt.date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def pack_lanes(spans: list[tuple[float, float]], limit: int) -> tuple[list[int], int]:
    """First-fit lanes for ``spans`` (left, right edges, sorted by left): each
    goes in the lowest lane whose last span ends more than ``GAP_PX`` before
    it, or a new lane; -1 past ``limit`` lanes. Returns the lanes and how
    many there are. A lane that is free for one span stays free for every
    later one (they start no earlier), so the free lanes are a heap."""
    busy: list[tuple[float, int]] = []  # (right edge, lane)
    free: list[int] = []
    lanes = 0
    placed = []
    for left, right in spans:
        while busy and busy[0][0] + GAP_PX < left:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        elif lanes < limit:
            lane, lanes = lanes, lanes + 1
        else:
            placed.append(-1)
            continue
        heapq.heappush(busy, (right, lane))
        placed.append(lane)
    return placed, lanes


def draw(
    bars: list[Bar], *, start: dt.date | None = None, end: dt.date | None = None, zoom: str = ""
) -> Drawing:
    """The SVG of ``bars`` between ``start`` and ``end`` (default: all of them)."""
    if bars:
        start = start or dt.date.fromordinal(min(b.first for b in bars))
        end = end or dt.date.fromordinal(max(b.last for b in bars))
    else:
        start = start or dt.date.today().replace(day=1)
        end = end or start
    if end < start:
        start, end = end, start
    days = (end - start).days + 1
    zoom = zoom or ("day" if days <= 62 else "month")
    pad = 3 if zoom == "day" else 15
    first_day, last_day = start - dt.timedelta(days=pad), end + dt.timedelta(days=pad)
    origin, final = first_day.toordinal(), last_day.toordinal()
    scale = (WIDTH - 2 * MARGIN_LEFT) / (final - origin + 1)

    shown = sorted(
        (b for b in bars if b.last >= origin and b.first <= final), key=lambda b: (b.first, b.last)
    )
    lanes_of, lanes = pack_lanes(
        [
            (MARGIN_LEFT + (b.first - origin) * scale, MARGIN_LEFT + (b.last + 1 - origin) * scale)
            for b in shown
        ],
        MAX_LANES,
    )
    lanes = max(1, lanes)
    height = MARGIN_TOP + lanes * LANE_HEIGHT + 10

    xs: dict[int, str] = {}  # day ordinal: its x, formatted
    widths: dict[tuple[int, float], str] = {}  # (days, least width): the width, formatted

    def x(day: int) -> str:
        text = xs.get(day)
        if text is None:
            text = xs[day] = f"{MARGIN_LEFT + (day - origin) * scale:.1f}"
        return text

    def width(days: int, least: float) -> str:
        text = widths.get((days, least))
        if text is None:
            text = widths[(days, least)] = f"{max(least, days * scale + scale):.1f}"
        return text

    isos: dict[int, str] = {}

    def iso(day: int) -> str:
        text = isos.get(day)
        if text is None:
            text = isos[day] = dt.date.fromordinal(day).isoformat()
        return text

    bar_height, claim_height = LANE_HEIGHT - 6, LANE_HEIGHT - 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="event-timeline" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="Timeline of {len(shown) - lanes_of.count(-1)} events">',
        '<defs><pattern id="conflict" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#e53935" '
        'fill-opacity="0.45"/></pattern></defs>',
        "<style>.event-timeline .claim{fill:none;stroke:#212121;stroke-width:1.2}"
        ".event-timeline .hatch{fill:url(#conflict);stroke:#e53935}</style>",
    ]
    out.extend(_axis(first_day, last_day, zoom, origin, scale, height))
    append = out.append
    hidden = 0
    for bar, lane in zip(shown, lanes_of, strict=True):
        if lane < 0:
            hidden += 1
            continue
        top = MARGIN_TOP + lane * LANE_HEIGHT
        left, span = x(bar.first), width(bar.last - bar.first, 3.0)
        dates = iso(bar.first) + (f" to {iso(bar.last)}" if bar.last != bar.first else "")
        colour = KIND_COLOURS.get(bar.kind, "#6d4c41")
        if bar.conflicting:
            append(
                f'<g class="event conflicting" data-event="{bar.event_id}">'
                f'<a href="{escape(bar.url)}"><title>{escape(bar.title)} ({dates}, the reports '
                f'disagree)</title><rect x="{left}" y="{top + 3}" width="{span}" '
                f'height="{bar_height}" rx="2" fill="{colour}" fill-opacity="0.25"/>'
                f'<rect class="hatch" x="{left}" y="{top + 3}" width="{span}" '
                f'height="{bar_height}"/></a>'
            )
        else:
            append(
                f'<g class="event" data-event="{bar.event_id}">'
                f'<a href="{escape(bar.url)}"><title>{escape(bar.title)} ({dates})</title>'
                f'<rect x="{left}" y="{top + 3}" width="{span}" height="{bar_height}" rx="2" '
                f'fill="{colour}" fill-opacity="0.7"/></a>'
            )
        for mark in bar.marks:
            append(
                f'<a href="{mark.url}"><title>{mark.label}</title><rect class="claim" '
                f'x="{x(mark.first)}" y="{top + 1}" width="{width(mark.last - mark.first, 2.0)}" '
                f'height="{claim_height}"/></a>'
            )
        append("</g>")
    append("</svg>")
    return Drawing("".join(out), lanes, len(shown) - hidden, hidden, start, end, zoom)


def _axis(
    first: dt.date, last: dt.date, zoom: str, origin: int, scale: float, height: int
) -> list[str]:
    def x(day: dt.date) -> float:
        return MARGIN_LEFT + (day.toordinal() - origin) * scale

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
