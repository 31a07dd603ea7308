"""Text already extracted (a page's main text, a record's ``text``) made into a
parsed article: its paragraphs as written, the stated date read, the title not
repeated in the body, and no text at all refused."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.importers.text import article_from_text, paragraphs, parse_stated_date
from archive.parsing import ParseError

TEXT = "أنقرة تدعم دمشق\r\n\r\n  وقّع وزير الدفاع  مذكرة تفاهم. \u200f\n\u00a0\n\nوأضاف أن التدريب يبدأ قريبا."


def test_paragraphs_are_the_non_blank_lines_trimmed_at_their_ends_only():
    assert paragraphs(TEXT) == [
        "أنقرة تدعم دمشق",
        "وقّع وزير الدفاع  مذكرة تفاهم.",
        "وأضاف أن التدريب يبدأ قريبا.",
    ]
    assert paragraphs("") == [] and paragraphs(" \u200b\n\t") == []


def test_a_stated_date_in_iso_or_in_arabic_is_read():
    iso = parse_stated_date(" 2025-08-13T16:51:00+03:00 ")
    assert (iso.date, iso.time, iso.utc_offset_minutes, iso.text) == (
        dt.date(2025, 8, 13),
        dt.time(16, 51),
        180,
        "2025-08-13T16:51:00+03:00",
    )
    arabic = parse_stated_date("الأربعاء 13 أغسطس 2025")
    assert (arabic.date, arabic.time, arabic.precision) == (dt.date(2025, 8, 13), None, "day")


@pytest.mark.parametrize("value", ["", "   ", "قريبا", "not a date"])
def test_no_readable_date_is_none(value):
    assert parse_stated_date(value) is None


def test_the_title_is_not_repeated_as_the_first_paragraph():
    parsed = article_from_text(TEXT, title="  أنقرة   تدعم دمشق ", byline="  كتب:\n أحمد ")
    assert parsed.title == "أنقرة تدعم دمشق" and not parsed.title_derived
    assert parsed.body == "وقّع وزير الدفاع  مذكرة تفاهم.\n\nوأضاف أن التدريب يبدأ قريبا."
    assert parsed.byline == "كتب: أحمد"
    assert (parsed.published, parsed.summary, parsed.warnings) == (None, "", ())


def test_without_a_title_one_is_derived_from_the_body():
    parsed = article_from_text("وقّع وزير الدفاع مذكرة تفاهم مع نظيره السوري.")
    assert parsed.title_derived
    assert parsed.title == "وقّع وزير الدفاع مذكرة تفاهم مع نظيره السوري"
    assert parsed.doubts["title"] == "the page states no title; derived from the body"


def test_a_title_over_the_limit_is_cut():
    parsed = article_from_text("نص المقال.", title="ع" * 600)
    assert parsed.title == "ع" * 500


@pytest.mark.parametrize(("text", "title"), [("", ""), (" \n\n ", "عنوان"), ("عنوان", "عنوان")])
def test_no_text_left_is_a_parse_error_on_the_body(text, title):
    with pytest.raises(ParseError) as error:
        article_from_text(text, title=title)
    assert (error.value.field, error.value.reason) == ("body", "no article text")
