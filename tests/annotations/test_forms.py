"""The admin's annotation form (``annotations.forms.AnnotationAdminForm``): the
passage checked against the text in code points, the status against who is
asking, and a save over someone else's newer change refused."""

from __future__ import annotations

import pytest
from django.utils import translation

from annotations.forms import AnnotationAdminForm
from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_update
from tests.conftest import EMOJI_BODY

pytestmark = pytest.mark.django_db
PHRASE = "مذكرة تفاهم"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def form_for(user, data, instance=None) -> AnnotationAdminForm:
    form_class = type("Form", (AnnotationAdminForm,), {"user": user})
    return form_class(data=data, instance=instance)


def data(article, topic, status="draft", phrase=PHRASE, **extra) -> dict:
    start = article.body.index(phrase)
    return {
        "article": article.pk,
        "topic": topic.pk,
        "start": start,
        "end": start + len(phrase),
        "quote": phrase,
        "note": "",
        "status": status,
        **extra,
    }


def test_offsets_are_code_points_after_an_emoji(emoji_article, topics, editor):
    form = form_for(editor, data(emoji_article, topics["training-mou"]))
    assert form.is_valid(), form.errors
    assert EMOJI_BODY.index(PHRASE) == 51  # the flag is two code points, four UTF-16 units
    utf16 = {**data(emoji_article, topics["training-mou"]), "start": 53, "end": 64}
    form = form_for(editor, utf16)
    assert not form.is_valid()
    assert list(form.errors) == ["quote"]
    assert form.errors["quote"][0].startswith("The quote does not match the article text at 53–64")


def test_an_editors_new_annotation_starts_as_a_draft(emoji_article, topics, editor, reviewer):
    topic = topics["training-mou"]
    refused = form_for(editor, data(emoji_article, topic, status="approved"))
    assert refused.errors == {"status": ["New annotations start as drafts."]}
    assert form_for(reviewer, data(emoji_article, topic, status="approved")).is_valid()
    # Without a user (the shell, a test), the form does not judge the status.
    assert form_for(None, data(emoji_article, topic, status="approved")).is_valid()


def test_a_status_the_user_may_not_move_to_is_refused(
    emoji_article, topics, editor, make_annotation
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)
    form = form_for(editor, data(emoji_article, topics["training-mou"], "approved"), annotation)
    assert form.errors == {"status": ["You may not move this annotation to that status."]}
    moved = form_for(editor, data(emoji_article, topics["training-mou"], "draft"), annotation)
    assert moved.is_valid(), moved.errors


def test_the_form_remembers_its_version_and_refuses_a_stale_one(
    emoji_article, topics, editor, make_annotation
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)
    assert form_for(editor, None, annotation).fields["opened_version"].initial == 1
    annotation_update(annotation, by=SYSTEM, note="changed meanwhile")
    stale = form_for(
        editor, data(emoji_article, topics["training-mou"], opened_version=1), annotation
    )
    assert stale.errors == {
        "__all__": [
            "Someone else changed this annotation since you opened it; "
            "reload the page to see their change."
        ]
    }
    fresh = form_for(
        editor,
        data(emoji_article, topics["training-mou"], opened_version=2),
        Annotation.objects.get(pk=annotation.pk),
    )
    assert fresh.is_valid(), fresh.errors
