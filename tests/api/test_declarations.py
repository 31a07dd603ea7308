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


def _streamed(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_annotation_is_declared_once(corpus, staff, staff_user):
    """``annotations.selectors.ANNOTATION_RECORD`` is the annotation's one
    declaration: the list's row columns, the serializer's fields (and so the
    schema), the list's items, the exports' records and columns, the item
    nested in an article and the JSON-LD are all taken from it, in its order."""
    import json

    from annotations import selectors
    from archive.curation import Viewer

    record = ["id", "url", *list(selectors.ANNOTATION_RECORD)[1:]]
    article = ["id", "url", *list(selectors.ANNOTATION_RECORD["article"])[1:], "sources"]
    topic = list(selectors.ANNOTATION_RECORD["topic"])
    assert record == [
        "id",
        "url",
        "article",
        "topic",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "note",
        "status",
        "version",
        "created_at",
        "updated_at",
    ]

    # The list's row: the record's columns, each once, in its order.
    row = selectors.annotation_list_rows(viewer=Viewer.of(staff_user)).order_by("id").first()
    assert list(row) == [*selectors.ANNOTATION_ROW_FIELDS, "article_sources_json"]
    assert selectors.ANNOTATION_ROW_FIELDS == (
        "id",
        *selectors.ANNOTATION_RECORD["article"].values(),
        *selectors.ANNOTATION_RECORD["topic"].values(),
        *record[4:],
    )

    # The serializer, the schema, the list's item and the detail.
    assert declared(AnnotationReadSerializer, staff_user) == record
    schema = staff.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    # The status is staff's only, so the schema shows it or not as the viewer it
    # was generated for; the other fields are the record's.
    properties = list(components["AnnotationRead"]["properties"])
    assert [name for name in properties if name != "status"] == [
        name for name in record if name != "status"
    ]
    assert list(components["AnnotatedArticle"]["properties"]) == article
    assert list(components["TopicBrief"]["properties"]) == topic
    item = staff.get("/api/v1/annotations/", {"ordering": "id"}).json()["results"][0]
    assert list(item) == record
    assert list(item["article"]) == article
    assert list(item["topic"]) == topic

    # JSON Lines: the list's item, and the actors the passage names.
    line = json.loads(_streamed(staff.get("/api/v1/annotations/export.jsonl")).splitlines()[0])
    assert line == {**item, "actors": []}

    # The CSV: the record laid flat, the article's and topic's columns by their old names.
    header = _streamed(staff.get("/api/v1/annotations/export.csv")).splitlines()[0]
    assert header.split(",") == [
        "id",
        "url",
        "article_id",
        "article_url",
        "article_title",
        "published_on",
        "sources",
        "topic",
        "topic_name_ar",
        "topic_name_en",
        *record[4:],
        "actors",
    ]

    # JSON-LD: written from the record, so its ids are the API's URLs and its
    # instants the API's.
    collection = json.loads(_streamed(staff.get("/api/v1/annotations/export.jsonld")))
    annotation = collection["first"]["items"][0]
    assert annotation["id"] == item["url"]
    assert annotation["target"]["source"] == item["article"]["url"]
    assert (annotation["created"], annotation["modified"]) == (
        item["created_at"],
        item["updated_at"],
    )
    assert annotation["body"][0]["value"] == item["topic"]["slug"]

    # The item nested in its article: the record without the article, the
    # version and the instants, its topic by slug; as the schema says.
    nested = ["id", "url", *selectors.ANNOTATION_ITEM_FIELDS[1:]]
    assert nested == [
        name for name in record if name not in ("article", "version", "created_at", "updated_at")
    ]
    assert list(components["ArticleAnnotation"]["properties"]) == nested
    detail = staff.get(item["article"]["url"]).json()
    mine = next(a for a in detail["annotations"] if a["id"] == item["id"])
    assert list(mine) == nested
    assert mine == {**{name: item[name] for name in nested}, "topic": item["topic"]["slug"]}
