"""The annotator writes through the research API (``api.annotations.views``), as
any client does, with the admin's session and its CSRF token: one write API."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Annotation
from tests import factories

API = "/api/v1/annotations/"
PHRASE = "مذكرة تفاهم للتدريب والمشورات العسكرية المشتركة"

pytestmark = pytest.mark.django_db


def send(client: Client, method: str, url: str, payload: dict | None = None, **headers):
    body = json.dumps(payload) if payload is not None else ""
    return getattr(client, method)(url, body, content_type="application/json", **headers)


def create_payload(article, topic, phrase=PHRASE, **overrides) -> dict:
    start = article.body.index(phrase)
    payload = {
        "article": article.pk,
        "topic": topic.slug,
        "start": start,
        "end": start + len(phrase),
        "quote": phrase,
        "note": "",
    }
    payload.update(overrides)
    return payload


def item(client: Client, pk: int) -> dict:
    response = client.get(reverse("admin:annotations_annotation_item", args=[pk]))
    assert response.status_code == 200
    return response.json()["annotation"]


def test_editor_creates_a_draft_with_code_point_offsets_after_an_emoji(
    editor, editor_client, emoji_article, topics
):
    body = emoji_article.body
    start = body.index(PHRASE)
    # The flag is two code points but four UTF-16 units: the offsets differ by two.
    assert len(body[:start].encode("utf-16-le")) // 2 == start + 2

    response = send(
        editor_client, "post", API, create_payload(emoji_article, topics["training-mou"])
    )

    assert response.status_code == 201, response.content
    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end) == (start, start + len(PHRASE)) == (51, 98)
    assert annotation.quote == PHRASE
    assert annotation.status == Annotation.Status.DRAFT
    assert annotation.created_by == editor
    data = item(editor_client, response.json()["id"])
    assert (data["start"], data["author"], data["version"]) == (51, "editor", 1)
    assert data["can_edit"] is True
    assert data["statuses"] == ["draft"]


def test_utf16_offsets_are_refused_with_a_clear_message(editor_client, emoji_article, topics):
    payload = create_payload(emoji_article, topics["training-mou"], phrase="أنقرة تدعم دمشق")
    payload["start"] += 2  # what a browser counts, unconverted
    payload["end"] += 2

    response = send(editor_client, "post", API, payload)

    assert response.status_code == 400
    assert response.json()["quote"][0].startswith(
        "The quote does not match the article text at 5–20"
    )
    assert Annotation.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start": "ten"}, "start", "A valid integer is required."),
        ({"end": 10_000}, "end", "The end offset 10000 is past the end of the body"),
        ({"topic": None}, "topic", "This field may not be null."),
        ({"topic": "nope"}, "topic", "Object with slug=nope does not exist."),
        ({"article": 999_999}, "article", 'Invalid pk "999999" - object does not exist.'),
        # A non-numeric article or topic id: a message, not a server error.
        ({"article": "abc"}, "article", "Incorrect type. Expected pk value, received str."),
        ({"topic": ["x"]}, "topic", "Object with slug=['x'] does not exist."),
    ],
)
def test_bad_requests_are_refused(editor_client, emoji_article, topics, overrides, field, message):
    payload = {**create_payload(emoji_article, topics["training-mou"]), **overrides}

    response = send(editor_client, "post", API, payload)

    assert response.status_code == 400, response.content
    assert response.json()[field][0].startswith(message)
    assert Annotation.objects.count() == 0


def test_malformed_json_is_a_400(editor_client):
    response = editor_client.post(API, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_anonymous_user_cannot_save(emoji_article, topics):
    response = send(Client(), "post", API, create_payload(emoji_article, topics["training-mou"]))

    assert response.status_code == 401
    assert Annotation.objects.count() == 0


def test_the_session_needs_its_csrf_token(editor, emoji_article, topics):
    client = factories.client(editor, enforce_csrf_checks=True)
    payload = create_payload(emoji_article, topics["training-mou"])

    refused = send(client, "post", API, payload)

    assert refused.status_code == 403
    assert refused.json() == {"detail": "CSRF Failed: CSRF cookie not set."}
    assert Annotation.objects.count() == 0
    # The token the admin's page carries lets the same request through.
    client.get(f"/admin/archive/article/{emoji_article.pk}/change/")
    token = client.cookies["csrftoken"].value
    accepted = send(client, "post", API, payload, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_editor_cannot_approve(editor, editor_client, emoji_article, make_annotation):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)

    response = send(editor_client, "patch", f"{API}{annotation.pk}/", {"status": "approved"})

    assert response.status_code == 403
    assert response.json() == {"detail": "You may not set this annotation's status to “approved”."}
    annotation.refresh_from_db()
    assert annotation.status == Annotation.Status.DRAFT
    assert annotation.reviewed_by is None


def test_editor_edits_own_draft_with_its_version(
    editor, editor_client, emoji_article, make_annotation, topics
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)

    response = send(
        editor_client,
        "patch",
        f"{API}{annotation.pk}/",
        {"topic": "counter-terrorism", "note": "راجع التاريخ"},
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 200
    annotation.refresh_from_db()
    assert (annotation.topic.slug, annotation.note, annotation.version) == (
        "counter-terrorism",
        "راجع التاريخ",
        2,
    )
    # The page's copy is older now: its next change is refused, not written over.
    stale = send(
        editor_client, "patch", f"{API}{annotation.pk}/", {"note": "قديم"}, HTTP_IF_MATCH='"1"'
    )
    assert stale.status_code == 412
    assert Annotation.objects.get(pk=annotation.pk).note == "راجع التاريخ"


def test_editor_cannot_edit_or_delete_another_editors_draft(
    other_editor, editor_client, emoji_article, make_annotation
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=other_editor, note="")

    edit_response = send(editor_client, "patch", f"{API}{annotation.pk}/", {"note": "not mine"})
    delete_response = editor_client.delete(f"{API}{annotation.pk}/")

    assert edit_response.status_code == 403
    assert edit_response.json() == {
        "detail": "You may only edit your own drafts and open suggestions."
    }
    assert delete_response.status_code == 403
    annotation.refresh_from_db()
    assert annotation.note == ""
    assert item(editor_client, annotation.pk)["can_edit"] is False


def test_editor_accepts_and_dismisses_suggestions(editor_client, emoji_article, make_annotation):
    accepted = make_annotation(emoji_article, PHRASE, status=Annotation.Status.SUGGESTED)
    dismissed = make_annotation(
        emoji_article, "أنقرة تدعم دمشق", status=Annotation.Status.SUGGESTED
    )

    accept = send(editor_client, "patch", f"{API}{accepted.pk}/", {"status": "draft"})
    dismiss = send(editor_client, "patch", f"{API}{dismissed.pk}/", {"status": "rejected"})

    assert (accept.status_code, dismiss.status_code) == (200, 200)
    accepted.refresh_from_db()
    dismissed.refresh_from_db()
    assert accepted.status == Annotation.Status.DRAFT
    assert dismissed.status == Annotation.Status.REJECTED
    # Once a draft, the editor cannot approve it.
    assert item(editor_client, accepted.pk)["statuses"] == ["draft"]


def test_reviewer_approves_and_is_recorded(
    reviewer, reviewer_client, other_editor, emoji_article, make_annotation
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=other_editor)

    response = send(reviewer_client, "patch", f"{API}{annotation.pk}/", {"status": "approved"})

    assert response.status_code == 200
    annotation.refresh_from_db()
    assert annotation.status == Annotation.Status.APPROVED
    assert annotation.reviewed_by == reviewer
    assert annotation.reviewed_at is not None


def test_editor_deletes_own_draft(editor, editor_client, emoji_article, make_annotation):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)

    response = editor_client.delete(f"{API}{annotation.pk}/", HTTP_IF_MATCH='"1"')

    assert response.status_code == 204
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_user_without_annotation_permissions_is_refused(db, emoji_article, topics):
    client = factories.client(factories.user("staff"))

    response = send(client, "post", API, create_payload(emoji_article, topics["training-mou"]))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "You may not create annotations (your groups do not allow it)."
    }
