"""The expressions behind the API's one-query pages (``archive.expressions``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from annotations import selectors
from annotations.models import Annotation, Topic
from archive.curation import Viewer
from archive.expressions import PrecompiledNestedError, annotate_lateral
from archive.models import Article, ArticleSource, Source
from archive.selectors import decode_source_links
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "وقّع وزير الدفاع مذكرة تفاهم في أنقرة."


@pytest.fixture
def published(db) -> Article:
    article = factories.article(BODY, title="مقال", status=Article.Status.PUBLISHED)
    Annotation.objects.create(
        article=article,
        topic=Topic.objects.get(slug="training-mou"),
        start=0,
        end=4,
        quote=BODY[:4],
        status=Annotation.Status.APPROVED,
    )
    return article


def test_a_precompiled_queryset_refuses_to_be_nested(published):
    rows = selectors.article_list(viewer=Viewer.of(AnonymousUser()))
    assert [row["annotation_count"] for row in rows] == [1]  # outermost: fine
    assert rows.count() == 1
    assert Article.objects.filter(pk__in=rows.values("id")).count() == 1  # not compiled
    nested = Article.objects.annotate(
        n=Subquery(rows.filter(id=OuterRef("pk")).values("annotation_count")[:1])
    )
    with pytest.raises(PrecompiledNestedError, match="outermost query"):
        list(nested)


def _two_sources(article: Article) -> None:
    for slug, role in (
        ("sana", ArticleSource.Role.PUBLISHER),
        ("anadolu", ArticleSource.Role.CITED),
    ):
        source = Source.objects.create(slug=slug, name=slug, kind=Source.Kind.AGENCY)
        ArticleSource.objects.create(article=article, source=source, role=role)


def test_the_annotation_rows_carry_their_articles_sources(published):
    _two_sources(published)
    Annotation.objects.create(
        article=published,
        topic=Topic.objects.get(slug="training-mou"),
        start=5,
        end=9,
        quote=BODY[5:9],
        status=Annotation.Status.APPROVED,
    )
    bare = factories.article("نص آخر بلا مصادر.", title="آخر", status=Article.Status.PUBLISHED)
    Annotation.objects.create(
        article=bare,
        topic=Topic.objects.get(slug="training-mou"),
        start=0,
        end=2,
        quote="نص",
        status=Annotation.Status.APPROVED,
    )
    rows = selectors.annotation_list_rows(viewer=Viewer.of(AnonymousUser())).order_by("id")
    links = [decode_source_links(row["article_sources_json"]) for row in rows]
    # Two annotations on one article (no row repeated by the join), one on an article without sources.
    assert [[(link["slug"], link["role"]) for link in row] for row in links] == [
        [("anadolu", "cited"), ("sana", "publisher")],
        [("anadolu", "cited"), ("sana", "publisher")],
        [],
    ]
    assert rows.count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="LATERAL is PostgreSQL's")
def test_on_postgresql_the_sources_are_a_lateral_join_that_a_count_leaves_out(published):
    rows = selectors.annotation_list_rows(viewer=Viewer.of(AnonymousUser()))
    with CaptureQueriesContext(connection) as page:
        list(rows)
    assert "LEFT JOIN LATERAL (SELECT (json_agg(" in page.captured_queries[0]["sql"]
    with CaptureQueriesContext(connection) as counted:
        assert rows.all().count() == 1
    assert "LATERAL" not in counted.captured_queries[0]["sql"]
    # Nested, it refuses (its SQL names the outer table) unless it is not selected there.
    assert Annotation.objects.filter(pk__in=rows.values("id")).count() == 1
    nested = Annotation.objects.annotate(
        sources=Subquery(rows.filter(id=OuterRef("pk")).values("article_sources_json")[:1])
    )
    with pytest.raises(PrecompiledNestedError, match="outermost query"):
        list(nested)


def test_a_lateral_join_takes_only_a_subquery_of_one_row_per_outer_row(db):
    ungrouped = Subquery(
        ArticleSource.objects.filter(article=OuterRef("article_id")).values("role")
    )
    with pytest.raises(ValueError, match="grouped by one"):
        annotate_lateral(Annotation.objects.all(), roles=ungrouped)
