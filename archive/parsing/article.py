"""Turn the text of one scraped article file into a :class:`ParsedArticle`.

A page as a crawler extracts it is the article between two zones of site chrome. The
parser reads it as lines and, in order:

1. splits raw block markup (``<p>``, ``<!-- wp:… -->``) so each text segment is a line,
   takes ``المصدر: ...`` credit lines as attribution, and marks the lines any reader tells
   as chrome at a glance (markup, code, counters, widgets, share and follow prompts) and
   the short lines the page prints more than once (logos, mastheads, section labels);
2. finds the **main block**: from the first line of prose (long, or a sentence with its
   full stop) to the last, stopping at a marker that closes the article (a related or
   most-read list, comments, tags) or at its source credit;
3. reads the zone **before** the block for the title, the dates, the byline, a summary
   and a caption (choosing the headline and the article's own date by their place
   beside each other, not the site's "today" bar above them), and the zone **after** it
   for agency credits; everything else in those zones is chrome;
4. cleans the block: a "read also" line goes with the headline under it, debris and
   repeats of the title go, the rest is the body.

Every body paragraph is an exact substring of the input (only surrounding whitespace is
stripped), so annotations can quote it. What was dropped, and why, and what the parser
doubted, is kept in ``ParsedArticle.findings`` for an editor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import debris
from .dates import (
    DateLine,
    ParsedDateParts,
    dates_in,
    leading_stamp,
    parse_date_line,
    starts_with_date,
    trailing_stamp,
    weekday_stamp,
)
from .folding import fold, fold_text
from .sources import attribution_label, cited_sources, lookup_source, mention, split_names
from .types import DroppedLine, Findings, ParsedArticle, ParsedDate, ParseError, SourceMention

MAX_FILE_BYTES = 5 * 1024 * 1024
TITLE_MAX_CHARS = 80
TITLE_MAX_WORDS = 35
# A page of more short lines than this and no sentence is chrome, not an article.
CHROME_ONLY_LINES = 8

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
# The same at the start of the first paragraph: "دمشق - (سانا): ..."
_LEADING_DATELINE = re.compile(
    r"^\s*[^\s()\-–—:]{2,20}(?:\s[^\s()\-–—:]{2,20})?\s*[-–—]\s*\(?(?P<agency>[^()\n:]{2,30}?)\)?\s*[:：]"
)
# A wire dateline naming its agency in brackets after a place and a date, with or without
# a year: "بغداد 29 ديسمبر كانون الأول (رويترز) – ..."
_BRACKETED_DATELINE = re.compile(
    r"^\s*(?:[^\s()\-–—:.،,]{1,20}\s+){1,7}\((?P<agency>[^()\n]{2,30})\)\s*[-–—ـ:：]"
)
# "(سانا)" closing a paragraph: a bracketed credit.
_CLOSING_CREDIT = re.compile(r"\s*[-–—]?\s*\((?P<name>[^()\n]{2,30})\)\s*$")
_SENTENCE_END = re.compile(r"[.!?؟…][\s\"'”’»)\]]*$")
# A sentence ending inside a line, another starting after it.
_MID_SENTENCE_STOP = re.compile(r"\w[.!?؟]\s+\w")
# An editor's initials closing an agency credit: "(كونا) ع ا ب".
_INITIALS = re.compile(r"(?:\s+[^\W\d_]{1,2}\.?){2,5}\s*$")
# The labels of a record's fields, as a dataset or a feed export writes them.
_FIELD_LABEL = re.compile(
    fold_text(
        r"^(?:(?P<title>العنوان|عنوان الخبر|عنوان المقال|title|headline)"
        r"|النص|نص الخبر|نص المقال|المتن|المحتوى|text|body|content|article)\s*[:：]\s*(?=\S)"
    ),
    re.IGNORECASE,
)
_DASHED_LABEL = re.compile(r"^(?P<label>\S+(?:\s\S+)?)\s+[-–—]\s+(?=\S)")
# One to four capitalised Latin words: a name ("Al Riyadh", "Asharq Al-Awsat").
_PROPER_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")
_SUMMARY_POINTS = re.compile(r"(?<=[.!?؟…])\s+[-–—]\s+")
_LOOSE_POINTS = re.compile(r"\s+[-–—]\s+")
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_TIME_ONLY = re.compile(
    r"^(?:الساعة\s*)?([0-2]?\d):([0-5]\d)(?::[0-5]\d)?\s*(ص|م|am|pm|a\.m\.|p\.m\.)?$", re.I
)
_SEPARATORS = re.compile(r"\s[|•·]\s|\s[-–—]\s|\s/\s")
# "... (صورة) المصدر: رويترز": a credit glued to the end of a caption line.
_GLUED_CREDIT = re.compile(
    r"(?<=[\s.،,)\]»”])(?:المصدر|المصادر|مصدر\s+الخبر)\s*[:：]\s*(?P<rest>[^:.؟!]{2,60})$"
)
_AGENCY_SPLIT = re.compile(r"\s*[/|+،,&]\s*|\s+[-–—]\s+|^\s*[-–—]\s*|\s*[-–—]\s*$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# Function words: prose has them, headlines and menus have few.
_FUNCTION_WORDS = frozenset(
    fold_text(word)
    for word in (
        "في من على إلى الى عن مع أن إن أنه أنها التي الذي الذين اللذين كان كانت يكون قد لقد "
        "لم لن لا ما هذا هذه ذلك تلك هناك حيث بعد قبل بين حتى أو ثم كما وقد وكان وأن وفي "
        "ومن وعلى وهو وهي هو هي هم كل إذا عند خلال منذ ضد نحو أي غير بل لكن إلا عليه عليها "
        "فيه فيها منه منها له لها لهم به بها وذلك والتي والذي أيضا أمام دون وقال وأضاف وأكد "
        "وأشار قال وأوضح فإن بأن لأن إذ كي لكي وإن وكانت ولا ولم"
    ).split()
)


@dataclass
class _Line:
    text: str  # original, stripped
    folded: str  # normalize_arabic(text), for matching only
    number: int = 0  # 1-based line number in the file
    kind: str = "text"  # text | debris | attribution
    reason: str = ""
    _prose: str | None = field(default=None, repr=False)
    _words: int = field(default=-1, repr=False)
    _key: str | None = field(default=None, repr=False)
    _date: DateLine | None | bool = field(default=False, repr=False)

    @property
    def words(self) -> int:
        if self._words < 0:
            self._words = len(_WORD.findall(self.folded))
        return self._words

    @property
    def key(self) -> str:
        """The line folded, whitespace-collapsed and lower-cased: to find repeats."""
        if self._key is None:
            self._key = " ".join(self.folded.split()).lower()
        return self._key

    @property
    def prose(self) -> str:
        """``good`` (a paragraph), ``near`` (prose-like but short) or ``short``."""
        if self._prose is None:
            words = _WORD.findall(self.folded)
            self._words = len(words)
            self._prose = _prose_class(self.folded, words)
        return self._prose

    @property
    def date(self) -> DateLine | None:
        """What the line says as a date line (None when it is not one)."""
        if self._date is False:
            if not _DIGIT.search(self.folded, 0, 120):
                self._date = None
            elif len(self.folded) > 150 and not starts_with_date(self.folded):
                self._date = None  # a long line whose first words are not a date
            else:
                self._date = parse_date_line(self.text)
        return self._date

    def drop(self, reason: str) -> None:
        self.kind = "debris"
        self.reason = reason


def _prose_class(folded: str, words: list[str] | None = None) -> str:
    if not debris.ARABIC_LETTER.search(folded):
        return "short"
    if words is None:
        words = _WORD.findall(folded)
    count = len(words)
    if count < 8:
        return "short"
    if _TERMINAL.search(folded) or _closes_with_credit_or_stamp(folded):
        return "good"  # a sentence, maybe with a date stamp or a credit glued after it
    if count >= 20:
        if not any(word in _FUNCTION_WORDS for word in words):
            return "short"
        # menus and lists of labels: many separators and no sentence
        if len(_SEPARATORS.findall(folded)) < 3:
            return "good"
    function_share = sum(word in _FUNCTION_WORDS for word in words) / count
    if len(_SEPARATORS.findall(folded)) >= 3 and function_share < 0.1:
        return "short"
    if count >= 20:
        return "good"
    return "near" if function_share >= 0.1 else "short"


def _closes_with_credit_or_stamp(folded: str) -> bool:
    """A sentence's full stop followed by a date stamp (``... جدا". 09.01.2026``) or a
    bracketed credit (``... المتواصل. (سانا)``)."""
    last = folded[-1:]
    if last.isdigit():
        return trailing_stamp(folded) is not None
    if last == ")":
        credit = _CLOSING_CREDIT.search(folded)
        return credit is not None and bool(_TERMINAL.search(folded[: credit.start()]))
    return False


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

    Raises ParseError("body", ...) when the text is only whitespace, or nothing but page
    debris or site chrome is left.
    """
    text = raw_text[1:] if raw_text.startswith("\ufeff") else raw_text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        raise ParseError("file", "file is empty")
    if not text.strip(_LINE_STRIP):
        raise ParseError("body", "file contains only whitespace")
    # Lines of a hard-wrapped text are joined into paragraphs only where the joined span
    # is the file's own text: with LF line ends (CRLF would put a "\r" inside it).
    originals = text.split("\n") if "\r" not in raw_text else None
    return _Page(_lines(text), originals).parse()


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
    for number, (original, folded) in enumerate(zip(originals, folded_lines, strict=True), 1):
        if "<" in original and debris.BLOCK_MARKUP.search(original):
            out.extend(_markup_segments(original, number))
            continue
        stripped = original.strip(_LINE_STRIP)
        if stripped:
            out.append(_Line(stripped, folded.strip(_LINE_STRIP), number))
    return out


def _markup_segments(original: str, number: int) -> list[_Line]:
    """A line of raw HTML: its text between block tags, each an exact substring."""
    out = []
    position = 0
    for match in [*debris.BLOCK_MARKUP.finditer(original), None]:
        end = match.start() if match else len(original)
        piece = original[position:end].strip(_LINE_STRIP)
        if piece:
            out.append(_Line(piece, fold_text(piece), number))
        if match:
            tag = match.group().strip()
            out.append(_Line(tag, fold_text(tag), number, kind="debris", reason="markup"))
            position = match.end()
    return out


def _drop_prefix(line: _Line, folded_length: int) -> None:
    folded = fold(line.text)
    line.text = line.text[folded.start(folded_length) :].strip(_LINE_STRIP)
    line.folded = line.folded[folded_length:].strip(_LINE_STRIP)
    line._prose = None
    line._words = -1
    line._key = None
    line._date = False
    if not line.text:
        line.drop("advertisement label")


def _same(folded: str, title: str) -> bool:
    return " ".join(folded.split()) == title


def _public(parts: ParsedDateParts | None) -> ParsedDate | None:
    if parts is None:
        return None
    return ParsedDate(parts.date, parts.time, parts.utc_offset_minutes, parts.text)


def _known_agencies(text: str) -> list[SourceMention] | None:
    """A short credit line naming known sources (``اسم/ رويترز``, ``أ ف ب + وكالات``,
    ``- كونا``, ``/سانا/``, ``(كونا) ع ا ب`` with an editor's initials): their mentions;
    None when the line is not one."""
    if len(text.split()) > 8 or len(text) > 80:
        return None
    found = _credit_names(text)
    if found is None:
        initials = _INITIALS.search(text)
        if initials is not None and initials.start() > 0:
            found = _credit_names(text[: initials.start()])
    return found


def _credit_names(text: str) -> list[SourceMention] | None:
    parts = [p for p in _AGENCY_SPLIT.split(text) if p and p.strip(" ()[]«»\"'")]
    known = []
    for part in parts:
        source = lookup_source(part)
        if source is not None:
            known.append(mention(part))
        elif len(part.split()) > 4:
            return None
    return known or None


class _Page:
    def __init__(self, lines: list[_Line], originals: list[str] | None = None) -> None:
        self.lines = lines
        self.originals = originals
        self.attributions: list[SourceMention] = []
        self.warnings: list[str] = []
        self.doubts: dict[str, str] = {}
        self.title_evidence = ""
        self.title_field: _Line | None = None  # a line labelled "العنوان:" / "Title:"
        # date lines inside or under the article, not taken for its date
        self.inner_dates: list[tuple[_Line, DateLine]] = []

    # -- pipeline ---------------------------------------------------------------------

    def parse(self) -> ParsedArticle:
        lines = self.lines
        self._take_attributions()
        self._mark_furniture()
        if self.originals is not None:
            self._join_wrapped_lines()
            lines = self.lines
        start, end = self._main_block()
        header = _Header(self)
        if start is None:
            body_lines = self._without_block(header)
        else:
            body_lines = header.read(lines[:start])
            body_lines += self._clean_block(lines[start : end + 1], header)
            self._read_tail(lines[end + 1 :], header)
        self.attributions[:0] = header.attributions
        title_key = header.title
        body_lines = [
            line
            for line in body_lines
            if not (title_key and self._drop_title_repeat(line, title_key))
        ]
        self.attributions += self._trailing_agency_lines(body_lines)
        self._closing_credit(body_lines)
        body_lines = [line for line in body_lines if line.kind == "text"]
        if not body_lines:
            # A file of one short line (or title + caption): that text is the article.
            rescued = [t for t in (header.title_line, header.caption) if t]
            if not rescued:
                raise ParseError("body", "no article text left after removing page debris")
            body_lines = [_Line(t, "") for t in rescued]
            header.title = header.title_line = header.caption = ""
            self.title_evidence = ""
        body = "\n\n".join(line.text for line in body_lines)
        if body_lines and body_lines[0].folded:
            self._leading_dateline(body_lines[0])
        if header.published is None:
            self._stamped_date(header, body_lines)
        title = header.title_line
        title_derived = not title
        if title_derived:
            title = derive_title(body)
            self.title_evidence = "derived from the first sentence"
            self.doubts.setdefault("title", "the page states no title; derived from the body")
        published = header.published
        if published is None:
            self.doubts.setdefault("date", "no date stated")
        warnings = [*header.warnings, *self.warnings]
        findings = Findings(
            dropped=tuple(
                DroppedLine(line.number, line.text, line.reason)
                for line in lines
                if line.kind == "debris"
            ),
            title_evidence=self.title_evidence,
            date_line=header.date_line,
            other_dates=tuple(header.other_dates),
            doubts=tuple(sorted(self.doubts.items())),
        )
        return ParsedArticle(
            title=title,
            title_derived=title_derived,
            summary=header.summary,
            caption=header.caption,
            body=body,
            published=_public(published),
            updated=_public(header.updated),
            hijri_text=header.hijri_text,
            attributions=tuple(self.attributions),
            cited_sources=cited_sources(body),
            warnings=tuple(warnings),
            byline=header.byline,
            findings=findings,
        )

    # -- step 1: credits and chrome ------------------------------------------------------

    def _take_attributions(self) -> None:
        lines = self.lines
        index = 0
        while index < len(lines):
            line = lines[index]
            match = attribution_label(line.folded) if line.kind == "text" else None
            if match is None:
                if line.kind == "text":
                    self._glued_credit(line)
                index += 1
                continue
            line.kind = "attribution"
            rest_folded = match.group("rest").strip()
            if rest_folded:
                rest = fold(line.text)
                original_rest = rest.span(match.start("rest"), len(rest.text)).strip()
                self.attributions.extend(mention(name) for name in split_names(original_rest))
            else:
                # "المصدر :" then one short name per line ("• رويترز")
                index += 1
                while index < len(lines) and self._is_name_line(lines[index]):
                    lines[index].kind = "attribution"
                    self.attributions.append(mention(lines[index].text, lines[index].text))
                    index += 1
                continue
            index += 1

    def _glued_credit(self, line: _Line) -> None:
        """``<caption> المصدر: رويترز``: the credit leaves the line, the caption stays."""
        if "مصدر" not in line.folded and "المصادر" not in line.folded:
            return
        match = _GLUED_CREDIT.search(line.folded)
        if match is None or len(match.group("rest").split()) > 5:
            return
        folded = fold(line.text)
        cut = folded.start(match.start())
        rest = folded.span(match.start("rest"), len(folded.text)).strip()
        names = split_names(rest)
        if not names:
            return
        self.attributions.extend(mention(name) for name in names)
        line.text = line.text[:cut].strip(_LINE_STRIP)
        line.folded = line.folded[: match.start()].strip(_LINE_STRIP)
        line._prose = None
        line._words = -1
        line._key = None
        line._date = False
        if not line.text:
            line.kind = "attribution"

    @staticmethod
    def _is_name_line(line: _Line) -> bool:
        words = _WORD.findall(line.folded)
        return line.kind == "text" and 0 < len(words) <= 5 and not _TERMINAL.search(line.folded)

    def _mark_furniture(self) -> None:
        counts = Counter(line.key for line in self.lines if line.kind == "text")
        first_text = next((line for line in self.lines if line.kind == "text"), None)
        arabic_page = any(line.kind == "text" and line.prose == "good" for line in self.lines)
        for line in self.lines:
            if line.kind != "text":
                continue
            # A paragraph of Arabic prose is tested only for what can hide in one
            # (markup, a placeholder, a glued ad label): most lines are prose.
            field_label = _FIELD_LABEL.match(line.folded, 0, 40)
            if field_label is not None:
                # a record's fields ("العنوان: ...", "النص: ..."): the label goes
                if field_label.group("title") and self.title_field is None:
                    self.title_field = line
                _drop_prefix(line, field_label.end())
                continue
            prose = line.prose == "good" and not line.folded[:1].isascii()
            crumb = 0 if prose else debris.breadcrumb_title_start(line.folded)
            if crumb:
                _drop_prefix(line, crumb)
                continue
            reason = debris.furniture_reason(line.folded, prose=prose)
            if reason is not None:
                line.drop(reason)
                continue
            cut = debris.glued_ad_prefix(line.folded)
            if cut:
                _drop_prefix(line, cut)
                continue
            if counts[line.key] >= 2 and line.words < 4 and not self._is_credit(line):
                line.drop(f"printed {counts[line.key]} times on the page (site furniture)")
            elif arabic_page and debris.is_latin_only(line.folded) and line.date is None:
                if line is first_text and self._latin_outlet_line(line):
                    line.kind = "attribution"
                    self.attributions.append(mention(line.text))
                elif lookup_source(line.folded) is None:
                    line.drop("not Arabic text (site chrome)")

        self._mark_neighbours()

    def _mark_neighbours(self) -> None:
        """Lines told by the furniture beside them: a channel's name above its counters
        and its description under them; an embedded post's text above its signature; a
        printed paper's masthead above its issue number."""
        lines = self.lines
        for index, line in enumerate(lines[:12]):
            if line.kind == "text" and line.words <= 8 and debris.ISSUE_NUMBER.match(line.folded):
                line.drop("a printed paper's issue number (masthead)")
                for above in lines[:index]:
                    if above.kind != "text" or above.words > 8:
                        continue
                    if _DIGIT.search(above.folded) and above.date is not None:
                        continue  # the issue's date: the page's own, read with the header
                    above.drop("a printed paper's masthead (above its issue number)")
                break
        for index, line in enumerate(lines):
            if line.reason == "a channel's counters":
                if index and lines[index - 1].kind == "text":
                    lines[index - 1].drop("a channel's name (above its counters)")
                after = index + 1
                while after < len(lines) and lines[after].reason == "a channel's counters":
                    after += 1
                # the description: a short line between the counters and more furniture
                # ("Download Telegram"); a headline there is followed by its text instead
                if after + 1 < len(lines) and lines[after].kind == "text":
                    under = lines[after]
                    if (
                        under.prose != "good"
                        and under.words <= 12
                        and lines[after + 1].kind == "debris"
                    ):
                        under.drop("a channel's description (under its counters)")
            elif line.reason == "the signature of an embedded post" and index:
                above = lines[index - 1]
                if above.kind == "text" and (
                    above.prose != "good" or "pic.twitter.com" in above.folded
                ):
                    above.drop("the text of an embedded post (above its signature)")

    def _latin_outlet_line(self, line: _Line) -> bool:
        """An aggregator's source line (asked of the file's first text line): a proper
        name in Latin letters (``Al Riyadh``) with the date line right under it."""
        lines = self.lines
        if not _PROPER_NAME.match(line.text):
            return False
        after = lines.index(line) + 1  # the file's first text line: found at once
        return after < len(lines) and lines[after].kind == "text" and lines[after].date is not None

    # -- step 1b: hard-wrapped text ---------------------------------------------------

    def _join_wrapped_lines(self) -> None:
        """A printed column or a hard-wrapped text breaks its sentences across short
        lines with no blank line between them. Such a run is joined back into paragraphs
        (the exact span of the file, line breaks kept) when the breaks fall inside
        sentences: a line ending on a function word, or a sentence ending mid-line."""
        lines = self.lines
        out: list[_Line] = []
        changed = False
        index = 0
        while index < len(lines):
            # lines of the file next to each other, no blank line between (cheap: most
            # pages put one between their paragraphs, and then nothing more is asked)
            block = index + 1
            while block < len(lines) and lines[block].number == lines[block - 1].number + 1:
                block += 1
            if block - index < 3:
                out.extend(lines[index:block])
                index = block
                continue
            while index < block:
                end = index
                while end < block and self._wrappable(lines[end]):
                    end += 1
                run = lines[index:end]
                if len(run) >= 3 and self._is_wrapped(run):
                    out.extend(self._paragraphs(run))
                    changed = True
                    index = end
                    continue
                out.append(lines[index])
                index += 1
        if changed:
            self.lines[:] = out

    @staticmethod
    def _wrappable(line: _Line) -> bool:
        if line.kind != "text" or not 2 <= line.words <= 16 or line.folded.endswith(":"):
            return False
        if not debris.ARABIC_LETTER.search(line.folded):
            return False
        if debris.is_read_also(line.folded) or debris.is_closing_marker(line.folded):
            return False
        return not (_DIGIT.search(line.folded) and line.date is not None)

    @staticmethod
    def _is_wrapped(run: list[_Line]) -> bool:
        inner = run[:-1]
        open_ends = sum(not _SENTENCE_END.search(line.folded) for line in inner)
        if open_ends * 2 < len(inner):
            return False  # most lines end their sentence: separate short paragraphs
        function_ends = sum(
            _WORD.findall(line.folded)[-1:] and _WORD.findall(line.folded)[-1] in _FUNCTION_WORDS
            for line in inner
        )
        mid_stops = sum(bool(_MID_SENTENCE_STOP.search(line.folded)) for line in run)
        if not (mid_stops or function_ends * 5 >= len(inner) and function_ends >= 2):
            return False
        joined = " ".join(line.folded for line in run)
        return _prose_class(joined) == "good"

    def _paragraphs(self, run: list[_Line]) -> list[_Line]:
        """The run as paragraphs: a new one after a short line that ends a sentence."""
        lengths = sorted(len(line.folded) for line in run)
        median = lengths[len(lengths) // 2]
        out: list[_Line] = []
        first = 0
        for position, line in enumerate(run):
            last = position == len(run) - 1
            if last or (_SENTENCE_END.search(line.folded) and len(line.folded) < 0.85 * median):
                out.append(self._joined(run[first : position + 1]))
                first = position + 1
        return out

    def _joined(self, part: list[_Line]) -> _Line:
        if len(part) == 1:
            return part[0]
        start, end = part[0].number, part[-1].number
        text = "\n".join(self.originals[start - 1 : end]).strip(_LINE_STRIP)
        folded = fold_text(text).replace("\n", " ")
        return _Line(text, folded, start)

    @staticmethod
    def _is_credit(line: _Line) -> bool:
        return lookup_source(line.folded) is not None

    # -- step 2: the main block ----------------------------------------------------------

    def _is_paragraph(self, line: _Line, rank: str = "good", dated: bool = True) -> bool:
        """A paragraph of the article; ``dated=False`` skips the date-line test (only the
        block's first paragraph needs it: a date line with a long remainder is header)."""
        if line.kind != "text":
            return False
        prose = line.prose
        if prose == "short" or (rank == "good" and prose != "good"):
            return False
        if line.words <= 20 and (
            debris.is_read_also(line.folded) or debris.is_closing_marker(line.folded)
        ):
            return False
        if not dated:
            return True
        date = line.date if _DIGIT.search(line.folded, 0, 60) else None
        return date is None

    def _main_block(self) -> tuple[int | None, int | None]:
        lines = self.lines
        start = next((i for i, line in enumerate(lines) if self._is_paragraph(line)), None)
        rank = "good"
        if start is None:
            start = next(
                (i for i, line in enumerate(lines) if self._is_paragraph(line, "near")), None
            )
            if start is None:
                return None, None
            rank = "near"
            self.warnings.append(
                "no paragraph of full sentences found: the main block is a guess; check the body"
            )
            self.doubts["body"] = "the article text could not be told from page furniture"
        start = self._past_headline(start)
        last = start
        stop = len(lines)
        for index in range(start + 1, len(lines)):
            line = lines[index]
            if line.kind == "attribution" and not line.folded.startswith("•"):
                stop = index
                break
            if (
                line.kind == "text"
                and line.words <= 30
                and (debris.is_closing_marker(line.folded) or debris.has_feed_footer(line.folded))
            ):
                stop = index
                break
            if self._is_paragraph(line, rank, dated=False):
                last = index
        # a cut-off last sentence or a short closing one still belongs to the article
        index = last + 1
        while index < stop and lines[index].kind == "text" and self._continues(lines[index]):
            last = index
            index += 1
        return start, last

    def _past_headline(self, start: int) -> int:
        """A headline ending with a full stop reads as a sentence. When one or two such
        lines stand above a date line of their own and then the text, and one of them is
        printed again on the page (the headline and its copy, perhaps under a series
        label), they are the header (``<title>.`` / ``الرباط : الجمعة 8 أكتوبر 1999`` /
        text): the block starts after the date line. Without the repeat, a lead sentence
        above a date line stays the article's first paragraph."""
        lines = self.lines
        seen = 0
        repeated = False
        for index in range(start, min(len(lines), start + 8)):
            line = lines[index]
            if line.kind != "text":
                continue
            short = line.words <= 12 and _DIGIT.search(line.folded, 0, 120)
            date = line.date if short else None  # a date line of its own is short
            if date is not None and date.published is not None and not date.remainder:
                if seen == 0 or not repeated:
                    return start
                after = next(
                    (i for i in range(index + 1, len(lines)) if self._is_paragraph(lines[i])),
                    None,
                )
                return start if after is None else after
            seen += 1
            if seen > 2 or line.words > TITLE_MAX_WORDS or not _SENTENCE_END.search(line.folded):
                return start
            repeated = repeated or self._printed_again(line)
        return start

    def _printed_again(self, line: _Line) -> bool:
        key = line.key
        return any(
            other is not line and other.kind != "attribution" and key in other.key
            for other in self.lines
        )

    @staticmethod
    def _continues(line: _Line) -> bool:
        """After the last paragraph: prose-like, or a short sentence with its full stop."""
        if line.prose != "short":
            return True
        return bool(_SENTENCE_END.search(line.folded)) and bool(
            debris.ARABIC_LETTER.search(line.folded)
        )

    # -- step 4: the block itself --------------------------------------------------------

    def _clean_block(self, block: list[_Line], header: _Header) -> list[_Line]:
        out: list[_Line] = []
        skip_headline = False
        texts_seen = 0
        for line in block:
            if line.kind != "text":
                continue
            texts_seen += 1
            if skip_headline:
                skip_headline = False
                if line.prose != "good":
                    line.drop('headline under a "read also" line')
                    continue
            if debris.is_read_also(line.folded):
                line.drop('"read also" line inside the article')
                skip_headline = line.words <= 4
                continue
            if line.prose == "short" and _DIGIT.search(line.folded) and line.words < 12:
                date = line.date
                if date is not None and not date.remainder:
                    if texts_seen <= 2 and header.published is None and date.published:
                        header.use_block_date(line, date)
                    else:
                        line.drop("date line inside the article (not its publication date)")
                        if date.published is not None:
                            self.inner_dates.append((line, date))
                    continue
                if _TIME_ONLY.match(line.folded) or debris.COUNTER.match(line.folded):
                    line.drop("counters")
                    continue
            out.append(line)
        return out

    def _drop_title_repeat(self, line: _Line, title_key: str) -> bool:
        if line.kind != "text":
            return False
        key = " ".join(line.folded.split())
        if key == title_key:
            line.drop("repeats the title")
            return True
        return False

    def _closing_credit(self, body_lines: list[_Line]) -> None:
        """A known source in brackets closing the text (``... المتواصل. (سانا)``) credits
        it; the bracket stays in the paragraph it is glued to."""
        texts = [line for line in body_lines if line.kind == "text"]
        if not texts or not texts[-1].text.endswith(")"):
            return
        match = _CLOSING_CREDIT.search(texts[-1].text)
        if match is None:
            return
        source = lookup_source(match.group("name"))
        if source is not None and not any(m.name == source.name for m in self.attributions):
            self.attributions.append(mention(match.group("name")))

    def _stamped_date(self, header: _Header, body_lines: list[_Line]) -> None:
        """No date line: a date stamped on the text itself, in the order of its evidence
        (a dateline or a date glued to the lead, a date closing the lead's first line, a
        dated title whose weekday agrees with its date)."""
        first = body_lines[0].text if body_lines and body_lines[0].folded else ""
        found = leading_stamp(first) if first else None
        if found is not None:
            parts, agency = found
            where = "the dateline opening the article"
            if agency and lookup_source(agency) is not None:
                if not any(m.name == lookup_source(agency).name for m in self.attributions):
                    self.attributions.append(mention(agency))
        else:
            parts = trailing_stamp(first) if first else None
            where = "the date stamp closing the first paragraph"
            if parts is None and header.title_line:
                parts = weekday_stamp(header.title_line)
                where = "the title (a dated bulletin: its weekday agrees with the date)"
        if parts is None:
            parts, where = self._corroborated_inner_date(body_lines)
        if parts is None:
            return
        header.published = parts
        header.date_line = parts.text
        self.warnings.append(f"the date was read from {where}: {parts.text!r}")

    def _corroborated_inner_date(
        self, body_lines: list[_Line]
    ) -> tuple[ParsedDateParts | None, str]:
        """A page of dated posts (a channel's view): the first post's date line, when the
        text states the same day again (``اليوم الجمعة الموافق 18/10/2024``). Two
        statements of one day are evidence; one date line inside a text is not."""
        if not self.inner_dates:
            return None, ""
        _line, date = self.inner_dates[0]
        day = date.published.date
        if any(day in dates_in(b.text) for b in body_lines if b.kind == "text"):
            return date.published, "a date line of the page, stated again in the text"
        return None, ""

    def _leading_dateline(self, first: _Line) -> None:
        match = _LEADING_DATELINE.match(first.text) or _BRACKETED_DATELINE.match(first.text)
        if match is None:
            return
        agency = match.group("agency")
        if lookup_source(agency) is not None and not any(
            m.name == lookup_source(agency).name for m in self.attributions
        ):
            self.attributions.append(mention(agency))

    def _trailing_agency_lines(self, lines: list[_Line]) -> list[SourceMention]:
        """Bare agency names ending the article (``رويترز``, ``(سانا)``): attribution."""
        taken: list[_Line] = []
        texts = [line for line in lines if line.kind == "text"]
        for line in reversed(texts):
            if len(line.text) > 60 or lookup_source(line.folded) is None:
                break
            taken.append(line)
        if len(taken) == len(texts):
            return []  # nothing but agency names: that text is the article, not its credit
        for line in taken:
            line.kind = "attribution"
        return [mention(line.text) for line in reversed(taken)]

    # -- step 3b: after the block --------------------------------------------------------

    def _read_tail(self, tail: list[_Line], header: _Header) -> None:
        if header.published is None:
            self._signature_date(tail, header)
        texts_seen = 0
        for line in tail:
            if line.kind != "text":
                continue
            texts_seen += 1
            if header.published is None and texts_seen <= 2 and _DIGIT.search(line.folded):
                # "نشر في: ..." printed right under the article: its own, labelled date
                date = line.date
                if date is not None and date.labelled and date.published and not date.remainder:
                    header.use_block_date(line, date)
                    continue
            if header.published is None and line.words <= 8 and _DIGIT.search(line.folded):
                date = line.date
                if date is not None and date.published is not None and not date.remainder:
                    self.inner_dates.append((line, date))
            known = _known_agencies(line.text)
            if known and len(tail) <= 3 or (known and line.words <= 3):
                line.kind = "attribution"
                self.attributions.extend(known)
                continue
            line.drop("after the article (related items, footer or site chrome)")

    @staticmethod
    def _signature_date(tail: list[_Line], header: _Header) -> None:
        """A statement signed off under its text: the issuer and place on short lines,
        then a date line, and nothing much after (``وزارة الخارجية`` / ``بغداد`` /
        ``31/12/2019``). That date is the statement's own."""
        texts = [line for line in tail if line.kind == "text"]
        for index, line in enumerate(texts[:4]):
            date = line.date if _DIGIT.search(line.folded) else None
            if date is None:
                if line.words > 5 or _TERMINAL.search(line.folded):
                    return  # not a signature
                continue
            if not index or date.published is None or date.remainder:
                return  # an unlabelled date right under the text may be another item's
            if len(texts) - index - 1 > 2:
                return
            header.use_block_date(line, date)
            header.warnings.append(
                f"the date was read from the signature under the text: {line.text!r}"
            )
            return

    def _without_block(self, header: _Header) -> list[_Line]:
        """No prose at all: the header is read as usual; short lines are the body,
        unless there are so many that the page is only chrome."""
        lines = self.lines
        short = [line for line in lines if line.kind == "text" and line.date is None]
        sentences = any(_TERMINAL.search(line.folded) and line.words >= 3 for line in short)
        if len(short) > CHROME_ONLY_LINES and not sentences:
            for line in short:
                line.drop("site chrome (no sentence on the page)")
            raise ParseError(
                "body", "no article text: the page holds only short lines of site chrome"
            )
        body = header.read(lines, until_paragraph=False)
        texts = [line for line in body if line.kind == "text"]
        if texts or header.title_line:
            self.warnings.append(
                "no paragraph of full sentences found: the body is the page's short lines"
            )
            self.doubts["body"] = "no paragraph of prose; the body may be page furniture"
        return texts


class _Header:
    """Reads the zone before the main block: title, dates, byline, summary, caption."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.title = ""  # folded, whitespace-collapsed: to find its repetitions
        self.title_line = ""
        self.summary = ""
        self.caption = ""
        self.byline = ""
        self.hijri_text = ""
        self.published: ParsedDateParts | None = None
        self.updated: ParsedDateParts | None = None
        self.date_line = ""
        self._date_source: _Line | None = None
        self.other_dates: list[str] = []
        self.warnings: list[str] = []
        self.attributions: list[SourceMention] = []

    # item kinds: date, time, cand, debris, other
    def read(self, zone: list[_Line], until_paragraph: bool = True) -> list[_Line]:
        """Read the header zone; return lines that belong to the body (a date line's
        prose remainder, or with ``until_paragraph=False`` the unclaimed short lines)."""
        items: list[tuple[str, _Line, DateLine | None]] = []
        body: list[_Line] = []
        for line in zone:
            if line.kind == "attribution":
                continue
            if line.kind == "debris":
                items.append(("debris", line, None))
                continue
            date = line.date
            if date is not None and debris.looks_like_caption(line.folded):
                # "صورة أرشيفية - 12 مارس 2020": the photo's date, not the article's
                self.other_dates.append(line.text)
                date = None
            if date is not None:
                items.append(("date", line, date))
                remainder = self._remainder(line, date)
                if remainder is not None:
                    if remainder.prose == "good" or not until_paragraph:
                        body.append(remainder)
                        body.extend(zone[zone.index(line) + 1 :] if not until_paragraph else [])
                        break
                    items.append(("cand", remainder, None))
                continue
            time = _TIME_ONLY.match(line.folded)
            if time:
                items.append(("time", line, None))
                continue
            if debris.COUNTER.match(line.folded):
                line.drop("counters")
                continue
            items.append(("cand", line, None))
        self._choose(items)
        if not until_paragraph:
            body = [line for kind, line, _ in items if kind == "cand" and line.kind == "text"]
            body = [line for line in body if line.text != self.title_line or not self.title]
        return body

    def _remainder(self, line: _Line, date: DateLine) -> _Line | None:
        if not date.remainder:
            return None
        text = date.remainder.strip(_LINE_STRIP)
        rest = _Line(text, " ".join(fold(text).text.split()), line.number)
        reason = debris.furniture_reason(rest.folded)
        if reason is not None:  # "date 2025-10-30 <like our page on Facebook>"
            rest.drop(reason)
            self.page.lines.append(rest)  # kept among the findings
            return None
        points = _SUMMARY_POINTS.split(date.remainder)
        if len(points) < 2:
            loose = _LOOSE_POINTS.split(date.remainder)
            if len(loose) >= 2 and all(len(p.split()) >= 3 for p in loose):
                points = loose
        if (date.labelled or len(points) >= 2) and not self.summary:
            self.summary = "\n".join(p.strip(_LINE_STRIP) for p in points if p.strip())
            return None
        return rest

    # -- choosing title and date by their places --------------------------------------

    def _choose(self, items: list[tuple[str, _Line, DateLine | None]]) -> None:
        page = self.page
        # attach a time printed on its own line to the date line just before it
        times: dict[int, _Line] = {}
        for position, (kind, line, _date) in enumerate(items):
            if kind == "time" and position and items[position - 1][0] == "date":
                times[position - 1] = line
            elif kind == "time":
                line.drop("a time without a date")
        for position, (kind, line, _date) in enumerate(items):
            if kind != "cand":
                continue
            if debris.is_byline(line.folded) and not self.byline:
                self.byline = line.text
                items[position] = ("other", line, None)
                continue
            dateline = _DATELINE.match(line.text)
            if dateline and lookup_source(fold(dateline.group("agency")).text) is not None:
                self.attributions.append(mention(dateline.group("agency"), None))
                line.kind = "attribution"
                items[position] = ("other", line, None)
                continue
            known = _known_agencies(line.text)
            if known and line.words <= 6:
                self.attributions.extend(known)
                line.kind = "attribution"
                items[position] = ("other", line, None)
        title_at = self._choose_title(items)
        self._choose_dates(items, title_at, times)
        # the rest: caption, summary, or chrome
        meta_since_title = False
        for position, (kind, line, _date) in enumerate(items):
            if position == title_at:
                continue
            if kind in ("date", "debris", "time"):
                meta_since_title = meta_since_title or (
                    title_at is not None and position > title_at
                )
                if kind == "date" and line.kind == "text":
                    line.drop(self._date_reason(line, _date))
                continue
            if kind != "cand" or line.kind != "text":
                continue
            if self.title and _same(line.folded, self.title):
                line.drop("repeats the title")
                continue
            if self.title and " ".join(line.folded.split()).startswith(self.title):
                line.drop("the title again, glued to other text")
                continue
            after_title = title_at is not None and position > title_at
            caption_like = debris.looks_like_caption(line.folded)
            if not self.caption and (caption_like or (after_title and meta_since_title)):
                self.caption = line.text
                line.kind = "header"
                continue
            if after_title and not self.summary and line.words >= 4 and not caption_like:
                self.summary = line.text
                line.kind = "header"
                continue
            line.drop("before the article (site chrome)")
        if title_at is not None:
            items[title_at][1].kind = "header"
        del page

    def _date_reason(self, line: _Line, date: DateLine | None) -> str:
        if line is self._date_source:
            return "the date line used"
        if date is not None and date.updated is not None and date.updated == self.updated:
            return "the update date line used"
        return "another date line (not taken as the publication date)"

    def _is_candidate(self, line: _Line, strong: bool) -> bool:
        if line.kind != "text" or not debris.ARABIC_LETTER.search(line.folded):
            return False
        words = line.words
        if words < 2 or words > TITLE_MAX_WORDS or line.folded.rstrip().endswith(":"):
            return False
        if debris.is_closing_marker(line.folded) or debris.is_read_also(line.folded):
            return False
        if debris.looks_like_caption(line.folded):
            return False
        if strong:
            return words >= 4 and not debris.looks_like_outlet(line.folded)
        # a short "name - place" line is a dateline ("شفق نيوز - اربيل"), not a headline
        return not debris.looks_like_outlet(line.folded) and not _DATELINE.match(line.text)

    def _choose_title(self, items) -> int | None:
        page = self.page
        all_keys = Counter(line.key for line in page.lines)
        header_keys = Counter(line.key for _k, line, _d in items)
        # A line printed again and again between the article's paragraphs is a recurring
        # label (an item heading, a section name), not this page's headline; a title's
        # copies stand together above the text.
        for position, (kind, line, _date) in enumerate(items):
            if kind == "cand" and line.kind == "text":
                inside = all_keys[line.key] - header_keys[line.key]
                if inside >= 2:
                    line.drop(f"printed {inside} times inside the article (a recurring label)")
                    items[position] = ("debris", line, None)
        strong = [
            p
            for p, (k, line, _) in enumerate(items)
            if k == "cand" and self._is_candidate(line, True)
        ]
        keys = [line.key for _, line, _ in items]
        chosen: int | None = None
        for position, (_kind, line, _date) in enumerate(items):
            if line is page.title_field and line.kind == "text":
                chosen, page.title_evidence = position, "the record's title field"
        for position in strong if chosen is None else ():
            key = keys[position]
            # printed again on the page, or again in the header glued to a caption
            repeats = all_keys[key] + sum(
                1 for other in keys if other != key and other.startswith(key)
            )
            if repeats >= 2:
                chosen, page.title_evidence = position, "printed more than once on the page"
                break
        if chosen is None:
            for position, (kind, _line, _date) in enumerate(items):
                if kind != "date":
                    continue
                back = position - 1
                while back >= 0 and items[back][0] in ("debris", "time"):
                    back -= 1
                run = []
                while back >= 0 and items[back][0] == "cand":
                    run.append(back)
                    back -= 1
                run.reverse()
                in_run = [p for p in run if p in strong]
                if in_run:
                    chosen, page.title_evidence = in_run[0], "the headline above the date line"
                    break
        if chosen is None and strong:
            chosen, page.title_evidence = strong[0], "the first headline-like line"
            if len(strong) > 1:
                page.doubts["title"] = "several headline-like lines before the article"
        if chosen is None:
            # a short line right before the article (not a site's name) may be the title
            last_cand = [p for p, (k, _l, _d) in enumerate(items) if k == "cand"]
            end = len(items) - 1
            while end >= 0 and items[end][0] == "debris":
                end -= 1  # furniture between it and the article
            if last_cand and last_cand[-1] == end:
                line = items[last_cand[-1]][1]
                if self._is_candidate(line, False):
                    chosen, page.title_evidence = (
                        last_cand[-1],
                        "a short line right before the article",
                    )
                    page.doubts["title"] = "the title is a short line; it may be a label"
        if chosen is not None:
            line = items[chosen][1]
            self.title_line = line.text
            self.title = " ".join(line.folded.split())
            label = debris.GLUED_LABEL.match(line.folded)
            if label is None:
                # "محليات - <headline>" where the page prints "محليات" on a line of its
                # own (its menu): a section glued to the title with a dash
                dashed = _DASHED_LABEL.match(line.folded)
                if dashed and all_keys[dashed.group("label").lower()]:
                    label = dashed
            if label and len(line.folded[label.end() :].split()) >= 4:
                # "سياسة | <headline>": the label is not part of the title
                folded = fold(line.text)
                self.title_line = line.text[folded.start(label.end()) :]
        return chosen

    def _choose_dates(self, items, title_at: int | None, times: dict[int, _Line]) -> None:
        dated = [p for p, (k, _l, d) in enumerate(items) if k == "date" and d is not None]
        if not dated:
            return
        with_published = [p for p in dated if items[p][2].published is not None]
        chosen = None
        if title_at is not None:
            after = [p for p in with_published if p > title_at]
            before = [p for p in with_published if p < title_at]
            chosen = after[0] if after else (before[-1] if before else None)
        elif with_published:
            chosen = with_published[-1] if len(with_published) > 1 else with_published[0]
        if chosen is not None:
            date = items[chosen][2]
            published = date.published
            time_line = times.get(chosen)
            if published.time is None and time_line is not None:
                match = _TIME_ONLY.match(time_line.folded)
                published = _with_time(published, match, time_line.text)
                time_line.drop("the time of the date line used")
            self.published = published
            self.date_line = items[chosen][1].text if not date.remainder else published.text
            self._date_source = items[chosen][1]
            self.hijri_text = date.hijri_text
            self.warnings.extend(date.warnings)
            self._prefix_credit(date)
            for p in with_published:
                other = items[p][2].published
                if p != chosen and other.date != published.date:
                    self.other_dates.append(items[p][1].text)
            if self.other_dates:
                self.page.doubts.setdefault(
                    "date",
                    "the page states other dates too (a site's date bar or another item's)",
                )
        for p in dated:
            if items[p][2].updated is not None:
                self.updated = items[p][2].updated
                if self.published is None or p == chosen or p > (title_at or -1):
                    break

    def _prefix_credit(self, date: DateLine) -> None:
        if not date.prefix:
            return
        known = _known_agencies(date.prefix)
        if known:
            self.attributions.extend(known)
        elif not self.byline and debris.is_byline(fold(date.prefix).text):
            self.byline = date.prefix  # "بقلم: فلان - 12 مارس 2024"

    def use_block_date(self, line: _Line, date: DateLine) -> None:
        """A date line at the very top of the article's text (after a one-line summary)."""
        self.published = date.published
        self.updated = self.updated or date.updated
        self.date_line = line.text
        self.hijri_text = self.hijri_text or date.hijri_text
        self.warnings.extend(date.warnings)
        line.drop("the date line used")


def _with_time(parts: ParsedDateParts, match: re.Match, text: str) -> ParsedDateParts:
    import datetime

    hour, minute, marker = int(match.group(1)), int(match.group(2)), match.group(3)
    if marker and marker.lower().startswith(("م", "p")) and hour < 12:
        hour += 12
    elif marker and hour == 12 and marker.lower().startswith(("ص", "a")):
        hour = 0
    if hour > 23:
        return parts
    return ParsedDateParts(
        parts.date, datetime.time(hour, minute), parts.utc_offset_minutes, f"{parts.text} {text}"
    )
