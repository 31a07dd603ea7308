"""The API's request parsers (``api.parsers``): a NUL character in a JSON or
form body is a 400 naming the field, JSON nested too deep a 400 saying so."""

from __future__ import annotations

import io
import json

import pytest
from django.utils import translation
from rest_framework.exceptions import ParseError, ValidationError


@pytest.fixture
def nul_topic_body(db) -> dict:
    """A new annotation whose topic slug holds a NUL, on an article of its own."""
    from tests import factories

    article = factories.article("رفض الخطاب الانفصالي في الحسكة.")
    return {
        "article": article.pk,
        "topic": "sdf\x00integration",
        "start": 4,
        "end": 20,
        "quote": "الخطاب الانفصالي",
    }


def test_a_nul_in_a_posted_slug_is_a_400_naming_the_field(staff, nul_topic_body):
    response = staff.post(
        "/api/v1/annotations/",
        nul_topic_body,
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"topic": ["Null characters are not allowed."]}


def test_a_nul_in_a_posted_form_is_a_400_naming_the_field(staff, nul_topic_body):
    response = staff.post(
        "/api/v1/annotations/",
        nul_topic_body,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"topic": ["Null characters are not allowed."]}


def test_json_nested_too_deep_is_a_400_naming_the_problem(staff):
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


# The parsers themselves, on bytes: no database, no view.


def _parse(parser, body: bytes, media_type: str = "application/json"):
    from django.test import RequestFactory
    from rest_framework.request import Request

    request = RequestFactory().post("/api/v1/x/", body, content_type=media_type)
    return parser.parse(
        io.BytesIO(body),
        media_type,
        {"request": Request(request), "encoding": "utf-8"},
    )


def test_json_at_the_depth_limit_parses_and_one_deeper_is_refused():
    from api.parsers import MAX_JSON_DEPTH, JSONParser

    def nested(depth: int, wrap) -> object:
        value = 1
        for _ in range(depth):
            value = wrap(value)
        return value

    assert MAX_JSON_DEPTH == 64
    for wrap in (lambda v: [v], lambda v: {"a": v}):
        at_limit = nested(64, wrap)
        assert _parse(JSONParser(), json.dumps(at_limit).encode()) == at_limit
        with translation.override("en"), pytest.raises(ParseError) as refused:
            _parse(JSONParser(), json.dumps(nested(65, wrap)).encode())
        assert str(refused.value.detail) == "JSON parse error - nested more than 64 levels deep."


def test_a_nul_is_named_by_its_dotted_path_key_or_value():
    from api.parsers import JSONParser

    cases = [
        (b'{"note": "\\u0000"}', "note"),
        (b'{"targets": [{"quote": "ok"}, {"quote": "a\\u0000"}]}', "targets.1.quote"),
        (b'{"a\\u0000b": 1}', "a\x00b"),
        (b'"\\u0000"', "non_field_errors"),
    ]
    for body, path in cases:
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            _parse(JSONParser(), body)
        assert refused.value.detail == {path: ["Null characters are not allowed."]}, body
    assert _parse(JSONParser(), '{"quote": "مذكرة تفاهم"}'.encode()) == {"quote": "مذكرة تفاهم"}


def test_bad_json_says_where_in_the_requests_language():
    from api.parsers import JSONParser

    with translation.override("en"), pytest.raises(ParseError) as refused:
        _parse(JSONParser(), b'{"note": ,}')
    assert str(refused.value.detail) == ("JSON parse error - line 1, column 10: Expecting value.")
    with translation.override("ar"), pytest.raises(ParseError) as refused:
        _parse(JSONParser(), b'{"note": ,}')
    assert str(refused.value.detail) == "خطأ في تحليل JSON - السطر 1، العمود 10: Expecting value."


def test_a_form_with_a_nul_is_refused_naming_the_field():
    from api.parsers import FormParser

    media = "application/x-www-form-urlencoded"
    assert _parse(FormParser(), b"note=%D9%86&topic=a", media).dict() == {"note": "ن", "topic": "a"}
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _parse(FormParser(), b"note=ok&topic=a%00b", media)
    assert refused.value.detail == {"topic": ["Null characters are not allowed."]}
