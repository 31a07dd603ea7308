"""Input no view can answer, refused before any view reads it
(``api.middleware.RequestLimitsMiddleware``): a NUL character in the path (404)
or a query parameter (400 naming it), a body over the upload limit (413
stating it); JSON under /api/, text elsewhere."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.utils import translation

NUL = "Null characters are not allowed."

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
def test_a_nul_in_a_path_is_a_404(db, anon, url):
    response = anon.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("url", LISTS)
def test_a_nul_in_a_query_parameter_is_a_400_naming_it(db, anon, url):
    response = anon.get(url, {"page_size": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert response.json() == {"page_size": ["Null characters are not allowed."]}


def test_a_body_over_the_limit_is_a_413_stating_it(staff):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = json.dumps({"topic": "sdf-integration", "quote": "قسد", "note": "x" * (limit + 1)})
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


def test_a_nul_in_an_admin_search_is_a_400(admin_client):
    response = admin_client.get("/admin/archive/source/", {"q": "a\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.content.decode() == "Null characters are not allowed."


# The middleware itself, on requests from RequestFactory: no view, no database.


def _through(middleware_class, request):
    from django.http import HttpResponse

    seen = {}

    def view(request):
        from django.utils import timezone

        seen["zone"] = str(timezone.get_current_timezone())
        return HttpResponse("reached the view")

    return middleware_class(view)(request), seen


@pytest.mark.parametrize(
    ("path", "query", "status", "content_type", "body"),
    [
        ("/admin/a\x00b/", {}, 404, "text/plain; charset=utf-8", "Not found."),
        ("/admin/", {"q": "a\x00"}, 400, "text/plain; charset=utf-8", NUL),
        ("/api/v1/articles/", {"a\x00b": "1"}, 400, "application/json", {"ab": [NUL]}),
        ("/api/v1/articles/", {"\x00": "1"}, 400, "application/json", {"query": [NUL]}),
    ],
)
def test_a_nul_is_refused_before_any_view(rf, path, query, status, content_type, body):
    from api.middleware import RequestLimitsMiddleware

    with translation.override("en"):
        response, seen = _through(RequestLimitsMiddleware, rf.get(path, query))
    assert (response.status_code, response["Content-Type"]) == (status, content_type)
    content = response.content.decode()
    assert (json.loads(content) if content_type == "application/json" else content) == body
    assert seen == {}


def test_a_declared_body_over_the_limit_is_refused_as_text_outside_the_api(rf, settings):
    from api.middleware import RequestLimitsMiddleware

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_572_864
    request = rf.post("/admin/login/", "x", content_type="text/plain", CONTENT_LENGTH="1572865")
    with translation.override("en"):
        response, _seen = _through(RequestLimitsMiddleware, request)
    assert (response.status_code, response["Content-Type"]) == (413, "text/plain; charset=utf-8")
    assert response.content.decode() == (
        "The request body is larger than the limit of 1,572,864 bytes (1.5 MiB)."
    )


@pytest.mark.parametrize("declared", ["1572864", "not a number", ""])
def test_a_body_within_the_limit_or_of_no_stated_length_reaches_the_view(rf, settings, declared):
    from api.middleware import RequestLimitsMiddleware

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_572_864
    request = rf.post("/api/v1/annotations/", "{}", content_type="application/json")
    request.META["CONTENT_LENGTH"] = declared
    response, _seen = _through(RequestLimitsMiddleware, request)
    assert response.content == b"reached the view"


def test_the_api_speaks_utc_and_the_admin_the_archives_zone(rf):
    from api.middleware import APIInUTCMiddleware

    _response, api = _through(APIInUTCMiddleware, rf.get("/api/v1/articles/"))
    _response, admin = _through(APIInUTCMiddleware, rf.get("/admin/"))
    assert (api["zone"], admin["zone"]) == ("UTC", "Asia/Damascus")
