"""Turn the text of one scraped article file into a :class:`ParsedArticle`.

The file is read as lines. In order: the "read also" tail is cut off; attribution lines
(``المصدر: ...``, a trailing bare agency name) become metadata; page debris is dropped;
the header zone (the lines before the first real paragraph) yields dates, title, summary,
caption and byline; what remains is the body. Every body paragraph is an exact substring
of the input (only surrounding whitespace is stripped), so annotations can quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import debris
from .dates import DateLine, ParsedDateParts, parse_date_line
from .folding import fold, fold_text
from .sources import attribution_label, cited_sources, lookup_source, mention, split_names
from .types import ParsedArticle, ParsedDate, ParseError, SourceMention

MAX_FILE_BYTES = 5 * 1024 * 1024
TITLE_MAX_CHARS = 80
# The header zone is at most this many content lines long.
HEADER_MAX_LINES = 8

# Whitespace plus invisible format characters (ZWSP, bidi marks, BOM) at line ends.
_LINE_STRIP = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
    "\u2009\u200a\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e" \
    "\u202f\u205f\u2060\u2066\u2067\u2068\u2069\u3000\ufeff"  # fmt: skip
_SENTENCE_SPLIT = re.compile(r"(?<!\d)\.(?!\d)|[!?؟\n]")
_TERMINAL = re.compile(r"[.!?؟…:][\s\"'”’»)\]]*$")
# A dateline on its own line: a place, a dash, an agency (often in brackets).
_DATELINE = re.compile(
    r"^\s*[^\s()\-–—:]{2,20}(?:\s[^\s()\-–—:]{2,20})?\s*[-–—]\s*\(?(?P<agency>[^()]{2,30}?)\)?\s*[:.]?\s*$"
)
_SUMMARY_POINTS = re.compile(r"(?<=[.!?؟…])\s+[-–—]\s+")
_LOOSE_POINTS = re.compile(r"\s+[-–—]\s+")
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


@dataclass
class _Line:
    text: str  # original, stripped
    folded: str  # normalize_arabic(text), for matching only
    kind: str = "text"  # text | debris | attribution


def decode_article_bytes(data: bytes, filename: str = "") -> str:
    """Bytes -> text, exactly as stored (a leading BOM and CRLF line ends are kept).

    Raises ParseError for an empty file, a file over ``MAX_FILE_BYTES``, binary data (a NUL
    byte) and invalid UTF-8. ``filename`` is accepted for the caller's messages only.
    """
    if not data:
        raise ParseError("file", "file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ParseError(
            "file",
            f"file is {len(data) / (1024 * 1024):.1f} MB; "
            f"the limit is {MAX_FILE_BYTES / (1024 * 1024):.1f} MB",
        )
    nul = data.find(b"\x00")
    if nul != -1:
        raise ParseError("file", f"binary file (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError("encoding", f"not valid UTF-8 at byte {error.start}") from None


def parse_article(raw_text: str) -> ParsedArticle:
    """Extract title, dates, summary, caption, body and sources from one article's text.

    Raises ParseError("body", ...) when the text is only whitespace or nothing but page
    debris is left.
    """
    text = raw_text[1:] if raw_text.startswith("\ufeff") else raw_text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        raise ParseError("file", "file is empty")
    if not text.strip(_LINE_STRIP):
        raise ParseError("body", "file contains only whitespace")

    lines = _lines(text)
    lines = _cut_tail(lines)
    attributions = _take_attributions(lines)
    for line in lines:
        if line.kind == "text" and debris.is_debris(line.folded):
            line.kind = "debris"
        elif line.kind == "text":
            cut = debris.glued_ad_prefix(line.folded)
            if cut:
                _drop_prefix(line, cut)
    attributions += _take_trailing_agency_lines(lines)

    header = _Header()
    body_lines = header.read(lines)
    attributions += header.datelines
    body_lines = [
        line for line in body_lines if not (header.title and _same(line.folded, header.title))
    ]
    title_derived = False
    if not body_lines:
        # A file of one short line (or title + caption): that text is the article.
        rescued = [t for t in (header.title_line, header.caption) if t]
        if not rescued:
            raise ParseError("body", "no article text left after removing page debris")
        body_lines = [_Line(t, "") for t in rescued]
        header.title = header.title_line = header.caption = ""
    body = "\n\n".join(line.text for line in body_lines)
    title = header.title_line
    if not title:
        title, title_derived = derive_title(body), True

    return ParsedArticle(
        title=title,
        title_derived=title_derived,
        summary=header.summary,
        caption=header.caption,
        body=body,
        published=_public(header.dates.published),
        updated=_public(header.dates.updated),
        hijri_text=header.dates.hijri_text,
        attributions=tuple(attributions),
        cited_sources=cited_sources(body),
        warnings=tuple(header.dates.warnings),
        byline=header.byline,
    )


def derive_title(body: str) -> str:
    """A short title from the first sentence of ``body``: at most ``TITLE_MAX_CHARS``
    characters, cut at a word boundary, with "…" only when cut."""
    first = _SENTENCE_SPLIT.split(body, maxsplit=1)[0].strip(_LINE_STRIP + "•*-–—")
    if not first:
        first = body.split("\n", 1)[0].strip(_LINE_STRIP)
    if len(first) <= TITLE_MAX_CHARS:
        return first
    cut = first[: TITLE_MAX_CHARS + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > TITLE_MAX_CHARS // 2 else first[:TITLE_MAX_CHARS]
    return cut.rstrip(' ،,:;؛-–—(«“"') + "…"


# ---------------------------------------------------------------------------------------


def _lines(text: str) -> list[_Line]:
    folded_lines = fold_text(text).split("\n")
    originals = text.split("\n")
    if len(folded_lines) != len(originals):  # NFKC never adds newlines; be safe anyway
        folded_lines = [fold_text(line) for line in originals]
    out = []
    for original, folded in zip(originals, folded_lines, strict=True):
        stripped = original.strip(_LINE_STRIP)
        if stripped:
            out.append(_Line(stripped, folded.strip(_LINE_STRIP)))
    return out


def _drop_prefix(line: _Line, folded_length: int) -> None:
    folded = fold(line.text)
    line.text = line.text[folded.start(folded_length) :].strip(_LINE_STRIP)
    line.folded = line.folded[folded_length:].strip(_LINE_STRIP)
    if not line.text:
        line.kind = "debris"


def _cut_tail(lines: list[_Line]) -> list[_Line]:
    # Not on the first content line: a tail needs an article before it.
    for index, line in enumerate(lines[1:], start=1):
        if debris.is_tail_marker(line.folded):
            return lines[:index]
    return lines


def _take_attributions(lines: list[_Line]) -> list[SourceMention]:
    found: list[SourceMention] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = attribution_label(line.folded) if line.kind == "text" else None
        if match is None:
            index += 1
            continue
        line.kind = "attribution"
        rest_folded = match.group("rest").strip()
        if rest_folded:
            rest = fold(line.text)
            original_rest = rest.span(match.start("rest"), len(rest.text)).strip()
            found.extend(mention(name) for name in split_names(original_rest))
        else:
            # "المصدر :" then one short name per line ("• رويترز")
            index += 1
            while index < len(lines) and _is_name_line(lines[index]):
                lines[index].kind = "attribution"
                found.append(mention(lines[index].text, lines[index].text))
                index += 1
            continue
        index += 1
    return found


def _is_name_line(line: _Line) -> bool:
    words = _WORD.findall(line.folded)
    return line.kind == "text" and 0 < len(words) <= 5 and not _TERMINAL.search(line.folded)


def _take_trailing_agency_lines(lines: list[_Line]) -> list[SourceMention]:
    """Bare agency names ending the article (``رويترز``, ``(سانا)``): attribution."""
    taken: list[_Line] = []
    for line in reversed(lines):
        if line.kind != "text":
            continue
        if len(line.text) > 60 or lookup_source(line.folded) is None:
            break
        taken.append(line)
    if len(taken) == sum(1 for line in lines if line.kind == "text"):
        return []  # nothing but agency names: that text is the article, not its credit
    for line in taken:
        line.kind = "attribution"
    return [mention(line.text) for line in reversed(taken)]


def _same(folded: str, title: str) -> bool:
    return " ".join(folded.split()) == title


def _is_paragraph(line: _Line) -> bool:
    words = len(line.folded.split())
    return words >= 30 or (words >= 8 and bool(_TERMINAL.search(line.folded)))


class _Header:
    """Reads the header zone: the lines before the first real paragraph."""

    def __init__(self) -> None:
        self.dates = DateLine()
        self.title = ""  # folded, whitespace-collapsed: to find its repetitions
        self.title_line = ""
        self.summary = ""
        self.caption = ""
        self.byline = ""
        self.datelines: list[SourceMention] = []  # "دمشق - (سانا)": the agency credit
        self._meta_after_title = False

    def read(self, lines: list[_Line]) -> list[_Line]:
        """Consume header lines; return the body lines."""
        content = [line for line in lines if line.kind != "attribution"]
        seen = 0
        for position, line in enumerate(content):
            if line.kind == "debris":
                self._meta_after_title = bool(self.title)
                continue
            seen += 1
            if seen > HEADER_MAX_LINES:
                return self._body(content[position:])
            stays_in_header = self._header_line(line)
            if stays_in_header is None:
                continue
            if stays_in_header is False:
                return self._body(content[position:])
            # a date line whose remainder is ordinary text: read that text as a line
            remainder = stays_in_header
            if self._header_line(remainder) is False:
                return self._body([remainder, *content[position + 1 :]])
        return []

    @staticmethod
    def _body(lines: list[_Line]) -> list[_Line]:
        return [line for line in lines if line.kind == "text"]

    def _header_line(self, line: _Line) -> bool | None | _Line:
        """None: consumed. False: the body starts here. A _Line: read this remainder next."""
        date_line = self._date_line(line)
        if date_line is not None:
            self._meta_after_title = bool(self.title)
            return self._use_date_line(date_line)
        if self.title and _same(line.folded, self.title):
            return None
        if _is_paragraph(line):
            return False
        if debris.is_byline(line.folded) and not self.byline:
            self.byline = line.text
            return None
        dateline = _DATELINE.match(line.text)
        if dateline and lookup_source(fold(dateline.group("agency")).text) is not None:
            self.datelines.append(mention(dateline.group("agency"), None))
            return None
        caption_like = debris.looks_like_caption(line.folded)
        if not self.title_line and not caption_like:
            self.title_line = line.text
            self.title = " ".join(line.folded.split())
            return None
        if not self.caption and (caption_like or self._meta_after_title):
            self.caption = line.text
            return None
        return False

    def _date_line(self, line: _Line) -> DateLine | None:
        # Date lines carry a digit near their start; skip the costly scan on prose lines.
        if not _DIGIT.search(line.folded, 0, 120):
            return None
        return parse_date_line(line.text)

    def _use_date_line(self, found: DateLine) -> None | _Line:
        dates = self.dates
        dates.published = dates.published or found.published
        dates.updated = dates.updated or found.updated
        dates.hijri_text = dates.hijri_text or found.hijri_text
        dates.warnings.extend(found.warnings)
        if not found.remainder:
            return None
        points = _SUMMARY_POINTS.split(found.remainder)
        if len(points) < 2:
            loose = _LOOSE_POINTS.split(found.remainder)
            if len(loose) >= 2 and all(len(p.split()) >= 3 for p in loose):
                points = loose
        if (found.labelled or len(points) >= 2) and not self.summary:
            self.summary = "\n".join(p.strip(_LINE_STRIP) for p in points if p.strip())
            return None
        return _Line(found.remainder, " ".join(fold(found.remainder).text.split()))


def _public(parts: ParsedDateParts | None) -> ParsedDate | None:
    if parts is None:
        return None
    return ParsedDate(parts.date, parts.time, parts.utc_offset_minutes, parts.text)
