"""Scraper exports and spreadsheets: JSON Lines and CSV, one article a record.

Both formats carry the same documented fields:

=========== ========================================================== ========
field       meaning                                                    required
=========== ========================================================== ========
url         the article's address (its identity when given)
title       the headline
published   the publication date: ISO 8601 (``2025-08-13``,
            ``2025-08-13T19:51:00+03:00``) or as the page writes it
            (``13 أغسطس 2025 07:51 م``)
text        the article's text, one paragraph a line                   text or
html        the article's page; its main text is extracted             html
site_name   the outlet (its publisher)
author      the author line
language    the language code (``ar`` when not given)
meta        anything else, as a JSON object (CSV: JSON text)
=========== ========================================================== ========

Each record is one item of the report: a bad record fails alone, naming its
line and the field. A record with both ``text`` and ``html`` takes its body
from ``text`` and its metadata from both (the record's own fields first).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace

import orjson

from archive.importers.html import extract_page
from archive.importers.text import article_from_text, parse_stated_date
from archive.importers.types import ImportedItem, ItemDetails, ItemProblem, content_hash
from archive.importers.urls import BadURL, canonical_url
from archive.parsing import MAX_FILE_BYTES, ArticleFile, ParseError

NUL = b"\x00"
FIELDS = ("url", "title", "published", "text", "html", "site_name", "author", "language", "meta")
_TEXT_FIELDS = FIELDS[:-1]


class RecordError(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def read_jsonl(name: str, data: bytes) -> Iterator[ImportedItem | ItemProblem]:
    """One item per non-blank line of a ``.jsonl`` file."""
    text = _decode(name, data)
    if isinstance(text, ItemProblem):
        yield text
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{name}:{number}"
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            yield ItemProblem(label, "line", f"not valid JSON ({error})")
            continue
        if not isinstance(value, dict):
            yield ItemProblem(label, "line", f"a JSON object is expected, not {_kind(value)}")
            continue
        yield _item(label, line, value)


def read_csv(name: str, data: bytes) -> Iterator[ImportedItem | ItemProblem]:
    """One item per row of a ``.csv`` file with a header row naming the fields
    (UTF-8, with or without a byte-order mark)."""
    text = _decode(name, data)
    if isinstance(text, ItemProblem):
        yield text
        return
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        yield ItemProblem(name, "header", "the file has no header row")
        return
    except csv.Error as error:
        yield ItemProblem(f"{name}:1", "header", f"not valid CSV ({error})")
        return
    unknown = [column for column in header if column not in FIELDS]
    if unknown or not ({"text", "html"} & set(header)):
        reason = (
            f"unknown column(s) {', '.join(map(repr, unknown))}"
            if unknown
            else "no text or html column"
        )
        yield ItemProblem(f"{name}:1", "header", f"{reason}; the columns are {', '.join(FIELDS)}")
        return
    line = reader.line_num + 1
    while True:
        label = f"{name}:{line}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield ItemProblem(label, "line", f"not valid CSV ({error})")
            return
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield ItemProblem(label, "line", f"{len(row)} cells for {len(header)} columns")
            continue
        record: dict = {
            column: cell for column, cell in zip(header, row, strict=True) if cell != ""
        }
        if "meta" in record:
            try:
                record["meta"] = orjson.loads(record["meta"])
            except orjson.JSONDecodeError:
                yield ItemProblem(label, "meta", "not valid JSON (an object is expected)")
                continue
        raw = _csv_line(header, row)
        yield _item(label, raw, record)


def _decode(name: str, data: bytes) -> str | ItemProblem:
    if not data.strip():
        return ItemProblem(name, "file", "file is empty")
    if b"\x00" in data:
        return ItemProblem(name, "file", f"binary file (NUL byte at offset {data.find(NUL)})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return ItemProblem(name, "encoding", f"not valid UTF-8 at byte {error.start}")


def _csv_line(header: list[str], row: list[str]) -> str:
    """The record as CSV text, header and row (what the article's raw text keeps)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue()


def _kind(value) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _item(label: str, raw: str, record: dict) -> ImportedItem | ItemProblem:
    try:
        return _build(label, raw, record)
    except RecordError as error:
        return ItemProblem(label, error.field, error.reason)
    except ParseError as error:
        return ItemProblem(label, error.field, error.reason)


def _build(label: str, raw: str, record: dict) -> ImportedItem:
    unknown = [key for key in record if key not in FIELDS]
    if unknown:
        raise RecordError(
            unknown[0],
            f"not a field (the fields are {', '.join(FIELDS)}; put anything else in meta)",
        )
    for key in _TEXT_FIELDS:
        if key in record and record[key] is not None and not isinstance(record[key], str):
            raise RecordError(key, f"a string is expected, not {_kind(record[key])}")
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise RecordError("meta", f"a JSON object is expected, not {_kind(meta)}")
    fields = {key: (record.get(key) or "").strip() for key in _TEXT_FIELDS}
    if len(raw.encode("utf-8")) > MAX_FILE_BYTES:
        raise RecordError("line", f"the record is over {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not fields["text"] and not fields["html"]:
        raise RecordError("text", "missing: give the article's text (or its html)")
    url = ""
    if fields["url"]:
        try:
            url = canonical_url(fields["url"])
        except BadURL as error:
            raise RecordError("url", str(error)) from None
    published = None
    if fields["published"]:
        published = parse_stated_date(fields["published"])
        if published is None:
            raise RecordError("published", f"cannot read a date in {fields['published'][:80]!r}")
    site_name, language = fields["site_name"], fields["language"]
    if len(language) > 10:
        raise RecordError("language", "a language code is expected (at most 10 characters)")
    if fields["html"]:
        page = extract_page(fields["html"])
        parsed = page.parsed
        if fields["text"]:
            parsed = article_from_text(
                fields["text"], title=parsed.title, published=parsed.published, byline=parsed.byline
            )
        url = url or page.url
        site_name = site_name or page.site_name
        language = language or page.language
    else:
        parsed = article_from_text(fields["text"], title=fields["title"], byline=fields["author"])
    overrides = {"published": published} if published else {}
    if fields["title"]:
        overrides.update(title=" ".join(fields["title"].split())[:500], title_derived=False)
    if fields["author"]:
        overrides["byline"] = " ".join(fields["author"].split())[:300]
    parsed = replace(parsed, **overrides)
    details = ItemDetails(url, site_name, language or "ar", meta)
    file = ArticleFile(
        source_file=url or label,
        raw_text=raw,
        content_hash=content_hash(parsed, details),
        parsed=parsed,
    )
    return ImportedItem(label, file, details)
