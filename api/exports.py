"""Streamed exports (CSV with a BOM for Excel, JSON Lines) of the article and
event lists, each record as the list writes it. Rows are read with ``.iterator(chunk_size=…)``, their sources and topics with
them, so memory stays flat however many rows are exported."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import orjson
from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from archive.selectors import ARTICLE_LIST_FIELDS

CHUNK = 2000
BOM = "\ufeff"


def chunked(iterable: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Line:
    """A file-like object whose ``write`` returns what it was given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


# A spreadsheet reads a cell starting with one of these as a formula (OWASP,
# "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell that a spreadsheet would run as a formula, made plain with a
    leading apostrophe (OWASP's rule); numbers and other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """Every CSV the archive writes: a BOM, the header, then the rows, each
    cell through ``spreadsheet_safe``."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row])


def jsonl_lines(records: Iterable[dict]) -> Iterator[bytes]:
    option = orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS
    for record in records:
        yield orjson.dumps(record, option=option)


def streaming_response(
    lines: Iterable, *, content_type: str, filename: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def sources_text(sources: list[dict]) -> str:
    return "; ".join(f"{s['name']} ({s['role']})" for s in sources)


def article_records(
    queryset: QuerySet,
    *,
    serializer,
    include_body: bool = False,
    order: tuple[str, ...] = ("id",),
    actors: Callable[[list[int]], dict[int, list[str]]] = lambda ids: {},
) -> Iterator[dict]:
    """The list's record of each article of ``queryset``
    (``annotations.selectors.article_list`` rows, already filtered for the
    user), written by ``serializer`` (an ``ArticleSerializer``), and
    ``actors``: the slugs of the actors named in it that the user may see
    (``actors`` gives them for a chunk of article ids)."""
    fields = (*ARTICLE_LIST_FIELDS, *(("body",) if include_body else ()))
    rows = (
        queryset.prefetch_related(None)
        .order_by(*order)
        .values(*fields, "annotation_count", "sources_json", "topics_json", "address", "story")
    )
    for chunk in chunked(rows.iterator(chunk_size=CHUNK)):
        named = actors([row["id"] for row in chunk])
        for row in chunk:
            record = serializer.row_representation(row)
            record["actors"] = named.get(row["id"], [])
            yield record


# ---------------------------------------------------------------------------------------
# Events: one record per event (what the API's event list writes; its CSV is
# that record laid flat, ``api.tables``), a calendar feed, and the timeline's
# rows (one per report).


def event_records(queryset: QuerySet, serialize: Callable[[Any], dict]) -> Iterator[dict]:
    """The events of ``queryset`` (``archive.selectors.event_list``, filtered
    for the user), by date then id, each as the API writes it, a chunk at a
    time."""
    for event in queryset.order_by("starts_on", "id").iterator(chunk_size=CHUNK):
        yield serialize(event)


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF and a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def event_ics(records: Iterable[dict], *, host: str) -> Iterator[str]:
    """An iCalendar feed (RFC 5545): one all-day VEVENT per event, from its
    start to the last day its dates allow; the description lists each
    report's date, and says so when they disagree."""
    yield "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Arabic news archive//events//EN\r\n"
    yield "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:Archive events\r\n"
    for r in records:
        start = dt.date.fromisoformat(r["starts_on"])
        last = dt.date.fromisoformat(r["latest_on"]) if r.get("latest_on") else start
        stamp = r["updated_at"].replace("-", "").replace(":", "").split(".")[0].rstrip("Z")
        lines = [
            "BEGIN:VEVENT",
            f"UID:event-{r['id']}@{host}",
            f"DTSTAMP:{stamp}Z",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(r['title_en'] or r['title'])}",
            f"CATEGORIES:{_ics_text(r['kind'])}",
            f"URL:{r['url']}",
        ]
        if r["place"]:
            lines.append(f"LOCATION:{_ics_text(r['place'])}")
        description = [r["title"]]
        if r["conflicting"]:
            description.append("The reports disagree on the date.")
        description += [
            f"{report['title']}: {report['claimed']['label']}"
            + (f" ({report['reported_date_text']})" if report["reported_date_text"] else "")
            for report in r["reports"]
        ]
        lines.append(f"DESCRIPTION:{_ics_text(chr(10).join(description))}")
        lines.append("END:VEVENT")
        yield "".join(_ics_fold(line) for line in lines)
    yield "END:VCALENDAR\r\n"


def timeline_rows(
    events: Iterable[dict],
    reports: dict[int, list[tuple]],
    *,
    event_url: Callable[[int], str],
    article_url: Callable[[int], str],
) -> Iterator[dict]:
    """One row per report, shaped for plotting, from the rows of
    ``archive.selectors.timeline_rows`` (events by date): the span of days the
    report's date allows (a claim without a year takes the event's), and
    whether the event's reports disagree."""
    from archive.parsing.events import claim_bounds, claims_conflict, date_label

    labels: dict[tuple, str] = {}
    for event in events:
        found = reports.get(event["pk"])
        if not found:
            continue
        conflicting = len(found) > 1 and claims_conflict([report[2] for report in found])
        year = event["starts_on"].year
        url = event_url(event["pk"])
        for article_id, article_title, claim, published_on, date_text in found:
            bounds = claim_bounds(claim[0] or year, *claim[1:])
            label = labels.get(claim)
            if label is None:
                label = labels[claim] = date_label(*claim)
            yield {
                "event_id": event["pk"],
                "event_url": url,
                "event_title": event["title"],
                "event_title_en": event["title_en"],
                "kind": event["kind"],
                "conflicting": conflicting,
                "article_id": article_id,
                "article_url": article_url(article_id),
                "article_title": article_title,
                "published_on": published_on.isoformat() if published_on else None,
                "claimed_start": bounds[0].isoformat() if bounds else None,
                "claimed_end": bounds[1].isoformat() if bounds else None,
                "year_stated": claim[0] is not None,
                "precision": claim[3],
                "label": label,
                "date_text": date_text,
            }
