"""Reading article files from disk: size check, bytes, hash, parse.

Pure Python like the rest of this package, so the loader can run it in a
worker process while the main process writes to the database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from archive.parsing.article import MAX_FILE_BYTES, decode_article_bytes, parse_article
from archive.parsing.types import ParsedArticle, ParseError


@dataclass(frozen=True)
class ArticleFile:
    """One article file as read: its identity, its exact text and its parse."""

    source_file: str
    raw_text: str
    content_hash: str
    parsed: ParsedArticle


def read_article_file(path: Path, *, unless_hash: str | None = None) -> ArticleFile | None:
    """Read and parse one file. Raises ``ParseError`` or ``OSError``.

    A file over ``MAX_FILE_BYTES`` is refused before it is read. Returns
    ``None``, without parsing, when the file's SHA-256 is ``unless_hash``
    (the loader already has this exact file).
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ParseError(
            "file",
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES / 1024 / 1024:.1f} MB",
        )
    data = path.read_bytes()
    content_hash = hashlib.sha256(data).hexdigest()
    if content_hash == unless_hash:
        return None
    raw_text = decode_article_bytes(data, path.name)
    return ArticleFile(
        source_file=path.name,
        raw_text=raw_text,
        content_hash=content_hash,
        parsed=parse_article(raw_text),
    )
