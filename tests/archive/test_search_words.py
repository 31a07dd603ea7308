"""The words of a text as search finds them, with their offsets in the text."""

from __future__ import annotations

from archive.search import search_terms, word_spans


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
