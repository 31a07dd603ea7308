"""The review queue: suggestions and drafts across articles, oldest first, bulk moves."""

from __future__ import annotations

import re

import pytest

from annotations.models import Annotation
from annotations.suggestions import articles_suggest
from archive.models import Source

pytestmark = pytest.mark.django_db
QUEUE = "/admin/annotations/annotation/review/"
Status = Annotation.Status


def listed(response) -> list[int]:
    return [
        int(pk)
        for pk in re.findall(
            r'<li class="review-queue__item[^"]*" id="queue-(\d+)"', response.content.decode()
        )
    ]


@pytest.fixture
def suggested(loaded_seeds):
    articles_suggest(loaded_seeds.values())
    return Annotation.objects.filter(status=Status.SUGGESTED)


def test_the_queue_lists_oldest_first_and_filters(editor_client, suggested, topics, loaded_seeds):
    response = editor_client.get(QUEUE)
    assert response.status_code == 200
    oldest_first = list(suggested.order_by("created_at", "id").values_list("pk", flat=True))
    assert listed(response) == oldest_first
    html = response.content.decode()
    first = suggested.order_by("created_at", "id").first()
    assert (
        f'href="/admin/archive/article/{first.article_id}/workspace/?annotation={first.pk}"' in html
    )
    assert f"{len(oldest_first)} passages to review, oldest first" in html

    mou = topics["training-mou"]
    assert listed(editor_client.get(f"{QUEUE}?topic={mou.pk}")) == [
        pk for pk in oldest_first if Annotation.objects.get(pk=pk).topic_id == mou.pk
    ]
    reuters = Source.objects.get(name="رويترز")  # cited by seed 000 only
    by_reuters = listed(editor_client.get(f"{QUEUE}?source={reuters.pk}"))
    assert by_reuters and {Annotation.objects.get(pk=pk).article_id for pk in by_reuters} == {
        loaded_seeds["000"].pk
    }
    assert listed(editor_client.get(f"{QUEUE}?status=draft")) == []
    # A filter value that names nothing is ignored; a NUL is refused before any view.
    assert listed(editor_client.get(f"{QUEUE}?topic=abc&source=xyz")) == oldest_first
    refused = editor_client.get(f"{QUEUE}?source=%00")
    assert (refused.status_code, refused["Content-Type"]) == (400, "text/plain; charset=utf-8")


def test_bulk_accept_and_dismiss(editor_client, editor, suggested):
    first, second, third = suggested.order_by("created_at", "id")[:3]
    response = editor_client.post(QUEUE, {"action": "accept", "ids": [first.pk, second.pk]})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.created_by) == (Status.DRAFT, editor)
    assert second.status == Status.DRAFT
    response = editor_client.post(QUEUE, {"action": "dismiss", "ids": [third.pk]}, follow=True)
    third.refresh_from_db()
    assert third.status == Status.REJECTED
    assert "Dismiss: 1 passage." in response.content.decode()
    # Drafts stay in the queue for reviewers; an editor may not approve them.
    response = editor_client.post(QUEUE, {"action": "approve", "ids": [first.pk]}, follow=True)
    first.refresh_from_db()
    assert first.status == Status.DRAFT
    assert "1 passage skipped: you may not do that to it." in response.content.decode()


def test_a_reviewer_approves_drafts_in_bulk(reviewer_client, reviewer, editor_client, suggested):
    first, second = suggested.order_by("created_at", "id")[:2]
    editor_client.post(QUEUE, {"action": "accept", "ids": [first.pk, second.pk]})
    html = reviewer_client.get(f"{QUEUE}?status=draft").content.decode()
    assert 'value="approve"' in html and 'value="reject"' in html
    reviewer_client.post(
        QUEUE, {"action": "approve", "ids": [first.pk, second.pk], "status": "draft"}
    )
    assert set(
        Annotation.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    ) == {Status.APPROVED}
    assert Annotation.objects.get(pk=first.pk).reviewed_by == reviewer


def test_bad_posts_change_nothing(editor_client, suggested):
    before = list(suggested.values_list("pk", "status"))
    response = editor_client.post(QUEUE, {"action": "explode", "ids": ["1", "x"]}, follow=True)
    assert response.status_code == 200
    assert "Choose what to do with the selected passages." in response.content.decode()
    response = editor_client.post(QUEUE, {"action": "accept"}, follow=True)
    assert "Select the passages first." in response.content.decode()
    assert (
        list(Annotation.objects.filter(status=Status.SUGGESTED).values_list("pk", "status"))
        == before
    )


def test_the_index_links_the_queue_and_the_articles_needing_a_date(editor_client, suggested):
    html = editor_client.get("/admin/").content.decode()
    count = suggested.count()
    assert f'<a href="{QUEUE}">Review queue</a></th><td>{count} suggestions, 0 drafts</td>' in html
    assert (
        '<a href="/admin/archive/article/?needs_date=yes">Articles that need a date</a></th><td>1</td>'
        in html
    )
