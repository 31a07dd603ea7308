"""What every reader yields: one item per article read, or one problem."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field

import orjson

from archive.parsing import ArticleFile, ParsedArticle


@dataclass(frozen=True)
class ItemDetails:
    """What an item states beyond its text: the address, the site, the language
    and free metadata (JSON Lines' ``meta``)."""

    url: str = ""
    site_name: str = ""
    language: str = ""
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportedItem:
    """One article read from a file. ``label`` says where (``page.html``,
    ``export.jsonl:12``); ``file.source_file`` is its identity in the archive:
    the canonical URL when there is one, else the label."""

    label: str
    file: ArticleFile
    details: ItemDetails


@dataclass(frozen=True)
class ItemProblem:
    """An item (or a whole file) that could not be read: where, which field, why."""

    label: str
    field: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.field}: {self.reason}"


def content_hash(parsed: ParsedArticle, details: ItemDetails) -> str:
    """The SHA-256 of what an imported item says (its parsed article and its
    details), not of the bytes it came in: the same article read again, from a
    re-saved page or from another format, is unchanged."""
    state = {"parsed": dataclasses.asdict(parsed), "details": dataclasses.asdict(details)}
    return hashlib.sha256(orjson.dumps(state, option=orjson.OPT_SORT_KEYS)).hexdigest()
