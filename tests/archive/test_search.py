"""Snippets, the stems that rank an article, and the words of a text as search
finds them with their offsets (``archive.search``), on strings."""

from __future__ import annotations

from archive.search import (
    LEDE_STEMS,
    article_search_fields,
    search_terms,
    search_text,
    snippet,
    word_spans,
)


def test_a_phrase_is_marked_as_one_run_where_its_words_stand_together():
    body = "وقعت مذكرة بين البلدين. ثم جرى نقاش حول التفاهم. وأخيرا وقعت مذكرة التفاهم رسميا."
    # A third of the extract's words come before the match; the lone words
    # of the phrase (مذكرة, التفاهم) are not marked.
    assert snippet(body, '"مذكرة التفاهم"', words=30) == (
        "مذكرة بين البلدين. ثم جرى نقاش حول التفاهم. وأخيرا وقعت <b>مذكرة التفاهم</b> رسميا"
    )


def test_words_of_a_query_are_each_marked_and_the_extract_starts_near_the_first():
    body = " ".join(["تمهيد"] * 30) + " زار الوفد أنقرة ثم دمشق"
    extract = snippet(body, "دمشق انقرة", words=8)
    assert extract == "زار الوفد <b>أنقرة</b> ثم <b>دمشق</b>"


def test_an_excluded_word_is_never_marked():
    assert snippet("أنقرة ودمشق", "انقرة -دمشق") == "<b>أنقرة</b> ودمشق"


def test_search_fields_are_the_search_text_and_three_weighted_groups():
    title = "اجتماع في أنقرة"
    body = " ".join(["تمهيد"] * LEDE_STEMS) + " قسد قسد قسد الحسكة الحسكة منبج"
    text, rank_terms = article_search_fields(title, "", body)
    assert text == search_text(title, "", body)
    headline, recurring, twice = (group.split() for group in rank_terms.split("|"))
    assert headline == ["اجتماع", "في", "انقر"]
    # The lede (the opening stems) and what recurs three times; not a single mention.
    assert recurring == ["تمهيد", "قسد"]
    assert twice == ["حسكه"]
    assert "منبج" not in rank_terms


def test_word_spans_are_the_words_search_reads_with_their_code_point_offsets():
    text = "قالَ وزيرُ الدفاع التركي، إنّ ٣ مذكرات"
    spans = word_spans(text)
    assert [text[start:end] for start, end in spans] == [
        "قالَ",
        "وزيرُ",
        "الدفاع",
        "التركي",
        "إنّ",
        "٣",
        "مذكرات",
    ]
    assert len(spans) == len(search_terms(text))


def test_harakat_and_tatweel_never_split_a_word():
    text = "كتـبَ 🇹🇷 عنـها"
    assert [text[start:end] for start, end in word_spans(text)] == ["كتـبَ", "عنـها"]
