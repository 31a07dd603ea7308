"""Optimistic concurrency through the API: the version as an ETag, If-Match
honoured (412 on a stale write, with a JSON message), every write bumping the
version, the re-anchoring after a text edit included."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import translation

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_update
from archive.concurrency import StaleVersion
from archive.services import change_article_body


@pytest.fixture(autouse=True)
def english():
    """The service's messages in English, as the clients ask; the language
    active before is restored after (requests activate their own)."""
    with translation.override("en"):
        yield


ANNOTATIONS = "/api/v1/annotations/"


def stale_message(read: int, now: int) -> dict:
    return {
        "detail": "This annotation was changed by someone else since it was read "
        f"(version {read}, now {now}); reload it and make the change again."
    }


@pytest.fixture
def english_staff(staff):
    staff.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return staff


def test_the_detail_sends_the_version_as_an_etag(corpus, english_staff):
    pk = corpus.annotations["draft"].pk  # created once: version 1
    response = english_staff.get(f"{ANNOTATIONS}{pk}/")
    assert response["ETag"] == '"1"' and response.json()["version"] == 1
    changed = english_staff.patch(f"{ANNOTATIONS}{pk}/", {"note": "أول"}, format="json")
    assert changed.status_code == 200
    assert (changed["ETag"], changed.json()["version"]) == ('"2"', 2)
    listed = english_staff.get(ANNOTATIONS, {"article": corpus.articles["003"].pk}).json()
    assert {row["id"]: row["version"] for row in listed["results"]}[pk] == 2


def test_a_write_with_a_stale_if_match_is_412_and_changes_nothing(corpus, english_staff):
    pk = corpus.annotations["draft"].pk
    assert (
        english_staff.patch(
            f"{ANNOTATIONS}{pk}/", {"note": "first"}, format="json", HTTP_IF_MATCH='"1"'
        ).status_code
        == 200
    )
    stale = english_staff.patch(
        f"{ANNOTATIONS}{pk}/", {"note": "second"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert stale.status_code == 412
    assert stale.json() == stale_message(1, 2)
    deleted = english_staff.delete(f"{ANNOTATIONS}{pk}/", HTTP_IF_MATCH='"1"')
    assert (deleted.status_code, deleted.json()) == (412, stale_message(1, 2))
    row = Annotation.objects.get(pk=pk)
    assert (row.note, row.version) == ("first", 2)
    fresh = english_staff.patch(
        f"{ANNOTATIONS}{pk}/", {"note": "second"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert (fresh.status_code, fresh["ETag"]) == (200, '"3"')


def test_an_etag_that_is_not_ours_matches_nothing(corpus, english_staff):
    pk = corpus.annotations["draft"].pk
    for tag in ('W/"1"', '"abc"'):
        response = english_staff.patch(
            f"{ANNOTATIONS}{pk}/", {"note": "x"}, format="json", HTTP_IF_MATCH=tag
        )
        assert response.status_code == 412, tag
    assert (
        english_staff.patch(
            f"{ANNOTATIONS}{pk}/", {"note": "x"}, format="json", HTTP_IF_MATCH="*"
        ).status_code
        == 200
    )
    assert Annotation.objects.get(pk=pk).note == "x"


def test_a_stale_copy_is_never_saved_over_a_newer_row(corpus):
    first = Annotation.objects.get(pk=corpus.annotations["draft"].pk)
    second = Annotation.objects.get(pk=first.pk)
    annotation_update(first, by=SYSTEM, note="first")
    with pytest.raises(StaleVersion) as error:
        annotation_update(second, by=SYSTEM, note="second")
    assert (error.value.expected, error.value.current) == (1, 2)
    # Not even a plain save of the stale copy (the shell's way) overwrites it.
    second.note = "second"
    with pytest.raises(StaleVersion), transaction.atomic():
        second.save()
    assert Annotation.objects.get(pk=first.pk).note == "first"


def test_re_anchoring_after_a_text_edit_bumps_the_version(corpus, english_staff):
    annotation = corpus.annotations["draft"]
    article = corpus.articles["003"]
    change_article_body(article, "تمهيد. " + article.body)
    annotation.refresh_from_db()
    assert annotation.version == 2
    assert annotation.quote == article.body[annotation.start : annotation.end]
    response = english_staff.patch(
        f"{ANNOTATIONS}{annotation.pk}/", {"note": "x"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert (response.status_code, response.json()) == (412, stale_message(1, 2))
