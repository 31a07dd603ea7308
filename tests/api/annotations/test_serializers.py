"""The annotation serializers (``api.annotations.serializers``): a model's
refusal as a DRF 400 by field, the article a writer may name (never a draft
they may not read), the fields each viewer is shown, and rows written as the
serializer writes the model (``record_writer``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from rest_framework.test import APIRequestFactory, force_authenticate

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.selectors import ANNOTATION_ROW_FIELDS
from annotations.services import annotation_set_status
from api.annotations.serializers import (
    AnnotationReadSerializer,
    AnnotationSerializer,
    drf_validation_error,
    record_writer,
)
from archive.models import Article, ArticleSource, Source
from archive.selectors import sources_by_article
from tests import factories

BODY = "وقّع الوزيران مذكرة تفاهم للتدريب في أنقرة."


def context_of(user) -> dict:
    request = APIRequestFactory().get("/api/v1/annotations/")
    force_authenticate(request, user=user)
    request.user = user
    return {"request": request}


def test_a_model_refusal_by_field_or_as_a_whole():
    by_field = drf_validation_error(ValidationError({"quote": ["لا يطابق النص."]}))
    assert by_field.detail == {"quote": ["لا يطابق النص."]}
    whole = drf_validation_error(ValidationError("Someone else changed it."))
    assert whole.detail == {"non_field_errors": ["Someone else changed it."]}


@pytest.fixture
def articles(db):
    return {
        "published": factories.article(BODY, status=Article.Status.PUBLISHED),
        "draft": factories.article(BODY, status=Article.Status.DRAFT),
    }


def _write(user, article) -> AnnotationSerializer:
    start = BODY.index("مذكرة تفاهم")
    data = {
        "article": article.pk,
        "topic": "training-mou",
        "start": start,
        "end": start + 11,
        "quote": "مذكرة تفاهم",
    }
    return AnnotationSerializer(data=data, context=context_of(user))


def test_a_draft_is_no_such_article_to_who_may_not_read_it(articles):
    editor = factories.user_with("editor", "add_annotation")
    assert _write(editor, articles["published"]).is_valid()
    refused = _write(editor, articles["draft"])
    with translation.override("en"):
        assert not refused.is_valid()
    assert [str(e) for e in refused.errors["article"]] == [
        f'Invalid pk "{articles["draft"].pk}" - object does not exist.'
    ]
    reader = factories.user_with("draft-reader", "add_annotation", "view_article")
    assert _write(reader, articles["draft"]).is_valid()


@pytest.fixture
def passage(articles, topics):
    article = articles["published"]
    agency = Source.objects.create(slug="test-agency", name="وكالة الاختبار")
    ArticleSource.objects.create(article=article, source=agency, role=ArticleSource.Role.CITED)
    annotation = factories.annotation_on(article, "مذكرة تفاهم", topics["training-mou"], note="ن")
    return annotation_set_status(annotation, status=Annotation.Status.APPROVED, by=SYSTEM)


def test_the_status_is_shown_only_to_who_may_see_every_annotation(passage):
    public = AnnotationReadSerializer(passage, context=context_of(AnonymousUser())).data
    assert "status" not in public
    staff = factories.user_with("staff", "view_annotation")
    assert AnnotationReadSerializer(passage, context=context_of(staff)).data["status"] == "approved"


@pytest.mark.parametrize("who", ["public", "staff"])
def test_a_row_is_written_as_the_serializer_writes_the_model(passage, who):
    user = AnonymousUser() if who == "public" else factories.user_with("staff", "view_annotation")
    context = context_of(user)
    with timezone.override(dt.UTC):  # as the API writes instants (api.middleware)
        expected = AnnotationReadSerializer(passage, context=context).data
    row = Annotation.objects.filter(pk=passage.pk).values(*ANNOTATION_ROW_FIELDS).get()
    sources = sources_by_article([passage.article_id])[passage.article_id]
    written = record_writer(AnnotationReadSerializer(context=context))(row, sources)
    assert written == expected
    assert list(written) == list(expected)
    assert written["url"] == f"http://testserver/api/v1/annotations/{passage.pk}/"
    assert written["created_at"].endswith("Z")
    assert [s["slug"] for s in written["article"]["sources"]] == ["test-agency"]
