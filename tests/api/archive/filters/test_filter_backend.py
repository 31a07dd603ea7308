"""The API's filter backend builds only the filters a request names, and no
FilterSet when it names none (``ArchiveFilterBackend``): right only while every
filter ignores an absent or empty value. Checked for every FilterSet an API view
uses, so a new filter that does not breaks this test rather than the lists."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from archive.models import ArticleSource, Source

pytestmark = pytest.mark.django_db


def api_filtersets() -> dict[str, type]:
    """The FilterSet of every view under the API's URLs, by view name."""
    found: dict[str, type] = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                filterset = getattr(view, "filterset_class", None)
                if filterset is not None:
                    found[view.__name__] = filterset

    walk(get_resolver().url_patterns)
    return found


def test_the_api_has_filtersets():
    assert {"ArticleViewSet", "AnnotationViewSet", "EventViewSet"} <= set(api_filtersets())


@pytest.mark.parametrize("empty", ["absent", "empty"])
def test_every_filter_ignores_an_empty_value(empty, rf):
    request = rf.get("/api/v1/")
    request.user = AnonymousUser()
    for view, filterset_class in api_filtersets().items():
        queryset = filterset_class._meta.model._default_manager.all()
        data = QueryDict(mutable=True)
        if empty == "empty":
            for name in filterset_class.base_filters:
                data[name] = ""
        filterset = filterset_class(data, queryset=queryset, request=request)
        assert filterset.is_valid(), (view, filterset.errors)
        assert str(filterset.qs.query) == str(queryset.query), (view, empty)


def test_only_the_filters_a_request_names_are_built(corpus, monkeypatch):
    from api.annotations.filters import AnnotationFilter

    built = []
    original = AnnotationFilter.filter_queryset

    def record(self, queryset):
        built.append(list(self.filters))
        return original(self, queryset)

    monkeypatch.setattr(AnnotationFilter, "filter_queryset", record)
    response = APIClient().get(
        "/api/v1/annotations/", {"published_from": "2025-01-01", "topic": "sdf-integration"}
    )
    assert response.status_code == 200
    assert built == [["topic", "published_from"]]  # declared order, not the request's
    assert [row["quote"] for row in response.json()["results"]] == ["الخطاب الانفصالي"]
    # The class keeps every filter: the schema and the parameter check read it.
    assert "q" in AnnotationFilter.base_filters and "status" in AnnotationFilter.base_filters


def test_an_unknown_topic_is_still_a_400_naming_it(corpus):
    response = APIClient().get("/api/v1/annotations/", {"topic": "no-such-topic"})
    assert response.status_code == 400
    assert response.json()["topic"] == ["معرّفات غير معروفة: no-such-topic."]


def test_a_topic_filters_annotations_by_id_without_joining_on_the_slug(corpus, topics):
    with CaptureQueriesContext(connection) as queries:
        response = APIClient().get(
            "/api/v1/annotations/", {"topic": "sdf-integration,training-mou"}
        )
    assert response.status_code == 200
    assert sorted(row["quote"] for row in response.json()["results"]) == sorted(
        annotation.quote
        for annotation in corpus.annotations.values()
        if annotation.id not in corpus.hidden_annotation_ids
        and annotation.topic.slug in ("sdf-integration", "training-mou")
    )
    listed = next(q["sql"] for q in queries.captured_queries if "LIMIT" in q["sql"])
    ids = sorted((topics["sdf-integration"].pk, topics["training-mou"].pk))
    assert f'"topic_id" IN ({ids[0]}, {ids[1]})' in listed
    assert '"slug" IN' not in listed


def test_a_form_is_made_once_per_set_of_filters_unless_its_fields_read_the_request(
    corpus, monkeypatch, staff
):
    from api.archive import filters

    monkeypatch.setattr(filters, "_FORM_CLASSES", {})
    query = {"published_from": "2025-01-01", "topic": "sdf-integration"}
    first = APIClient().get("/api/v1/annotations/", query)
    again = APIClient().get("/api/v1/annotations/", {**query, "published_from": "2026-01-01"})
    assert [row["quote"] for row in first.json()["results"]] == ["الخطاب الانفصالي"]
    assert again.status_code == 200 and again.json()["results"] == []
    assert [names for _class, names in filters._FORM_CLASSES] == [("topic", "published_from")]
    # A source cited only by a draft is unknown to the public, known to staff:
    # the article list's `source` field reads the request, so its form is made afresh.
    source = Source.objects.create(slug="draft-only-agency", name="وكالة المسودة")
    ArticleSource.objects.create(
        article=corpus.articles["001"], source=source, role=ArticleSource.Role.CITED
    )
    public = APIClient().get("/api/v1/articles/", {"source": source.slug})
    by_staff = staff.get("/api/v1/articles/", {"source": source.slug})
    assert public.status_code == 400 and list(public.json()) == ["source"]
    assert [article["id"] for article in by_staff.json()["results"]] == [corpus.articles["001"].pk]
    assert len(filters._FORM_CLASSES) == 1


def test_the_slug_check_compiles_its_sql_once_per_number_of_slugs(topics, monkeypatch):
    from annotations.models import Topic
    from api.archive import filters

    monkeypatch.setattr(filters, "_KNOWN_SQL", {})
    whole = Topic.objects.all()
    expected = {"sdf-integration": topics["sdf-integration"].pk}
    assert filters.known_slugs(whole, ["sdf-integration", "no-such-topic"]) == expected
    assert filters.known_slugs(whole, ["training-mou", "sdf-integration"]) == {
        "training-mou": topics["training-mou"].pk,
        **expected,
    }
    assert filters.known_slugs(whole, ["training-mou"]) == {
        "training-mou": topics["training-mou"].pk
    }
    assert sorted(n for _model, _db, n in filters._KNOWN_SQL) == [1, 2]
    with CaptureQueriesContext(connection) as queries:
        filters.known_slugs(whole, ["counter-terrorism", "training-mou"])
    assert len(queries.captured_queries) == 1
    # A queryset with a filter of its own goes through the ORM each time: its
    # own values are kept, never a compiled copy of another one's.
    only_mou = Topic.objects.filter(slug="training-mou")
    assert filters.known_slugs(only_mou, ["sdf-integration"]) == {}
    assert filters.known_slugs(only_mou, ["training-mou"]) == {
        "training-mou": topics["training-mou"].pk
    }
    assert sorted(n for _model, _db, n in filters._KNOWN_SQL) == [1, 2]


def test_an_unknown_topic_among_known_ones_is_a_400_after_the_sql_is_kept(corpus):
    client = APIClient()
    assert client.get("/api/v1/annotations/", {"topic": "sdf-integration"}).status_code == 200
    response = client.get("/api/v1/annotations/", {"topic": "nope"})
    assert response.status_code == 400
    assert response.json()["topic"] == ["معرّفات غير معروفة: nope."]
