"""What the readers yield: a problem's message, and the content hash of an
item, which is of what it says and not of the bytes it came in."""

from __future__ import annotations

from archive.importers.text import article_from_text
from archive.importers.types import ItemDetails, ItemProblem, content_hash


def test_a_problem_says_its_field_and_reason():
    problem = ItemProblem("export.jsonl:12", "url", "not an http(s) address")
    assert problem.message == "url: not an http(s) address"


def test_the_same_article_and_details_hash_the_same_however_the_meta_is_ordered():
    parsed = article_from_text("وقّع وزير الدفاع مذكرة تفاهم.", title="مذكرة")
    one = content_hash(parsed, ItemDetails(url="https://a.example/1", meta={"a": 1, "b": "ب"}))
    two = content_hash(parsed, ItemDetails(url="https://a.example/1", meta={"b": "ب", "a": 1}))
    assert one == two
    assert one == "097a854d61f73029a1b2180be692bdde54558036cfc53c6c7da5ca248459e9cf"


def test_a_change_in_the_text_or_the_details_changes_the_hash():
    parsed = article_from_text("وقّع وزير الدفاع مذكرة تفاهم.", title="مذكرة")
    base = content_hash(parsed, ItemDetails())
    assert (
        content_hash(
            article_from_text("وقع وزير الدفاع مذكرة تفاهم.", title="مذكرة"), ItemDetails()
        )
        != base
    )
    assert content_hash(parsed, ItemDetails(site_name="الوطن")) != base
    assert content_hash(parsed, ItemDetails(language="ar")) != base
