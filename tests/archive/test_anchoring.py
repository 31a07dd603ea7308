"""The re-anchoring algorithm on strings: seed 001's body, edited."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.anchoring import (
    EXACT,
    FUZZY,
    KEPT,
    ORPHAN,
    SHIFTED,
    THRESHOLD,
    OffsetMap,
    Span,
    reanchor,
)
from archive.parsing import parse_article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CONTEXT = 32


@pytest.fixture(scope="module")
def body() -> str:
    (path,) = SEEDS.glob("001_*.txt")
    return parse_article(path.read_text(encoding="utf-8")).body


def span_of(body: str, quote: str, occurrence: int = 0, key=1) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(quote, start + 1)
    end = start + len(quote)
    return Span(
        key, start, end, quote, body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT]
    )


def one(old: str, new: str, span: Span):
    (placement,) = reanchor(old, new, [span])
    if not placement.orphaned:
        assert new[placement.start : placement.end] == placement.quote
    return placement


PASSAGE = "أن تركيا متمسكة بموقفها “الثابت” في حماية وحدة الأراضي السورية"
TYPO_PASSAGE = "ومكافحة التنظيمات الإرهابية وعلى رأسها “تنيظم الدولة” (داعش)"


def test_unchanged_body_keeps_every_span(body):
    span = span_of(body, PASSAGE)
    placement = one(body, body, span)
    assert (placement.method, placement.start, placement.score) == (KEPT, span.start, 1.0)


def test_an_edit_before_the_passage_shifts_it_exactly(body):
    span = span_of(body, PASSAGE)
    new = body.replace("اليوم الأربعاء، أن", "اليوم الأربعاء 16 تموز، أن", 1)
    placement = one(body, new, span)
    assert placement.method == SHIFTED and placement.label == "shifted"
    assert placement.start == span.start + len(" 16 تموز")
    assert placement.quote == PASSAGE


def test_an_edit_after_the_passage_keeps_it(body):
    span = span_of(body, PASSAGE)
    new = body.replace("بشار الأسد", "بشار حافظ الأسد")
    placement = one(body, new, span)
    assert (placement.method, placement.start, placement.end) == (KEPT, span.start, span.end)


def test_an_edit_touching_only_the_context_shifts_the_passage(body):
    span = span_of(body, PASSAGE)
    new = body.replace("وأكدت المصادر أن تركيا", "وأكدت المصادر العسكرية أن تركيا")
    placement = one(body, new, span)
    assert placement.method == SHIFTED
    assert placement.start == span.start + len(" العسكرية")


def test_the_typo_fix_inside_the_quote_is_a_fuzzy_move(body):
    """Seed 001's تنيظم → تنظيم: the quote changes, the passage follows it."""
    span = span_of(body, TYPO_PASSAGE)
    new = body.replace("تنيظم", "تنظيم")
    placement = one(body, new, span)
    assert placement.method == FUZZY
    assert placement.quote == TYPO_PASSAGE.replace("تنيظم", "تنظيم")
    assert (placement.start, placement.end) == (span.start, span.end)
    assert placement.score > 0.95
    assert placement.label == f"fuzzy {placement.score:.2f}"


def test_a_word_replaced_inside_the_passage_is_a_fuzzy_move(body):
    span = span_of(body, PASSAGE)
    new = body.replace("متمسكة بموقفها", "ملتزمة بموقفها")
    placement = one(body, new, span)
    assert placement.method == FUZZY
    assert placement.quote == PASSAGE.replace("متمسكة", "ملتزمة")


def test_a_passage_mostly_rewritten_is_an_orphan(body):
    span = span_of(body, PASSAGE)
    new = body.replace(PASSAGE, "أن أنقرة لن تتراجع عن سياستها المعلنة")
    placement = one(body, new, span)
    assert placement.method == ORPHAN
    assert placement.start is None and placement.quote is None


def test_a_deleted_paragraph_orphans_its_passages(body):
    paragraph = next(p for p in body.split("\n\n") if p.startswith("وكانت قسد قد وقّعت"))
    span = span_of(body, "نصّ على دمج كامل لقواتها ووكالاتها ضمن هيكل حكومة دمشق")
    new = body.replace(paragraph + "\n\n", "")
    placement = one(body, new, span)
    assert placement.method == ORPHAN
    assert placement.reason == "The passage's text is gone from the article."
    assert placement.candidates == ()


def test_a_duplicated_paragraph_gives_two_exact_candidates(body):
    paragraph = next(p for p in body.split("\n\n") if p.startswith("وتسعى أنقرة"))
    quote = "بمنظومات دفاعية متطورة وتجهيز قواعد عسكرية"
    span = span_of(body, quote)
    new = body.replace(paragraph, paragraph + "\n\n" + paragraph)
    placement = one(body, new, span)
    assert placement.method == ORPHAN
    first = new.index(quote)
    second = new.index(quote, first + 1)
    assert sorted(c.start for c in placement.candidates) == [first, second]
    assert all(c.quote == quote and c.score == 1.0 for c in placement.candidates)


def test_a_paragraph_moved_is_found_by_its_exact_quote(body):
    paragraphs = body.split("\n\n")
    moved = next(p for p in paragraphs if p.startswith("وتسعى أنقرة"))
    quote = "بمنظومات دفاعية متطورة وتجهيز قواعد عسكرية"
    span = span_of(body, quote)
    rest = [p for p in paragraphs if p is not moved]
    new = "\n\n".join([moved, *rest])
    placement = one(body, new, span)
    assert placement.method in (SHIFTED, EXACT)
    assert placement.start == new.index(quote)


def test_a_moved_and_edited_paragraph_is_found_approximately(body):
    paragraphs = body.split("\n\n")
    moved = next(p for p in paragraphs if p.startswith("وتسعى أنقرة"))
    quote = "بمنظومات دفاعية متطورة وتجهيز قواعد عسكرية حديثة"
    span = span_of(body, quote)
    rest = [p for p in paragraphs if p is not moved]
    new = "\n\n".join([moved.replace("متطورة", "حديثة ومتطورة"), *rest])
    placement = one(body, new, span)
    assert placement.method == FUZZY
    assert placement.quote == "بمنظومات دفاعية حديثة ومتطورة وتجهيز قواعد عسكرية حديثة"


def test_a_lookalike_sentence_does_not_capture_the_passage(body):
    """The passage is deleted; a sentence that reads almost the same stays
    elsewhere. It is a candidate for an editor, never the answer."""
    quote = "وتواصل تركيا دعم جهود إعادة بناء المؤسسة العسكرية السورية"
    lookalike = "وتواصل تركيا دعم جهود إعادة بناء المؤسسة الأمنية السورية"
    old = body.replace("وتسعى أنقرة إلى", f"ويقول مراقبون إن {lookalike} منذ أشهر. وتسعى أنقرة إلى")
    span = span_of(old, quote)
    paragraph = next(p for p in old.split("\n\n") if p.startswith(quote))
    new = old.replace(paragraph + "\n\n", "")
    placement = one(old, new, span)
    assert placement.method == ORPHAN
    (candidate, *_) = placement.candidates
    assert candidate.quote.startswith("وتواصل تركيا دعم جهود إعادة بناء المؤسسة الأمنية")
    assert candidate.quote_score > 0.85 and candidate.score < THRESHOLD


def test_an_emoji_before_the_passage_shifts_it_by_one_code_point(body):
    span = span_of(body, PASSAGE)
    new = "🇹🇷 " + body  # a flag is two code points (regional indicators), four UTF-16 units
    placement = one(body, new, span)
    assert placement.method == SHIFTED
    assert placement.start == span.start + 3


def test_an_emoji_inserted_inside_the_passage_is_fuzzy(body):
    span = span_of(body, PASSAGE)
    new = body.replace("“الثابت”", "“الثابت” 💪")
    placement = one(body, new, span)
    assert placement.method == FUZZY
    assert placement.quote == PASSAGE.replace("“الثابت”", "“الثابت” 💪")


def test_a_common_phrase_copied_elsewhere_does_not_orphan_the_original(body):
    quote = "الحكومة السورية"
    span = span_of(body, quote, occurrence=1)
    added = "وقالت الحكومة السورية إن الطلب رسمي. "
    placement = one(body, added + body, span)
    assert placement.method == SHIFTED
    assert placement.start == span.start + len(added)


def test_a_stale_span_is_placed_by_its_quote(body):
    """A span already orphaned (its offsets no longer hold its quote) is
    looked for by its text: undoing the edit re-attaches it."""
    quote = "تنيظم الدولة"
    good = span_of(body, quote)
    stale = Span(1, 0, len(quote), quote, good.prefix, good.suffix)
    placement = one(body, body, stale)
    assert (placement.method, placement.start) == (EXACT, good.start)


def test_offset_map_projects_an_edited_span_to_its_new_text():
    old = "aaaaaaaaaa XXXX bbbbbbbbbb"
    new = "aaaaaaaaaa YYYYYY bbbbbbbbbb"
    offsets = OffsetMap(old, new)
    assert offsets.untouched(0, 10) == 0
    assert offsets.untouched(17, 26) == 19
    assert offsets.untouched(8, 14) is None
    assert offsets.project(11, 15) == (11, 17)
    assert offsets.project(13, 20) == (11, 22)
    assert offsets.changes == [(11, 17)]
    assert offsets.may_hold_copy("YYY") and not offsets.may_hold_copy("aaaaaaaaaa bbbb")


def test_offset_map_diffs_lines_then_characters_inside_changed_lines():
    old = "سطر أول لا يتغير\nسطر ثان فيه خطأ تنيظم الدولة\nسطر ثالث\nسطر أخير"
    new = "سطر أول لا يتغير\nسطر ثان فيه خطأ تنظيم الدولة\nسطر ثالث\nسطر مضاف\nسطر أخير"
    offsets = OffsetMap(old, new)
    second = old.index("سطر ثان")
    assert offsets.untouched(0, second + len("سطر ثان فيه خطأ تن")) == 0
    assert offsets.untouched(second, old.index("الدولة")) is None  # the typo is inside
    third = old.index("سطر ثالث")
    assert offsets.untouched(third, third + 8) == third
    assert offsets.untouched(old.index("سطر أخير"), len(old)) == new.index("سطر أخير")
    typo = old.index("يظم")
    assert offsets.changes == [(typo, typo + 2), (new.index("سطر مضاف"), new.index("سطر أخير"))]


def test_reanchoring_many_spans_places_each(body):
    quotes = [PASSAGE, TYPO_PASSAGE, "وكالة “سانا”"]
    spans = [span_of(body, quote, key=n) for n, quote in enumerate(quotes)]
    new = "مقدمة جديدة.\n\n" + body.replace("تنيظم", "تنظيم")
    methods = [p.method for p in reanchor(body, new, spans)]
    assert methods == [SHIFTED, FUZZY, SHIFTED]


# Property: edits anywhere outside every passage (and its context) keep every
# quote exactly, at its new offsets.
WORDS = st.sampled_from(["تركيا", "سوريا", " ", "،", "\n\n", "🇹🇷", "قسد", "الدفاع", "x"])


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_edits_outside_every_passage_keep_every_quote(body, data):
    quotes = [PASSAGE, TYPO_PASSAGE, "اجتمع قائد القوى الجوية السورية", "سبل تعزيز التعاون"]
    spans = sorted(
        (span_of(body, quote, key=n) for n, quote in enumerate(quotes)), key=lambda s: s.start
    )
    # Gaps between passages where edits may go.
    gaps, position = [], 0
    for span in spans:
        gaps.append((position, span.start))
        position = span.end
    gaps.append((position, len(body)))
    edits = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, len(gaps) - 1),
                st.floats(0, 1),
                st.integers(0, 12),
                st.lists(WORDS, max_size=4).map("".join),
            ),
            max_size=6,
        )
    )
    new_parts: list[str] = []
    edits_by_gap: dict[int, list] = {}
    for gap, where, delete, insert in edits:
        edits_by_gap.setdefault(gap, []).append((where, delete, insert))
    expected = []
    for index, (gap_start, gap_end) in enumerate(gaps):
        text = body[gap_start:gap_end]
        for where, delete, insert in sorted(edits_by_gap.get(index, []), reverse=True):
            at = int(where * len(text))
            text = text[:at] + insert + text[at + delete :]
        new_parts.append(text)
        if index < len(spans):
            expected.append(sum(len(part) for part in new_parts))
            new_parts.append(spans[index].quote)
    new = "".join(new_parts)
    for span, placement, start in zip(spans, reanchor(body, new, spans), expected, strict=True):
        assert placement.method in (KEPT, SHIFTED, EXACT), placement.reason
        assert placement.quote == span.quote
        assert placement.start == start
