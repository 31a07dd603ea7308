"""Seed-file parser: one scraped Arabic news article (plain text) -> a clean article.

Pure Python, no Django: the ``load_seeds`` command and the tests call it directly.
"""

from .article import MAX_FILE_BYTES, decode_article_bytes, derive_title, parse_article
from .dates import parse_date_line
from .files import ArticleFile, read_article_file
from .sources import SOURCES, Source, cited_sources, lookup_source
from .types import ParsedArticle, ParsedDate, ParseError, SourceMention

__all__ = [
    "ArticleFile",
    "MAX_FILE_BYTES",
    "SOURCES",
    "ParseError",
    "ParsedArticle",
    "ParsedDate",
    "Source",
    "SourceMention",
    "cited_sources",
    "decode_article_bytes",
    "derive_title",
    "lookup_source",
    "parse_article",
    "parse_date_line",
    "read_article_file",
]
