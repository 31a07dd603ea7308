"""The admin index's to-do box: what waits for editors, counted for what the
user may see, and nothing for a user who may see none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from annotations.models import Annotation
from archive.templatetags.archive_admin import editors_todo
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "وقّع غولر مذكرة تفاهم للتدريب. وقالت الوزارة إن المذكرة تشمل المشورات العسكرية."


def context_of(user) -> dict:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {"request": request}


@pytest.fixture
def waiting(topics):
    article = factories.article(BODY)  # no date: it needs one
    factories.article("نص آخر.", published_on=dt.date(2025, 8, 13))
    topic = topics["training-mou"]
    factories.annotation_on(article, "مذكرة تفاهم", topic, status=Annotation.Status.SUGGESTED)
    factories.annotation_on(article, "المشورات", topic, status=Annotation.Status.SUGGESTED)
    factories.annotation_on(article, "غولر", topic, status=Annotation.Status.DRAFT)
    factories.annotation_on(article, "الوزارة", topic, status=Annotation.Status.APPROVED)
    return article


def test_an_editor_sees_the_queue_and_the_articles_without_a_date(editor, waiting):
    assert editors_todo(context_of(editor)) == {
        "review_url": "/admin/annotations/annotation/review/",
        "suggested": 2,
        "drafts": 1,
        "needs_date_url": "/admin/archive/article/?needs_date=yes",
        "needs_date": 1,
    }


def test_a_user_who_may_see_neither_gets_nothing(waiting):
    assert editors_todo(context_of(factories.user("visitor"))) == {}


def test_the_tag_renders_in_a_template(editor, waiting):
    html = Template(
        "{% load archive_admin %}{% editors_todo as todo %}{{ todo.suggested }}/{{ todo.needs_date }}"
    )
    assert html.render(Context(context_of(editor))) == "2/1"


def test_the_admin_index_shows_the_box(editor_client, waiting):
    html = editor_client.get("/admin/").content.decode()
    assert "Waiting for editors" in html
    assert "2 suggestions, 1 draft" in html
    assert (
        '<a href="/admin/archive/article/?needs_date=yes">Articles that need a date</a></th><td>1</td>'
        in html
    )
