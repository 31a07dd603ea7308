"""Value types returned by the seed-file parser, and its one exception."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


class ParseError(Exception):
    """A file the parser cannot turn into an article; says which field and why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason

    def __reduce__(self):  # keep the two-argument constructor picklable (xdist, multiprocessing)
        return (type(self), (self.field, self.reason))


@dataclass(frozen=True)
class ParsedDate:
    """A date (and maybe a time and zone) read from a header line of the file."""

    date: datetime.date
    time: datetime.time | None
    utc_offset_minutes: int | None
    text: str

    @property
    def precision(self) -> str:
        """``"minute"`` when a time of day was stated, else ``"day"``."""
        return "minute" if self.time is not None else "day"


@dataclass(frozen=True)
class SourceMention:
    """A news source named in the file: an attribution line or a citation in the body."""

    name: str
    name_en: str
    kind: str
    text: str


@dataclass(frozen=True)
class ParsedArticle:
    """Everything the parser extracted from one article file."""

    title: str
    title_derived: bool
    summary: str
    caption: str
    body: str
    published: ParsedDate | None
    updated: ParsedDate | None
    hijri_text: str
    attributions: tuple[SourceMention, ...]
    cited_sources: tuple[SourceMention, ...]
    warnings: tuple[str, ...]
    byline: str = ""
