"""Saved web pages: the article's main text and what the page states about it.

trafilatura finds the main text (no menus, related links, footers) and the
page's title, author, site name and canonical address; htmldate picks the
publication date from the page's metadata, whose own time and zone are then
read where the metadata writes them. The text becomes the body through
``archive.importers.text``, as every format's text does.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html

from archive.importers.text import article_from_text, parse_stated_date
from archive.importers.urls import BadURL, canonical_url
from archive.normalization import normalize_arabic
from archive.parsing import ParsedArticle, ParsedDate, ParseError, parse_article

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
PROSE_MIN_WORDS = 10
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ")
# An "author" trafilatura read from an image or a link, not a person.
_NOT_AUTHOR = re.compile(r"https?|www\.|\.(png|jpe?g|svg|gif)\b|\blogo\b", re.I)
_PUBLISHED_META = (
    "article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "og:published_time",
    "dc.date.issued",
    "date",
)
_UPDATED_META = ("article:modified_time", "dateModified", "og:updated_time", "lastmod")


@dataclass(frozen=True)
class ExtractedPage:
    parsed: ParsedArticle
    url: str
    site_name: str
    language: str
    text: str = ""  # trafilatura's main text, as extracted


def decode_html(data: bytes) -> str:
    """A page's bytes as text: UTF-8, else the charset the page declares
    (``windows-1256`` is common on older Arabic sites)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    declared = _CHARSET.search(data[:4096])
    if declared:
        charset = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise ParseError(
                "encoding", f"not valid UTF-8, nor the declared charset {charset!r}"
            ) from None
    raise ParseError(
        "encoding", f"not valid UTF-8 at byte {utf8_error.start}, and the page declares no charset"
    )


def extract_page(raw_html: str) -> ExtractedPage:
    """The article in a saved page. Raises ``ParseError`` naming the field:
    ``html`` when the markup cannot be read at all, ``body`` when the page
    holds no article text (only navigation, links, furniture)."""
    if "<" not in raw_html:
        raise ParseError("html", "not an HTML page (no markup)")
    try:
        tree = lxml_html.document_fromstring(raw_html)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise ParseError("html", f"the markup cannot be read ({error})") from None
    meta = _meta_values(tree)
    document = _extract(raw_html)
    if not _has_prose(document):
        # Some layouts hide the article from the default heuristics (011 of the
        # real pages); the recall-first setting finds it.
        document = _extract(raw_html, favor_recall=True)
    if not _has_prose(document):
        raise ParseError(
            "body", "the page has no article text (only navigation, links or furniture)"
        )
    text = document.text
    site_name = _clean(document.sitename)
    if site_name.lower().startswith(("http:", "https:", "www.")):
        site_name = _clean(document.hostname)
    title = _headline(tree, _strip_site_suffix(_clean(document.title), site_name))
    author = _clean(document.author)
    if author and (_NOT_AUTHOR.search(author) or _same(author, site_name)):
        author = ""
    url = ""
    for candidate in (document.url, meta.get("og:url")):
        if candidate:
            try:
                url = canonical_url(candidate)
                break
            except BadURL:
                continue
    published = _stated_date(tree, meta, _PUBLISHED_META, original=True)
    updated = _stated_date(tree, meta, _UPDATED_META, original=False)
    if updated and published and (updated.date, updated.time) == (published.date, published.time):
        updated = None
    language = _clean(document.language) or (tree.get("lang") or "").split("-")[0].lower()
    parsed = article_from_text(
        text, title=title, published=published, updated=updated, byline=author
    )
    # The text parser finds the page debris left inside the article's own markup
    # and the date its text states (benchmarks/html_fidelity.py: on 60 real texts
    # in news-site markup, debris gone 0% -> 99%, dates 0% -> 66%, sentences kept
    # 100% either way; on the 13 real saved pages, no field worse).
    parsed = take_parsed_text(text, parsed)
    return ExtractedPage(
        parsed=parsed, url=url, site_name=site_name, language=language[:10], text=text
    )


def _extract(raw_html: str, **options):
    return trafilatura.bare_extraction(
        raw_html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        **options,
    )


def _has_prose(document) -> bool:
    """Whether extracted text holds a sentence of prose: menus, link lists and
    footers are runs of short lines."""
    text = (document.text or "") if document is not None else ""
    return any(len(line.split()) >= PROSE_MIN_WORDS for line in text.splitlines())


def _headline(tree, title: str) -> str:
    """The page's one ``<h1>`` when the title is that headline plus more (a
    site name before or after it)."""
    headings = {_clean(h.text_content()) for h in tree.iter("h1")} - {""}
    inside = [h for h in headings if len(h) >= 10 and h in title and h != title]
    return inside[0] if len(inside) == 1 else title


def _clean(value) -> str:
    return " ".join(str(value).split()) if value else ""


def _same(a: str, b: str) -> bool:
    return bool(a and b) and normalize_arabic(a).casefold() == normalize_arabic(b).casefold()


def _strip_site_suffix(title: str, site_name: str) -> str:
    """``headline - Site`` → ``headline`` when the suffix is the site's name."""
    if not site_name:
        return title
    for separator in _TITLE_SEPARATORS:
        head, _, tail = title.rpartition(separator)
        if head and _same(tail, site_name):
            return head.strip()
        head2, _, tail2 = title.partition(separator)
        if tail2 and _same(head2, site_name):
            return tail2.strip()
    return title


def _meta_values(tree) -> dict[str, str]:
    """``<meta>`` values by property/name/itemprop (first wins), ``<time
    itemprop>`` values, and JSON-LD ``datePublished``/``dateModified``/``url``."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content:
            values.setdefault(key.strip().lower(), content.strip())
    for element in tree.iter("time"):
        key, stamp = element.get("itemprop"), element.get("datetime")
        if key and stamp:
            values.setdefault(key.strip().lower(), stamp.strip())
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _json_ld_items(data):
            for key in ("datePublished", "dateModified"):
                if isinstance(item.get(key), str):
                    values.setdefault(key.lower(), item[key].strip())
    return values


def _json_ld_items(data):
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_items(data["@graph"])


def _stated_date(tree, meta: dict[str, str], keys, *, original: bool) -> ParsedDate | None:
    """The date the page's metadata states. Of the metadata values naming it,
    one written in a local zone wins (the day the page's readers saw: a UTC
    value can fall on the day before); else the first that reads as a date;
    else the day htmldate finds in the metadata (it knows more forms)."""
    stated = [parse_stated_date(meta[key.lower()]) for key in keys if meta.get(key.lower())]
    stated = [value for value in stated if value is not None]
    local = [v for v in stated if v.time is not None and v.utc_offset_minutes not in (None, 0)]
    if local or stated:
        return (local or stated)[0]
    try:
        day = find_date(
            tree, original_date=original, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except Exception:  # noqa: BLE001 - htmldate raises assorted errors on odd pages
        day = None
    if not day:
        return None
    for key in keys:
        value = meta.get(key.lower())
        if value and value.startswith(day):
            stated = parse_stated_date(value)
            if stated and stated.date.isoformat() == day:
                return stated
    return parse_stated_date(day)


def take_parsed_text(text: str, page: ParsedArticle) -> ParsedArticle:
    """The extracted ``text`` run through the text parser (``parse_article``),
    with what the page's metadata states (title, dates, author) winning over
    what the parser finds in the text."""
    try:
        parsed = parse_article(f"{page.title}\n{text}" if page.title else text)
    except ParseError:
        return page
    return dataclasses.replace(
        parsed,
        title=page.title if not page.title_derived else parsed.title,
        title_derived=page.title_derived and parsed.title_derived,
        published=page.published or parsed.published,
        updated=page.updated or parsed.updated,
        byline=page.byline or parsed.byline,
    )
