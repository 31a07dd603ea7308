"""The search result's snippet (``archive.search.snippet``)."""

from __future__ import annotations


def test_snippet_is_one_line_of_escaped_html_around_the_first_match():
    from archive.search import snippet

    body = "مقدمة <script>x</script>\n\nثم وصل الوفد إلى أنقرة & دمشق."
    assert snippet(body, "انقرة") == (
        "مقدمة &lt;script&gt;x&lt;/script&gt; ثم وصل الوفد إلى <b>أنقرة</b> &amp; دمشق"
    )
    # No match: the opening.
    assert snippet(body, "موسكو") == (
        "مقدمة &lt;script&gt;x&lt;/script&gt; ثم وصل الوفد إلى أنقرة &amp; دمشق"
    )


def test_a_match_far_into_the_body_is_the_extract_with_every_match_in_it_marked():
    from archive.search import snippet

    opening = " ".join(["كلام"] * 200)
    body = f"{opening}. وصل الوفد إلى أنقرة ثم غادر أنقرة مساء. {' '.join(['ختام'] * 200)}"
    assert snippet(body, "انقرة", words=9) == (
        "وصل الوفد إلى <b>أنقرة</b> ثم غادر <b>أنقرة</b> مساء. ختام"
    )


def test_a_phrase_begun_on_the_extracts_last_word_is_marked_as_far_as_it_shows():
    from archive.search import snippet

    # The first match is "مذكرة التفاهم" at word 1; with 4 words from word 0 the
    # extract ends on "مذكرة" of the second run, which is marked (the phrase
    # stands whole after it) up to the extract's end.
    body = "وقعت مذكرة التفاهم ثم مذكرة التفاهم الثانية"
    assert snippet(body, '"مذكرة التفاهم"', words=5) == (
        "وقعت <b>مذكرة التفاهم</b> ثم <b>مذكرة</b>"
    )
    # Its first word alone, at the end, with no second word after it: not a match.
    assert snippet("وقعت مذكرة التفاهم ثم مذكرة", '"مذكرة التفاهم"', words=5) == (
        "وقعت <b>مذكرة التفاهم</b> ثم مذكرة"
    )
