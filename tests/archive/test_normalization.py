"""The offset map of the one normalisation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archive.normalization import normalize_arabic, normalize_arabic_with_offsets


def per_character(text: str) -> tuple[str, list[int]]:
    out, origin = [], []
    for index, char in enumerate(text):
        folded = normalize_arabic(char)
        out.append(folded)
        origin.extend([index] * len(folded))
    # the one rule across characters: a reversed lam-alef, same length
    return "".join(out).replace("اال", "الا"), [*origin, len(text)]


def test_a_lam_alef_written_alef_first_folds_like_the_word():
    # PDF text extraction writes "الإدارة" as "اإلدارة" and "وكالات" as "وكاالت"
    assert normalize_arabic("اإلدارة") == normalize_arabic("الإدارة") == "الاداره"
    assert normalize_arabic("وكاالت") == normalize_arabic("وكالات") == "وكالات"
    assert normalize_arabic_with_offsets("ﺍإلدارة") == ("الاداره", [0, 1, 2, 3, 4, 5, 6, 7])


def test_removed_marks_are_left_out_of_the_map():
    text = "قسـدٌ أ"
    normalised, origin = normalize_arabic_with_offsets(text)
    assert normalised == "قسد ا"
    assert origin == [0, 1, 3, 5, 6, 7]


@given(st.text(alphabet=st.sampled_from("قسدأإآىةـًٌٍَُِّْ٠١ ﻗﺴﺪﻻلا🇹a\u0301e"), max_size=30))
def test_the_fast_path_agrees_with_the_character_by_character_map(text):
    assert normalize_arabic_with_offsets(text) == per_character(text)
