"""The API's documentation pages (``api.docs``): Swagger UI and ReDoc served with
a policy that lets them load nothing from another origin, their scripts from
this server's static files, and left out of the schema they document. (That a
browser then asks nothing of another host is tests/browser/test_api_docs.py.)"""

from __future__ import annotations

import re

import pytest

from api.docs import OWN_ORIGIN_ONLY
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_policy_allows_this_origin_only():
    directives = dict(part.split(" ", 1) for part in OWN_ORIGIN_ONLY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["script-src"] == "'self' 'unsafe-inline' blob:"  # ReDoc's search worker
    assert all("http" not in value for value in directives.values())


@pytest.mark.parametrize(("path", "script"), [("docs/", "swagger-ui"), ("redoc/", "redoc")])
def test_each_page_carries_the_policy_and_its_own_scripts(path, script):
    response = factories.client().get(f"/api/v1/{path}")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == OWN_ORIGIN_ONLY
    html = response.content.decode()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert sources and all(src.startswith("/static/") for src in sources), sources
    assert any(script in src for src in sources)
    assert "/api/v1/schema/" in html


def test_the_pages_are_not_in_the_schema():
    schema = factories.client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert not {"/api/v1/docs/", "/api/v1/redoc/"} & set(schema["paths"])
