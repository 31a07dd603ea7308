"""Text that arrives already extracted (a saved page's main text, a scraper's
``text`` field) made into a parsed article, the same way for every format."""

from __future__ import annotations

import re

from archive.parsing import ParsedArticle, ParsedDate, ParseError, cited_sources, derive_title
from archive.parsing.dates import parse_date_line

_SPACE = re.compile(r"[ \t\u00a0\u200b\u200e\u200f\ufeff]+")
_BLANK = re.compile(r"\n\s*\n+")
TITLE_MAX = 500


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of ``text``, each with its runs of spaces as written
    but its ends trimmed (so every paragraph is a substring of the input)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [
        line.strip(" \t\u00a0\u200b\u200e\u200f\ufeff")
        for line in text.split("\n")
        if _SPACE.sub("", line)
    ]


def parse_stated_date(value: str) -> ParsedDate | None:
    """A date as a page or a record states it (ISO 8601, or Arabic or English
    text the parser reads); ``None`` when it states none we can read."""
    found = parse_date_line(value.strip()) if value and value.strip() else None
    if found is None or found.published is None:
        return None
    parts = found.published
    return ParsedDate(parts.date, parts.time, parts.utc_offset_minutes, value.strip())


def article_from_text(
    text: str,
    *,
    title: str = "",
    published: ParsedDate | None = None,
    updated: ParsedDate | None = None,
    byline: str = "",
) -> ParsedArticle:
    """``text`` (paragraphs, one a line) as the body, with the title, dates
    and author line the page or record states. A title that is also the first
    paragraph is not repeated in the body. Raises ``ParseError("body", …)``
    when no text is left."""
    lines = paragraphs(text)
    title = " ".join(title.split())[:TITLE_MAX]
    if title and lines and " ".join(lines[0].split()) == title:
        lines = lines[1:]
    if not lines:
        raise ParseError("body", "no article text")
    body = "\n\n".join(lines)
    derived = not title
    return ParsedArticle(
        title=title or derive_title(body),
        title_derived=derived,
        summary="",
        caption="",
        body=body,
        published=published,
        updated=updated,
        hijri_text="",
        attributions=(),
        cited_sources=cited_sources(body),
        warnings=(),
        byline=" ".join(byline.split())[:300],
    )
