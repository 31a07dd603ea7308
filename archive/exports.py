"""Streamed exports (CSV with a BOM for Excel, JSON Lines) of the article list.
Rows are read with ``.iterator(chunk_size=…)``, their sources and topics with
them, so memory stays flat however many rows are exported."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import orjson
from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from archive.instants import instant
from archive.selectors import decode_source_links, publisher_slug, topic_slugs

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


ARTICLE_FIELDS = [
    "id",
    "title",
    "published_on",
    "published_at",
    "status",
    "summary",
    "annotation_count",
    "updated_at",
]


def article_records(
    queryset: QuerySet,
    *,
    url: Callable[[int], str],
    include_body: bool = False,
    order: tuple[str, ...] = ("id",),
    actors: Callable[[list[int]], dict[int, list[str]]] = lambda ids: {},
) -> Iterator[dict]:
    """One dict per article of ``queryset`` (``archive.selectors.article_list``
    rows, already filtered for the user); ``actors`` gives the slugs of the
    actors named in a chunk of articles (what the user may see)."""
    fields = ARTICLE_FIELDS + (["body"] if include_body else [])
    rows = (
        queryset.prefetch_related(None)
        .order_by(*order)
        .values(*fields, "sources_json", "topics_json", "address", "story")
    )
    for chunk in chunked(rows.iterator(chunk_size=CHUNK)):
        named = actors([row["id"] for row in chunk])
        for row in chunk:
            record = {"id": row["id"], "url": url(row["id"])}
            record.update({name: row[name] for name in fields[1:]})
            record["published_on"] = _iso(row["published_on"])
            record["published_at"] = _iso(row["published_at"])
            record["updated_at"] = _iso(row["updated_at"])
            record["address"] = row["address"]
            record["story"] = row["story"]
            record["sources"] = decode_source_links(row["sources_json"])
            record["publisher"] = publisher_slug(record["sources"])
            record["topics"] = topic_slugs(row["topics_json"])
            record["actors"] = named.get(row["id"], [])
            yield record


def article_csv(records: Iterable[dict], include_body: bool = False) -> Iterator[str]:
    header = [
        *ARTICLE_FIELDS[:1],
        "url",
        "address",
        "publisher",
        "story",
        *ARTICLE_FIELDS[1:],
        "sources",
        "topics",
        "actors",
    ]
    if include_body:
        header.append("body")

    def rows():
        for r in records:
            row = [
                r[name] for name in header if name not in ("sources", "topics", "actors", "body")
            ]
            row += [sources_text(r["sources"]), ", ".join(r["topics"]), ", ".join(r["actors"])]
            if include_body:
                row.append(r["body"])
            yield [("" if v is None else v) for v in row]

    return csv_lines(header, rows())


def _iso(value) -> str | None:
    if isinstance(value, dt.datetime):
        return instant(value)
    return value.isoformat() if value is not None else None
