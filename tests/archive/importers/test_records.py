"""JSON Lines and CSV: the documented fields, and each bad record failing
alone with its line and field."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from archive.importers import ImportedItem, ItemProblem
from archive.importers.records import read_csv, read_jsonl
from tests.importers.pages import PARAGRAPHS, TITLE, news_page

TEXT = "\n".join(PARAGRAPHS)


def jsonl(*records) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_record_with_every_field():
    record = {
        "url": "https://news.example.com/a/1?utm_source=x",
        "title": TITLE,
        "published": "2025-08-13T19:51:00+03:00",
        "text": TEXT,
        "site_name": "أخبار المثال",
        "author": "سامر الأحمد",
        "language": "ar",
        "meta": {"section": "سياسة", "scraper": "v2"},
    }
    (item,) = read_jsonl("export.jsonl", jsonl(record))
    assert isinstance(item, ImportedItem)
    assert item.label == "export.jsonl:1"
    assert item.file.source_file == "https://news.example.com/a/1"
    assert item.file.raw_text == json.dumps(record, ensure_ascii=False)
    parsed = item.file.parsed
    assert parsed.title == TITLE and parsed.title_derived is False
    assert parsed.body == "\n\n".join(PARAGRAPHS)
    assert (parsed.published.date, parsed.published.time) == (dt.date(2025, 8, 13), dt.time(19, 51))
    assert parsed.published.utc_offset_minutes == 180
    assert parsed.byline == "سامر الأحمد"
    assert item.details.site_name == "أخبار المثال"
    assert item.details.meta == {"section": "سياسة", "scraper": "v2"}


def test_a_record_without_url_is_known_by_file_and_line_and_reads_an_arabic_date():
    data = jsonl("", {"text": TEXT, "published": "13 أغسطس 2025 07:51 م"})
    (item,) = read_jsonl("export.jsonl", data)
    assert item.file.source_file == "export.jsonl:2"
    assert item.file.parsed.published.time == dt.time(19, 51)
    assert item.file.parsed.title_derived is True
    assert item.details.language == "ar"


def test_a_record_with_html_takes_the_page_main_text_and_metadata():
    (item,) = read_jsonl("export.jsonl", jsonl({"html": news_page(), "language": "ar"}))
    assert item.file.parsed.body == "\n\n".join(PARAGRAPHS)
    assert item.file.parsed.title == TITLE
    assert item.file.source_file == "https://news.example.com/politics/2025/08/13/defence-training"
    assert item.details.site_name == "أخبار المثال"


@pytest.mark.parametrize(
    ("line", "field", "reason"),
    [
        ('{"title": "x", "text": ', "line", "not valid JSON"),
        ("[1, 2]", "line", "a JSON object is expected, not an array"),
        ({"title": "عنوان"}, "text", "missing: give the article's text (or its html)"),
        ({"text": "   "}, "text", "missing"),
        ({"text": TEXT, "titel": "x"}, "titel", "not a field"),
        ({"text": TEXT, "title": 7}, "title", "a string is expected, not a number"),
        ({"text": TEXT, "url": "ftp://x.org/a"}, "url", "not an http(s) address"),
        ({"text": TEXT, "published": "قريباً"}, "published", "cannot read a date in 'قريباً'"),
        ({"text": TEXT, "meta": [1]}, "meta", "a JSON object is expected, not an array"),
        ({"html": "<html><body><nav>الرئيسية</nav></body></html>"}, "body", "no article text"),
    ],
)
def test_a_bad_line_fails_alone_with_its_line_number_and_field(line, field, reason):
    good = {"text": TEXT, "url": "https://news.example.com/ok"}
    items = list(
        read_jsonl("export.jsonl", jsonl(good, line, good | {"url": "https://n.example/2"}))
    )
    assert [type(i) for i in items] == [ImportedItem, ItemProblem, ImportedItem]
    problem = items[1]
    assert problem.label == "export.jsonl:2"
    assert problem.field == field
    assert reason in problem.reason


def test_an_empty_or_binary_jsonl_file_is_one_problem():
    assert list(read_jsonl("e.jsonl", b"\n \n")) == [
        ItemProblem("e.jsonl", "file", "file is empty")
    ]
    (problem,) = read_jsonl("b.jsonl", b'{"text": "\x00"}')
    assert (problem.field, problem.reason) == ("file", "binary file (NUL byte at offset 10)")


def csv_bytes(text: str, bom: bool = False) -> bytes:
    return (("\ufeff" if bom else "") + text).encode("utf-8")


@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_or_without_bom(bom):
    text = (
        "url,title,published,text,site_name,meta\r\n"
        f'https://news.example.com/c/1,{TITLE},2025-08-13,"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}",'
        'أخبار المثال,"{""section"": ""سياسة""}"\r\n'
        f",,,{PARAGRAPHS[2]},,\r\n"
    )
    first, second = read_csv("sheet.csv", csv_bytes(text, bom))
    assert first.label == "sheet.csv:2"
    assert first.file.source_file == "https://news.example.com/c/1"
    assert first.file.parsed.title == TITLE
    assert first.file.parsed.body == f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"
    assert first.file.parsed.published.date == dt.date(2025, 8, 13)
    assert first.details.meta == {"section": "سياسة"}
    # The first record spans lines 2-3: the next one starts on line 4.
    assert second.label == "sheet.csv:4"
    assert second.file.source_file == "sheet.csv:4"
    assert second.file.parsed.body == PARAGRAPHS[2]


@pytest.mark.parametrize(
    ("text", "label", "field", "reason"),
    [
        ("", "sheet.csv", "file", "file is empty"),
        ("titel,text\nx,y\n", "sheet.csv:1", "header", "unknown column(s) 'titel'"),
        ("title,url\nx,https://a.example/\n", "sheet.csv:1", "header", "no text or html column"),
    ],
)
def test_a_csv_whose_header_is_wrong_is_one_problem(text, label, field, reason):
    (problem,) = read_csv("sheet.csv", csv_bytes(text))
    assert (problem.label, problem.field) == (label, field)
    assert reason in problem.reason


def test_a_bad_csv_row_fails_alone():
    text = f"title,text,meta\nx,{PARAGRAPHS[0]},\ny,{PARAGRAPHS[1]},{{bad\nz,only two\n"
    good, bad_meta, short = read_csv("sheet.csv", csv_bytes(text))
    assert isinstance(good, ImportedItem) and good.label == "sheet.csv:2"
    assert (bad_meta.label, bad_meta.field) == ("sheet.csv:3", "meta")
    assert (short.label, short.field, short.reason) == (
        "sheet.csv:4",
        "line",
        "2 cells for 3 columns",
    )
