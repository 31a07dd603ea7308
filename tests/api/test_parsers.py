"""The API's request parsers (``api.parsers``): a NUL character in a JSON or
form body is a 400 naming the field, JSON nested too deep a 400 saying so."""

from __future__ import annotations


def _annotation_body(corpus, **changes):
    article = corpus.articles["000"]
    quote = "الخطاب الانفصالي"
    start = article.body.index(quote)
    body = {
        "article": article.pk,
        "topic": "sdf-integration",
        "start": start,
        "end": start + len(quote),
        "quote": quote,
    }
    return {**body, **changes}


def test_a_nul_in_a_posted_slug_is_a_400_naming_the_field(corpus, staff):
    response = staff.post(
        "/api/v1/annotations/",
        _annotation_body(corpus, topic="sdf\x00integration"),
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"topic": ["Null characters are not allowed."]}


def test_a_nul_in_a_posted_form_is_a_400_naming_the_field(corpus, staff):
    response = staff.post(
        "/api/v1/annotations/",
        _annotation_body(corpus, topic="sdf\x00integration"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"topic": ["Null characters are not allowed."]}


def test_json_nested_too_deep_is_a_400_naming_the_problem(corpus, staff):
    body = "[" * 100_000 + "]" * 100_000
    response = staff.generic(
        "POST",
        "/api/v1/annotations/",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - nested more than 64 levels deep."}
