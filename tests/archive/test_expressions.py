"""The expressions behind the API's one-query pages (``archive.expressions``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Subquery

from annotations import selectors
from annotations.models import Annotation, Topic
from archive.curation import Viewer
from archive.expressions import PrecompiledNestedError
from archive.models import Article
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
