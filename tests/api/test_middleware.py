"""Input no view can answer, refused before any view reads it
(``api.middleware.RequestLimitsMiddleware``): a NUL character in the path (404)
or a query parameter (400 naming it), a body over the upload limit (413
stating it); JSON under /api/, text elsewhere."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

LISTS = [
    "/api/v1/articles/",
    "/api/v1/annotations/",
    "/api/v1/sources/",
    "/api/v1/topics/",
    "/api/v1/events/",
    "/api/v1/actors/",
]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sources/%00/",
        "/api/v1/sources/%00",
        "/api/v1/topics/%00/",
        "/api/v1/topics/%00",
        "/api/v1/actors/%00/",
        "/api/v1/articles/%00/",
        "/api/v1/events/%00/",
        "/api/v1/annotations/%00/",
    ],
)
def test_a_nul_in_a_path_is_a_404(corpus, anon, url):
    response = anon.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("url", LISTS)
def test_a_nul_in_a_query_parameter_is_a_400_naming_it(corpus, anon, url):
    response = anon.get(url, {"page_size": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert response.json() == {"page_size": ["Null characters are not allowed."]}


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


def test_a_body_over_the_limit_is_a_413_stating_it(corpus, staff):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = json.dumps(_annotation_body(corpus, note="x" * (limit + 1)))
    response = staff.generic(
        "POST",
        "/api/v1/annotations/",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The request body is larger than the limit of 2,621,440 bytes (2.5 MiB)."
    }


def test_a_nul_in_an_admin_search_is_a_400(corpus, admin_client):
    response = admin_client.get("/admin/archive/source/", {"q": "a\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.content.decode() == "Null characters are not allowed."
