"""Each resource is declared once, by its serializer: the items the API writes
from rows (the article and annotation lists, the article detail) hold exactly
the serializer's fields, in its order, for the public and for staff, so the
schema, the responses and the exports (laid flat from the same fields) agree."""

from __future__ import annotations

import pytest
from rest_framework.test import APIRequestFactory, force_authenticate

from api.annotations.serializers import AnnotationReadSerializer, TopicSerializer
from api.archive.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    EventSerializer,
    SourceSerializer,
    StorySerializer,
)


def declared(serializer_class, user, **context) -> list[str]:
    request = APIRequestFactory().get("/api/v1/")
    force_authenticate(request, user=user)
    request.user = user
    return list(serializer_class(context={"request": request, **context}).fields)


@pytest.fixture(params=["public", "staff"])
def viewer(request, corpus, anon, staff, staff_user):
    from django.contrib.auth.models import AnonymousUser

    if request.param == "public":
        return anon, AnonymousUser()
    return staff, staff_user


def test_article_list_items_are_the_declared_fields(viewer):
    client, user = viewer
    item = client.get("/api/v1/articles/").json()["results"][0]
    assert list(item) == declared(ArticleSerializer, user)
    searched = client.get("/api/v1/articles/", {"q": "أنقرة", "include": "body"})
    assert list(searched.json()["results"][0]) == declared(
        ArticleSerializer, user, search_query="أنقرة", include_body=True
    )


def test_article_detail_is_the_declared_fields(viewer, corpus):
    client, user = viewer
    article = client.get(f"/api/v1/articles/{corpus.articles['002'].pk}/").json()
    assert list(article) == declared(ArticleDetailSerializer, user)
    assert article["annotations"], "the seed article 002 carries a curated annotation"


def test_annotation_list_items_and_detail_are_the_declared_fields(viewer):
    client, user = viewer
    item = client.get("/api/v1/annotations/").json()["results"][0]
    fields = declared(AnnotationReadSerializer, user)
    assert list(item) == fields
    assert list(client.get(item["url"]).json()) == fields
    assert ("status" in fields) == (user.is_authenticated)


@pytest.mark.parametrize(
    ("path", "serializer_class"),
    [
        ("/api/v1/events/", EventSerializer),
        ("/api/v1/sources/", SourceSerializer),
        ("/api/v1/topics/", TopicSerializer),
        ("/api/v1/stories/", StorySerializer),
    ],
)
def test_model_lists_are_the_declared_fields(viewer, path, serializer_class):
    client, user = viewer
    results = client.get(path).json()["results"]
    assert results, f"{path} lists something for the test to read"
    assert list(results[0]) == declared(serializer_class, user)
