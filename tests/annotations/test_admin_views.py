"""What the annotator reads of a passage beside the API (``annotations.admin_views``):
one passage with what the user may do to it, read only, at the admin URL that
replaced the private write endpoints."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

PHRASE = "مذكرة تفاهم للتدريب والمشورات العسكرية المشتركة"


def test_the_private_write_endpoints_are_gone():
    for name in ("api_create", "api_update", "api_delete"):
        with pytest.raises(NoReverseMatch):
            reverse(
                f"admin:annotations_annotation_{name}", args=[1] if name != "api_create" else []
            )
    assert reverse("admin:annotations_annotation_item", args=[7]) == (
        "/admin/annotations/annotation/api/7/"
    )


def test_the_item_is_read_only(editor_client, emoji_article, make_annotation, editor):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)
    url = reverse("admin:annotations_annotation_item", args=[annotation.pk])
    assert editor_client.post(url, "{}", content_type="application/json").status_code == 405
