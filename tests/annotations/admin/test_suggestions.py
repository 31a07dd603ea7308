"""Suggestions in the admin: accepted and dismissed by the annotation list's
bulk actions, and each topic's precision on its list and page."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from annotations.models import Annotation

pytestmark = pytest.mark.django_db


def test_admin_action_suggests_and_editor_accepts_in_one_action(
    editor, editor_client, reviewer_client, loaded_seeds
):
    article = loaded_seeds["003"]
    editor_client.post(
        "/admin/archive/article/", {"action": "suggest_selected", "_selected_action": [article.pk]}
    )
    suggestions = list(Annotation.objects.order_by("start").values_list("pk", flat=True))
    assert len(suggestions) == 3

    editor_client.post(
        "/admin/annotations/annotation/",
        {"action": "accept_suggestions", "_selected_action": suggestions[:2]},
    )
    editor_client.post(
        "/admin/annotations/annotation/",
        {"action": "reject_suggestions", "_selected_action": suggestions[2:]},
    )

    statuses = list(Annotation.objects.order_by("start").values_list("status", flat=True))
    assert statuses == ["draft", "draft", "rejected"]


def test_topic_precision_on_the_topic_page(loaded_seeds, topics, editor, admin_client):
    from annotations.suggestions import topic_precision

    call_command("suggest_annotations", "--article", str(loaded_seeds["003"].pk), verbosity=0)
    topic = topics["counter-terrorism"]
    first, second, third = topic.annotations.order_by("start")
    first.status = Annotation.Status.DRAFT
    first.save()
    second.status = Annotation.Status.REJECTED
    second.save()
    total, rules = topic_precision(topic)
    assert (total.suggested, total.reviewed, total.accepted) == (3, 2, 1)
    assert total.precision == 0.5
    by_rule = {score.rule: (score.suggested, score.reviewed, score.accepted) for score in rules}
    assert by_rule["مكافحة الإرهاب"] == (2, 1, 1)

    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    listing = admin_client.get("/admin/annotations/topic/").content.decode()
    assert "1 / 2 (50%)" in listing
    page = admin_client.get(f"/admin/annotations/topic/{topic.pk}/change/").content.decode()
    assert '<td dir="rtl" lang="ar">مكافحة الإرهاب</td><td>2</td><td>1 / 1 (100%)</td>' in page
