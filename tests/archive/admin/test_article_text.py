"""Correcting an article's text in the admin (``ArticleAdmin``'s text view):
the annotations and mentions re-anchored and counted in the message, an empty
text refused, the change permission required."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import Annotation
from annotations.services import annotation_set_status
from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

TYPO_QUOTE = "وعلى رأسها “تنيظم الدولة” (داعش)"
KEPT_QUOTE = "اجتمع قائد القوى الجوية السورية"


def text_url(article: Article) -> str:
    return reverse("admin:archive_article_text", args=[article.pk])


def test_an_editor_fixes_the_typo_of_seed_001_in_the_admin(
    loaded_seeds, editor, editor_client, reviewer, make_annotation
):
    article = loaded_seeds["001"]
    typo = make_annotation(article, TYPO_QUOTE, topic="counter-terrorism", created_by=editor)
    annotation_set_status(typo, status=Annotation.Status.APPROVED, by=reviewer)
    kept = make_annotation(article, KEPT_QUOTE, topic="training-mou", created_by=editor)

    page = editor_client.get(text_url(article))
    assert page.status_code == 200
    assert page.context["form"].initial["body"] == article.body
    assert (
        text_url(article)
        in editor_client.get(
            reverse("admin:archive_article_change", args=[article.pk])
        ).content.decode()
    )

    # A browser sends the textarea's line breaks as CR LF.
    posted = article.body.replace("تنيظم", "تنظيم").replace("\n", "\r\n")
    response = editor_client.post(text_url(article), {"body": posted}, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:archive_article_change", args=[article.pk]
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "The text was saved. event_mentions: 4 kept, 1 fuzzy; "
        "annotations: 1 kept, 1 fuzzy; mentions: 36 kept"
    ]
    article.refresh_from_db()
    assert article.body == loaded_seeds["001"].body.replace("تنيظم", "تنظيم")
    typo.refresh_from_db()
    kept.refresh_from_db()
    assert typo.quote == "وعلى رأسها “تنظيم الدولة” (داعش)"
    assert typo.status == Annotation.Status.DRAFT
    assert article.body[kept.start : kept.end] == KEPT_QUOTE
    assert article.history.latest().history_user == editor


def test_an_empty_text_is_refused_with_a_message(loaded_seeds, editor_client):
    article = loaded_seeds["001"]
    response = editor_client.post(text_url(article), {"body": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"body": ["This field is required."]}
    assert Article.objects.get(pk=article.pk).body == article.body


def test_editing_the_text_needs_the_change_permission(loaded_seeds):
    client = factories.client(factories.user_with("reader", "view_article"))
    article = loaded_seeds["001"]
    assert client.get(text_url(article)).status_code == 403
    assert client.post(text_url(article), {"body": "x"}).status_code == 403
    assert Article.objects.get(pk=article.pk).body == article.body
