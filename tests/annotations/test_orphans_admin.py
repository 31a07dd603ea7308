"""The queue of orphaned passages (``annotations.orphans_admin``): the old
quote in its context, the candidates, one-click re-attach, or a selection of
the new passage."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import Annotation
from archive.services import change_article_body

pytestmark = pytest.mark.django_db

QUEUE = "/admin/annotations/orphanedannotation/"


def reattach_url(annotation: Annotation) -> str:
    return reverse("admin:annotations_orphanedannotation_reattach", args=[annotation.pk])


@pytest.fixture
def orphan_with_two_candidates(loaded_seeds, editor, make_annotation):
    """A passage whose paragraph was duplicated: two equally good places."""
    article = loaded_seeds["001"]
    quote = "بمنظومات دفاعية متطورة وتجهيز قواعد عسكرية"
    annotation = make_annotation(article, quote, topic="training-mou", created_by=editor)
    paragraph = next(p for p in article.body.split("\n\n") if p.startswith("وتسعى أنقرة"))
    change_article_body(article, article.body.replace(paragraph, paragraph + "\n\n" + paragraph))
    annotation.refresh_from_db()
    assert annotation.flagged and len(annotation.anchor_candidates) == 2
    return annotation


def test_the_queue_shows_the_old_quote_its_context_and_candidates(
    orphan_with_two_candidates, editor_client
):
    annotation = orphan_with_two_candidates
    response = editor_client.get(QUEUE)
    assert response.status_code == 200
    assert [a.pk for a in response.context["cl"].result_list] == [annotation.pk]
    html = response.content.decode()
    assert f"<mark>{annotation.quote}</mark>" in html
    assert annotation.prefix in html and annotation.suffix in html
    assert "with the same surrounding text; an editor must choose." in html
    for candidate in annotation.anchor_candidates:
        assert f'value="{candidate["start"]}:{candidate["end"]}"' in html
    assert html.count("Re-attach here") == 2


def test_one_click_reattaches_at_a_candidate(orphan_with_two_candidates, editor_client):
    annotation = orphan_with_two_candidates
    second = max(annotation.anchor_candidates, key=lambda c: c["start"])
    response = editor_client.post(
        reattach_url(annotation), {"place": f"{second['start']}:{second['end']}"}, follow=True
    )
    assert response.redirect_chain[-1][0] == QUEUE
    annotation.refresh_from_db()
    assert (annotation.start, annotation.end) == (second["start"], second["end"])
    assert annotation.article.body[annotation.start : annotation.end] == annotation.quote
    assert (annotation.flagged, annotation.anchor_candidates) == (False, [])
    assert annotation.anchored_by == "re-attached"
    assert annotation.history.latest().history_change_reason == "Re-attached by an editor"
    assert list(response.context["cl"].result_list) == []


def test_a_stale_candidate_is_refused(orphan_with_two_candidates, editor_client):
    annotation = orphan_with_two_candidates
    response = editor_client.post(reattach_url(annotation), {"place": "0:10"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["That place is no longer a candidate (the text changed); choose again."]
    annotation.refresh_from_db()
    assert annotation.flagged


def test_selecting_the_new_passage_reattaches_there(orphan_with_two_candidates, editor_client):
    annotation = orphan_with_two_candidates
    body = annotation.article.body
    page = editor_client.get(reattach_url(annotation))
    assert page.status_code == 200 and page.context["body"] == body
    quote = "تجهيز قواعد عسكرية حديثة"
    start = body.index(quote)
    response = editor_client.post(
        reattach_url(annotation), {"start": start, "end": start + len(quote), "quote": quote}
    )
    assert response.status_code == 302
    annotation.refresh_from_db()
    assert (annotation.start, annotation.quote, annotation.flagged) == (start, quote, False)


def test_a_selection_whose_text_does_not_match_is_refused(
    orphan_with_two_candidates, editor_client
):
    annotation = orphan_with_two_candidates
    response = editor_client.post(
        reattach_url(annotation), {"start": 0, "end": 5, "quote": "ليس هذا"}, follow=True
    )
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith("The quote does not match the article text at 0–5")
    annotation.refresh_from_db()
    assert annotation.flagged


def test_another_editors_orphan_cannot_be_reattached(
    orphan_with_two_candidates, other_editor_client
):
    annotation = orphan_with_two_candidates
    html = other_editor_client.get(QUEUE).content.decode()
    assert "Re-attach here" not in html
    first = annotation.anchor_candidates[0]
    response = other_editor_client.post(
        reattach_url(annotation), {"place": f"{first['start']}:{first['end']}"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["You may not re-attach this passage."]
    annotation.refresh_from_db()
    assert annotation.flagged
