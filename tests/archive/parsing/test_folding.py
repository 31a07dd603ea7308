"""``fold``: the text normalised for matching, and the way back from a folded
offset to the original characters (harakat, tatweel, presentation forms)."""

from __future__ import annotations

from archive.parsing.folding import fold


def test_plain_text_maps_one_to_one():
    folded = fold("مذكرة تفاهم")
    assert folded.text == "مذكره تفاهم"
    assert [folded.start(i) for i in range(len(folded.text))] == list(range(11))
    assert folded.span(6, 11) == "تفاهم"


def test_harakat_and_tatweel_are_removed_and_offsets_skip_them():
    original = "قالَ وزيـرُ"
    folded = fold(original)
    assert folded.text == "قال وزير"
    # The folded "و" (index 4) is the original's index 5, after the fatha.
    assert folded.start(4) == 5
    # "وزير" in the folded text is the original "وزيـرُ", its damma included.
    assert folded.span(4, 8) == "وزيـرُ"
    assert folded.span(0, 3) == "قالَ"


def test_marks_after_the_last_letter_belong_to_it():
    folded = fold("مساءً")
    assert folded.text == "مساء"
    assert folded.end(len(folded.text)) == len("مساءً")
    assert folded.span(0, 4) == "مساءً"


def test_presentation_forms_map_each_letter_back_to_its_ligature():
    original = "ﻻ بأس"  # U+FEFB, the lam-alef ligature: two letters once folded
    folded = fold(original)
    assert folded.text == "لا باس"
    assert (folded.start(0), folded.start(1), folded.start(2)) == (0, 0, 1)
    assert folded.span(0, 2) == "ﻻ"
    assert folded.span(3, 6) == "بأس"


def test_empty_text_and_offsets_past_either_end():
    folded = fold("")
    assert (folded.text, folded.start(0), folded.end(0), folded.span(0, 5)) == ("", 0, 0, "")
    folded = fold("أنقرة")
    assert folded.start(99) == 5 and folded.end(99) == 5 and folded.end(-1) == 0
