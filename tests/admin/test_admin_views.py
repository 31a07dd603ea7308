"""The annotator's JSON endpoints: validation, offsets, permissions, CSRF."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Annotation

CREATE_URL = "/admin/annotations/annotation/api/create/"
PHRASE = "مذكرة تفاهم للتدريب والمشورات العسكرية المشتركة"

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, payload: dict | None = None):
    return client.post(url, json.dumps(payload or {}), content_type="application/json")


def create_payload(article, topic, phrase=PHRASE, **overrides) -> dict:
    start = article.body.index(phrase)
    payload = {
        "article": article.pk,
        "topic": topic.pk,
        "start": start,
        "end": start + len(phrase),
        "quote": phrase,
        "note": "",
    }
    payload.update(overrides)
    return payload


def test_urls_are_mounted_in_the_admin():
    assert reverse("admin:annotations_annotation_api_create") == CREATE_URL
    assert reverse("admin:annotations_annotation_api_update", args=[7]) == (
        "/admin/annotations/annotation/api/7/update/"
    )


def test_editor_creates_a_draft_with_code_point_offsets_after_an_emoji(
    editor, editor_client, emoji_article, topics
):
    body = emoji_article.body
    start = body.index(PHRASE)
    # The flag is two code points but four UTF-16 units: the offsets differ by two.
    assert len(body[:start].encode("utf-16-le")) // 2 == start + 2

    response = post(
        editor_client, CREATE_URL, create_payload(emoji_article, topics["training-mou"])
    )

    assert response.status_code == 201
    data = response.json()["annotation"]
    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end) == (start, start + len(PHRASE)) == (51, 98)
    assert annotation.quote == PHRASE
    assert annotation.status == Annotation.Status.DRAFT
    assert annotation.created_by == editor
    assert data["id"] == annotation.pk
    assert data["start"] == 51
    assert data["author"] == "editor"
    assert data["can_edit"] is True
    assert data["statuses"] == ["draft"]


def test_utf16_offsets_are_refused_with_a_clear_message(editor_client, emoji_article, topics):
    payload = create_payload(emoji_article, topics["training-mou"], phrase="أنقرة تدعم دمشق")
    payload["start"] += 2  # what a browser counts, unconverted
    payload["end"] += 2

    response = post(editor_client, CREATE_URL, payload)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("The quote does not match the article text at 5–20")
    assert "quote" in response.json()["fields"]
    assert Annotation.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start": "10"}, "start", "A whole number (a code-point offset) is required."),
        ({"end": 10_000}, "end", "The end offset 10000 is past the end of the body"),
        ({"topic": None}, "topic", "Choose a topic."),
        ({"article": 999_999}, "article", "No such article."),
    ],
)
def test_bad_requests_are_refused(editor_client, emoji_article, topics, overrides, field, message):
    payload = {**create_payload(emoji_article, topics["training-mou"]), **overrides}

    response = post(editor_client, CREATE_URL, payload)

    assert response.status_code == 400
    assert response.json()["fields"][field][0].startswith(message)
    assert Annotation.objects.count() == 0


def test_malformed_json_is_a_400(editor_client):
    response = editor_client.post(CREATE_URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "The request body is not valid JSON."


def test_anonymous_user_cannot_save(emoji_article, topics):
    response = post(Client(), CREATE_URL, create_payload(emoji_article, topics["training-mou"]))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert Annotation.objects.count() == 0


def test_csrf_token_is_required(editor, emoji_article, topics):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = post(client, CREATE_URL, create_payload(emoji_article, topics["training-mou"]))

    assert response.status_code == 403
    assert Annotation.objects.count() == 0


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(CREATE_URL).status_code == 405


def test_editor_cannot_approve(editor, editor_client, emoji_article, make_annotation):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)
    url = reverse("admin:annotations_annotation_api_update", args=[annotation.pk])

    response = post(editor_client, url, {"status": "approved"})

    assert response.status_code == 403
    assert response.json()["error"] == "You may not set this annotation's status to “approved”."
    annotation.refresh_from_db()
    assert annotation.status == Annotation.Status.DRAFT
    assert annotation.reviewed_by is None


def test_editor_edits_own_draft(editor, editor_client, emoji_article, make_annotation, topics):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)
    url = reverse("admin:annotations_annotation_api_update", args=[annotation.pk])

    response = post(
        editor_client, url, {"topic": topics["counter-terrorism"].pk, "note": "راجع التاريخ"}
    )

    assert response.status_code == 200
    annotation.refresh_from_db()
    assert annotation.topic.slug == "counter-terrorism"
    assert annotation.note == "راجع التاريخ"


def test_editor_cannot_edit_or_delete_another_editors_draft(
    other_editor, editor_client, emoji_article, make_annotation, topics
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=other_editor, note="")
    update = reverse("admin:annotations_annotation_api_update", args=[annotation.pk])
    delete = reverse("admin:annotations_annotation_api_delete", args=[annotation.pk])

    edit_response = post(editor_client, update, {"note": "not mine"})
    delete_response = post(editor_client, delete)

    assert edit_response.status_code == 403
    assert (
        edit_response.json()["error"] == "You may only edit your own drafts and open suggestions."
    )
    assert delete_response.status_code == 403
    annotation.refresh_from_db()
    assert annotation.note == ""


def test_editor_accepts_and_dismisses_suggestions(editor_client, emoji_article, make_annotation):
    accepted = make_annotation(emoji_article, PHRASE, status=Annotation.Status.SUGGESTED)
    dismissed = make_annotation(
        emoji_article, "أنقرة تدعم دمشق", status=Annotation.Status.SUGGESTED
    )

    accept = post(
        editor_client,
        reverse("admin:annotations_annotation_api_update", args=[accepted.pk]),
        {"status": "draft"},
    )
    dismiss = post(
        editor_client,
        reverse("admin:annotations_annotation_api_update", args=[dismissed.pk]),
        {"status": "rejected"},
    )

    assert (accept.status_code, dismiss.status_code) == (200, 200)
    accepted.refresh_from_db()
    dismissed.refresh_from_db()
    assert accepted.status == Annotation.Status.DRAFT
    assert dismissed.status == Annotation.Status.REJECTED
    # Once a draft, the editor cannot approve it.
    assert accept.json()["annotation"]["statuses"] == ["draft"]


def test_reviewer_approves_and_is_recorded(
    reviewer, reviewer_client, other_editor, emoji_article, make_annotation
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=other_editor)
    url = reverse("admin:annotations_annotation_api_update", args=[annotation.pk])

    response = post(reviewer_client, url, {"status": "approved"})

    assert response.status_code == 200
    annotation.refresh_from_db()
    assert annotation.status == Annotation.Status.APPROVED
    assert annotation.reviewed_by == reviewer
    assert annotation.reviewed_at is not None


def test_editor_deletes_own_draft(editor, editor_client, emoji_article, make_annotation):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)
    url = reverse("admin:annotations_annotation_api_delete", args=[annotation.pk])

    response = post(editor_client, url)

    assert response.status_code == 200
    assert response.json() == {"deleted": annotation.pk}
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_user_without_annotation_permissions_is_refused(db, emoji_article, topics):
    from django.contrib.auth.models import User

    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    client = Client(headers={"accept-language": "en"})
    client.force_login(staff)

    response = post(client, CREATE_URL, create_payload(emoji_article, topics["training-mou"]))

    assert response.status_code == 403
    assert response.json()["error"] == "You may not create annotations."
