"""Concurrent writers on PostgreSQL: two clients PATCH one annotation at the
same moment, from two threads with their own connections. No change is lost
silently: every client either got 200 and its change is in the row afterwards,
or was refused (412 or 409 for a newer version, 403 when the first change made
its own no longer allowed).

Three kinds of race, 40 of each: two edits of the note sent with the same
If-Match; two edits of different fields without If-Match; a reviewer's
approval against the author's edit of the note."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from rest_framework.test import APIClient

from annotations.models import Annotation, Topic
from archive.models import Article
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    # The migrations' groups and topics are restored for each test (a flush removes them).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RACES = 40
BODY = "أكدت وزارة الدفاع التركية دعمها وحدة سوريا وسلامة أراضيها."
PASSAGE = "وزارة الدفاع التركية"
REFUSED = {403, 409, 412}


@pytest.fixture
def newsroom(db):
    return {
        "article": factories.article(BODY, title="race", status=Article.Status.PUBLISHED),
        "editor": factories.user("editor", "Editors", password=None),
        "colleague": factories.user("colleague", "Editors", password=None),
        "reviewer": factories.user("reviewer", "Editors", "Reviewers", password=None),
        "topics": list(Topic.objects.order_by("slug")),
    }


def _draft(newsroom) -> Annotation:
    return factories.annotation_on(
        newsroom["article"], PASSAGE, newsroom["topics"][0], created_by=newsroom["editor"]
    )


def _race(*requests) -> list[int]:
    """Send the requests ``(user, path, data, headers)`` at the same moment,
    one thread each; the status codes, in order."""
    barrier = threading.Barrier(len(requests))
    codes: list[int | None] = [None] * len(requests)
    errors: list[BaseException] = []

    def send(index, user, path, data, headers):
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait(timeout=10)
            codes[index] = client.patch(path, data, format="json", **headers).status_code
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return codes


def _path(annotation) -> str:
    return f"/api/v1/annotations/{annotation.pk}/"


def test_two_edits_with_the_same_if_match(newsroom):
    silent_losses, outcomes = 0, Counter()
    for race in range(RACES):
        annotation = _draft(newsroom)
        header = {"HTTP_IF_MATCH": f'"{annotation.version}"'}
        notes = [f"first {race}", f"second {race}"]
        codes = _race(
            *[(newsroom["editor"], _path(annotation), {"note": n}, header) for n in notes]
        )
        row = Annotation.objects.get(pk=annotation.pk)
        outcomes.update(codes)
        for code, note in zip(codes, notes, strict=True):
            assert code == 200 or code in REFUSED, code
            if code == 200 and row.note != note:
                silent_losses += 1
        # One read, one version: exactly one of the two may write.
        assert sorted(codes) == [200, 412], codes
        assert row.version == annotation.version + 1
    assert silent_losses == 0
    assert outcomes == {200: RACES, 412: RACES}


def test_two_edits_of_different_fields_without_if_match(newsroom):
    silent_losses, outcomes = 0, Counter()
    other_topic = newsroom["topics"][1]
    for race in range(RACES):
        annotation = _draft(newsroom)
        note = f"note {race}"
        codes = _race(
            (newsroom["editor"], _path(annotation), {"note": note}, {}),
            (newsroom["editor"], _path(annotation), {"topic": other_topic.slug}, {}),
        )
        row = Annotation.objects.get(pk=annotation.pk)
        outcomes.update(codes)
        assert all(code == 200 or code in REFUSED for code in codes), codes
        if codes[0] == 200 and row.note != note:
            silent_losses += 1
        if codes[1] == 200 and row.topic_id != other_topic.pk:
            silent_losses += 1
        assert row.version == annotation.version + codes.count(200)
    assert silent_losses == 0
    assert set(outcomes) <= {200, 409}


def test_a_reviewers_approval_against_the_authors_edit(newsroom):
    silent_losses, outcomes = 0, Counter()
    reviewer = newsroom["reviewer"]
    for race in range(RACES):
        annotation = _draft(newsroom)
        note = f"author's note {race}"
        approve, edit = _race(
            (reviewer, _path(annotation), {"status": "approved"}, {}),
            (newsroom["editor"], _path(annotation), {"note": note}, {}),
        )
        row = Annotation.objects.get(pk=annotation.pk)
        outcomes.update([f"approve {approve}", f"edit {edit}"])
        assert approve == 200 or approve in REFUSED, approve
        assert edit == 200 or edit in REFUSED, edit
        if approve == 200 and not (row.status == "approved" and row.reviewed_by_id == reviewer.pk):
            silent_losses += 1
        if edit == 200 and row.note != note:
            silent_losses += 1
    assert silent_losses == 0
    # Whatever the order, an approval never came undone.
    assert outcomes[f"approve {200}"] + outcomes[f"approve {409}"] == RACES
