"""Readers for every input format the loader takes besides plain text: saved
web pages (``.html``, ``.htm``), JSON Lines (``.jsonl``) and CSV (``.csv``).

Each yields, per article, an :class:`ImportedItem` (the same parsed-article
structure a text file gives, plus its address, site and metadata) or an
:class:`ItemProblem` naming where, the field and why. Pure Python, no Django:
the loader runs them in its worker process.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from archive.importers.records import FIELDS, NUL, read_csv, read_jsonl
from archive.importers.types import ImportedItem, ItemDetails, ItemProblem, content_hash
from archive.parsing import MAX_FILE_BYTES, ArticleFile, ParseError

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".csv")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
# A JSON Lines or CSV file holds many articles; each record is held to MAX_FILE_BYTES.
MAX_RECORDS_FILE_BYTES = 200 * 1024 * 1024

__all__ = [
    "FIELDS",
    "HTML_SUFFIXES",
    "SUFFIXES",
    "ImportedItem",
    "ItemDetails",
    "ItemProblem",
    "read_html",
    "read_items",
]


def read_items(path: Path) -> Iterator[ImportedItem | ItemProblem]:
    """The articles in one ``.html``/``.htm``/``.jsonl``/``.csv`` file. Raises
    ``OSError`` when the file cannot be read."""
    suffix = path.suffix.lower()
    limit = MAX_RECORDS_FILE_BYTES if suffix in RECORD_SUFFIXES else MAX_FILE_BYTES
    size = path.stat().st_size
    if size > limit:
        yield ItemProblem(
            path.name,
            "file",
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {limit / 1024 / 1024:.0f} MB",
        )
        return
    data = path.read_bytes()
    if suffix == ".jsonl":
        yield from read_jsonl(path.name, data)
    elif suffix == ".csv":
        yield from read_csv(path.name, data)
    elif suffix in HTML_SUFFIXES:
        yield read_html(path.name, data)
    else:
        yield ItemProblem(
            path.name, "file", f"{suffix or 'no'} suffix: the loader reads {', '.join(SUFFIXES)}"
        )


def read_html(name: str, data: bytes) -> ImportedItem | ItemProblem:
    """A saved page: ``raw_text`` keeps the HTML as read, the body is its main
    text. Its identity is its canonical URL when it states one, else ``name``;
    its hash is that of the article read (``content_hash``), not of the bytes."""
    try:
        if not data.strip():
            raise ParseError("file", "file is empty")
        if b"\x00" in data:
            raise ParseError("file", f"binary file (NUL byte at offset {data.find(NUL)})")
        # Here, not at the top: trafilatura's import costs a loader worker a fifth
        # of a second, and most loads are text files only.
        from archive.importers.html import decode_html, extract_page

        raw = decode_html(data)
        page = extract_page(raw)
    except ParseError as error:
        return ItemProblem(name, error.field, error.reason)
    details = ItemDetails(page.url, page.site_name, page.language or "ar")
    file = ArticleFile(
        source_file=page.url or name,
        raw_text=raw,
        content_hash=content_hash(page.parsed, details),
        parsed=page.parsed,
    )
    return ImportedItem(name, file, details)
