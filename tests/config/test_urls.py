"""The site's routes (``config.urls``): the root sends to the admin, the
language switch, the API under /api/v1/, and the API's own 404 for a page not
found."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_root_sends_to_the_admin_for_now():
    response = factories.client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_language_switch_remembers_the_choice(editor):
    client = factories.client(editor, language=None)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert response.cookies["django_language"].value == "en"


def test_the_api_is_mounted_under_its_version():
    assert reverse("api:schema") == "/api/v1/schema/"
    assert resolve("/api/v1/topics/").namespace == "api"


def test_a_page_not_found_under_the_api_is_answered_in_json():
    response = factories.client().get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
