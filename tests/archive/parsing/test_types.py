"""The parser's value types: a ParseError that survives pickling (the loader's
worker), the doubts any article carries, the report note, and the findings in
the form the archive stores."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import replace

from archive.parsing.types import DroppedLine, Findings, ParsedArticle, ParsedDate, ParseError

DATE = ParsedDate(dt.date(2025, 8, 13), dt.time(13, 51), 180, "13 أغسطس 2025 13:51")
ARTICLE = ParsedArticle(
    title="أنقرة تدعم دمشق",
    title_derived=False,
    summary="",
    caption="",
    body="وقّع وزير الدفاع مذكرة تفاهم.",
    published=DATE,
    updated=None,
    hijri_text="",
    attributions=(),
    cited_sources=(),
    warnings=(),
)


def test_a_parse_error_says_its_field_and_survives_pickling():
    error = pickle.loads(pickle.dumps(ParseError("body", "no article text")))
    assert (error.field, error.reason, str(error)) == (
        "body",
        "no article text",
        "body: no article text",
    )


def test_a_date_with_a_time_is_to_the_minute_and_without_to_the_day():
    assert DATE.precision == "minute"
    assert replace(DATE, time=None).precision == "day"


def test_an_article_stating_its_title_and_date_has_no_doubts():
    assert (ARTICLE.doubts, ARTICLE.note) == ({}, "")


def test_no_date_and_a_derived_title_are_doubted_whatever_made_the_article():
    article = replace(ARTICLE, published=None, title_derived=True)
    assert article.doubts == {
        "date": "no date stated",
        "title": "the page states no title; derived from the body",
    }
    assert article.note == "no date stated; title derived"


def test_the_parsers_own_doubts_are_kept_and_noted():
    findings = Findings(doubts=(("date", "other dates"), ("title", "a label"), ("body", "chrome")))
    article = replace(ARTICLE, findings=findings)
    assert article.note == (
        "date uncertain: the page states other dates; title uncertain; "
        "body uncertain: main text not told from page furniture"
    )


def test_the_findings_record_caps_what_it_stores_and_counts_all():
    dropped = tuple(DroppedLine(n, "ش" * 400, "share line") for n in range(1, 202))
    findings = Findings(dropped=dropped, date_line="13 أغسطس", other_dates=("12 أغسطس",))
    record = replace(ARTICLE, published=None, findings=findings, warnings=("w",)).findings_record()
    assert len(record["dropped"]) == 200 and record["dropped_count"] == 201
    assert record["dropped"][0] == {"line": 1, "text": "ش" * 300, "reason": "share line"}
    assert (record["date_line"], record["other_dates"], record["warnings"]) == (
        "13 أغسطس",
        ["12 أغسطس"],
        ["w"],
    )
    assert record["doubts"] == {"date": "no date stated"}
    assert record["title_evidence"] == ""
