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
class DroppedLine:
    """A line of the file the parser left out of the article, and why."""

    number: int  # 1-based line number in the file
    text: str
    reason: str


@dataclass(frozen=True)
class Findings:
    """What the parser decided and what it was unsure of, for an editor to check.

    ``doubts`` maps "title", "date" or "body" to the reason the parser doubts it.
    """

    dropped: tuple[DroppedLine, ...] = ()
    title_evidence: str = ""
    date_line: str = ""
    other_dates: tuple[str, ...] = ()
    doubts: tuple[tuple[str, str], ...] = ()

    MAX_DROPPED = 200
    MAX_TEXT = 300

    def as_dict(self, warnings: tuple[str, ...] = ()) -> dict:
        """JSON-ready: the form the archive stores on the article."""
        return {
            "dropped": [
                {"line": d.number, "text": d.text[: self.MAX_TEXT], "reason": d.reason}
                for d in self.dropped[: self.MAX_DROPPED]
            ],
            "dropped_count": len(self.dropped),
            "title_evidence": self.title_evidence,
            "date_line": self.date_line,
            "other_dates": list(self.other_dates),
            "doubts": dict(self.doubts),
            "warnings": list(warnings),
        }


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
    findings: Findings = Findings()

    @property
    def doubts(self) -> dict[str, str]:
        """What the parser doubted: {"title" | "date" | "body": reason}. An article
        made by any path is doubted for a date it lacks and a title it derived."""
        doubts = dict(self.findings.doubts)
        if self.published is None:
            doubts.setdefault("date", "no date stated")
        if self.title_derived:
            doubts.setdefault("title", "the page states no title; derived from the body")
        return doubts

    def findings_record(self) -> dict:
        """The findings as the archive stores them (``Article.loader_findings``)."""
        record = self.findings.as_dict(self.warnings)
        record["doubts"] = dict(sorted(self.doubts.items()))
        return record

    @property
    def note(self) -> str:
        """What an editor should check, for a report line: ``no date stated; title derived``."""
        doubts = self.doubts
        notes = []
        if self.published is None:
            notes.append("no date stated")
        elif "date" in doubts:
            notes.append("date uncertain: the page states other dates")
        if self.title_derived:
            notes.append("title derived")
        elif "title" in doubts:
            notes.append("title uncertain")
        if "body" in doubts:
            notes.append("body uncertain: main text not told from page furniture")
        return "; ".join(notes)
