"""The API's routes (``config.api_urls``): every URL the router names ends in a
slash and is served without it too, by an unnamed copy ``reverse`` never picks;
no ``.json`` format suffixes."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, resolve, reverse

from api.archive.views import ArticleViewSet
from config.api_urls import router


def test_the_router_names_urls_with_a_slash():
    assert reverse("api:article-list") == "/api/v1/articles/"
    assert reverse("api:article-detail", args=[7]) == "/api/v1/articles/7/"
    assert reverse("api:agreement") == "/api/v1/agreement/"


@pytest.mark.parametrize(
    ("path", "name", "kwargs"),
    [
        ("/api/v1/articles/", "article-list", {}),
        ("/api/v1/articles", None, {}),
        ("/api/v1/articles/7/", "article-detail", {"pk": "7"}),
        ("/api/v1/articles/7", None, {"pk": "7"}),
    ],
)
def test_each_url_is_served_with_and_without_its_slash(path, name, kwargs):
    match = resolve(path)
    assert match.func.cls is ArticleViewSet
    assert match.url_name == name
    assert match.kwargs == kwargs


def test_an_export_is_read_as_typed_not_as_an_id_with_a_format():
    match = resolve("/api/v1/articles/export.csv")
    assert match.func.cls is ArticleViewSet
    assert match.kwargs == {"export_format": "csv"}
    assert match.func.actions["get"] == "export"  # (DRF adds "head" once the view has run)
    with pytest.raises(Resolver404):
        resolve("/api/v1/articles/7.json")


def test_the_agreement_report_is_served_without_its_slash_too():
    assert resolve("/api/v1/agreement").func.view_class.__name__ == "AgreementView"
    assert resolve("/api/v1/agreement/pairs.csv").func.view_class.__name__ == (
        "AgreementPairsCsvView"
    )


def test_the_registered_resources():
    assert [prefix for prefix, _viewset, _basename in router.registry] == [
        "articles",
        "annotations",
        "sources",
        "topics",
        "events",
        "stories",
        "actors",
        "exports",
        "changes",
    ]
