"""Annotation writes: staff with a token, through the services (quote checked
against the body in code points); everyone else is refused."""

from __future__ import annotations

from annotations.models import Annotation
from archive.services import change_article_body
from tests import factories

ANNOTATIONS = "/api/v1/annotations/"


def payload(article, quote, topic="training-mou", **extra):
    start = article.body.index(quote)
    return {
        "article": article.pk,
        "topic": topic,
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        **extra,
    }


def test_anonymous_cannot_write(corpus, anon):
    data = payload(corpus.articles["002"], "مذكرة")
    assert anon.post(ANNOTATIONS, data, format="json").status_code == 401
    pk = corpus.annotations["mou"].pk
    assert anon.patch(f"{ANNOTATIONS}{pk}/", {"note": "x"}, format="json").status_code == 401
    assert anon.delete(f"{ANNOTATIONS}{pk}/").status_code == 401
    assert Annotation.objects.count() == 7


def test_token_without_permission_is_403(corpus, reader):
    data = payload(corpus.articles["002"], "مذكرة")
    assert reader.post(ANNOTATIONS, data, format="json").status_code == 403


def test_staff_create_through_the_service(corpus, staff, staff_user):
    article = corpus.articles["002"]
    quote = "يشار غولر"
    response = staff.post(ANNOTATIONS, payload(article, quote, note="Güler"), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    annotation = Annotation.objects.get(pk=data["id"])
    assert annotation.quote == quote == article.body[annotation.start : annotation.end]
    assert annotation.created_by == staff_user
    assert annotation.status == "draft"
    # The service filled the W3C context from the body.
    assert data["prefix"] == article.body[max(0, annotation.start - 32) : annotation.start]
    assert data["suffix"] == article.body[annotation.end : annotation.end + 32]
    assert data["article"]["id"] == article.pk and data["topic"]["slug"] == "training-mou"


def test_create_approved_records_the_reviewer(corpus, staff, staff_user):
    data = payload(
        corpus.articles["004"], "هاكان فيدان", topic="counter-terrorism", status="approved"
    )
    response = staff.post(ANNOTATIONS, data, format="json")
    assert response.status_code == 201
    annotation = Annotation.objects.get(pk=response.json()["id"])
    assert annotation.status == "approved" and annotation.reviewed_by == staff_user


def test_quote_mismatch_is_400_naming_the_field(corpus, staff):
    data = payload(corpus.articles["002"], "يشار غولر")
    data["quote"] = "يشار غولر!"
    response = staff.post(ANNOTATIONS, data, format="json")
    assert response.status_code == 400
    assert "quote" in response.json()
    data = payload(corpus.articles["002"], "يشار غولر")
    data["end"] = len(corpus.articles["002"].body) + 5
    response = staff.post(ANNOTATIONS, data, format="json")
    assert response.status_code == 400 and "end" in response.json()


def test_offsets_are_code_points_not_utf16_units(corpus, staff):
    """An emoji is one code point but two UTF-16 units: offsets after it must
    count it once."""
    article = corpus.articles["003"]
    # two code points (regional indicators) + space
    change_article_body(article, "🇹🇷 " + article.body)
    quote = "يشار غولر"
    start = article.body.index(quote)
    good = {
        "article": article.pk,
        "topic": "training-mou",
        "start": start,
        "end": start + len(quote),
        "quote": quote,
    }
    assert staff.post(ANNOTATIONS, good, format="json").status_code == 201
    utf16 = dict(good, start=start + 2, end=start + 2 + len(quote))
    assert staff.post(ANNOTATIONS, utf16, format="json").status_code == 400


def test_unknown_topic_and_article_are_400(corpus, staff):
    data = payload(corpus.articles["002"], "مذكرة", topic="nope")
    assert "topic" in staff.post(ANNOTATIONS, data, format="json").json()
    data = payload(corpus.articles["002"], "مذكرة")
    data["article"] = 10**9
    assert "article" in staff.post(ANNOTATIONS, data, format="json").json()


def test_staff_update_move_and_delete(corpus, staff):
    annotation = corpus.annotations["mou"]
    body = corpus.articles["002"].body
    quote = "مذكرة “تفاهم مشتركة للتدريب والاستشارات”"
    start = body.index(quote)
    response = staff.patch(
        f"{ANNOTATIONS}{annotation.pk}/",
        {"start": start, "end": start + len(quote), "quote": quote, "note": "the MoU"},
        format="json",
    )
    assert response.status_code == 200, response.content
    annotation.refresh_from_db()
    assert (annotation.quote, annotation.note) == (quote, "the MoU")
    bad = staff.patch(f"{ANNOTATIONS}{annotation.pk}/", {"quote": "غلط"}, format="json")
    assert bad.status_code == 400 and "quote" in bad.json()
    moved = staff.patch(
        f"{ANNOTATIONS}{annotation.pk}/", {"article": corpus.articles["000"].pk}, format="json"
    )
    assert moved.status_code == 400 and "article" in moved.json()
    assert staff.delete(f"{ANNOTATIONS}{annotation.pk}/").status_code == 204
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_approving_needs_the_review_permission(corpus, db):
    codenames = ("view_annotation", "view_article", "add_annotation", "change_annotation")
    client = factories.api_client(factories.user_with("writer", *codenames, password=None))
    pk = corpus.annotations["suggested"].pk
    response = client.patch(f"{ANNOTATIONS}{pk}/", {"status": "approved"}, format="json")
    assert response.status_code == 403
    assert (
        client.patch(f"{ANNOTATIONS}{pk}/", {"status": "draft"}, format="json").status_code == 200
    )
    assert Annotation.objects.get(pk=pk).status == "draft"
