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
