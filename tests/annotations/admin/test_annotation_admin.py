"""The annotation changelist (filters, search, links in context, bulk review)
and the change form's permission rules."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator

from annotations.admin import EstimatedCountPaginator
from annotations.models import Annotation
from archive.models import Source

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/annotations/annotation/"


@pytest.fixture
def annotated(loaded_seeds, make_annotation, editor, other_editor):
    return {
        "mou": make_annotation(loaded_seeds["000"], "مذكرة التفاهم", created_by=editor),
        "sdf": make_annotation(
            loaded_seeds["001"],
            "اندماج “قوات سوريا الديمقراطية”",
            topic="sdf-integration",
            created_by=other_editor,
        ),
        "isis": make_annotation(
            loaded_seeds["003"],
            "تنظيمات إرهابية",
            topic="counter-terrorism",
            status=Annotation.Status.SUGGESTED,
        ),
    }


def listed(client, query: str = "") -> list[int]:
    response = client.get(CHANGELIST + query)
    assert response.status_code == 200
    return sorted(a.pk for a in response.context["cl"].result_list)


def test_filters_and_search(editor_client, editor, annotated):
    a = annotated
    reuters = Source.objects.get(name="رويترز")
    assert listed(editor_client) == sorted(x.pk for x in a.values())
    assert listed(editor_client, "?status__exact=suggested") == [a["isis"].pk]
    assert listed(editor_client, f"?topic__id__exact={a['sdf'].topic_id}") == [a["sdf"].pk]
    assert listed(editor_client, f"?author={editor.pk}") == [a["mou"].pk]
    assert listed(editor_client, "?author=none") == [a["isis"].pk]
    assert listed(editor_client, f"?source={reuters.pk}") == [a["mou"].pk]
    assert listed(editor_client, "?article__published_on__isnull=True") == [a["sdf"].pk]
    assert listed(
        editor_client,
        "?article__published_on__gte=2024-12-01&article__published_on__lt=2025-01-01",
    ) == [a["isis"].pk]
    assert listed(editor_client, "?q=إرهابية") == [a["isis"].pk]


def test_each_row_links_to_its_passage_in_context(editor_client, annotated):
    html = editor_client.get(CHANGELIST).content.decode()
    mou = annotated["mou"]
    assert (
        f'<a href="/admin/archive/article/{mou.article_id}/workspace/?annotation={mou.pk}'
        f'#annotation-{mou.pk}" dir="rtl" lang="ar">مذكرة التفاهم</a>'
    ) in html


def test_changelist_skips_the_full_count_and_joins_its_columns(
    editor_client, annotated, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = editor_client.get(CHANGELIST)
    cl = response.context["cl"]
    assert cl.show_full_result_count is False
    assert cl.full_result_count is None
    assert cl.result_count == 3


def test_estimated_paginator_counts_exactly_off_postgresql(annotated):
    queryset = Annotation.objects.all()
    assert EstimatedCountPaginator(queryset, 100).count == Paginator(queryset, 100).count == 3


def test_bulk_approve_is_for_reviewers_only(editor_client, reviewer_client, reviewer, annotated):
    choices = dict(editor_client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert "approve_selected" not in choices
    assert "reject_selected" not in choices
    assert "delete_selected" not in choices
    ids = [annotated["mou"].pk, annotated["sdf"].pk]

    editor_client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": ids})
    assert Annotation.objects.filter(status=Annotation.Status.APPROVED).count() == 0

    reviewer_client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": ids})
    approved = Annotation.objects.filter(status=Annotation.Status.APPROVED)
    assert sorted(approved.values_list("pk", flat=True)) == sorted(ids)
    assert set(approved.values_list("reviewed_by__username", flat=True)) == {"reviewer"}

    reviewer_client.post(
        CHANGELIST, {"action": "reject_selected", "_selected_action": [annotated["isis"].pk]}
    )
    annotated["isis"].refresh_from_db()
    assert annotated["isis"].status == Annotation.Status.REJECTED


def test_editor_cannot_open_another_editors_draft_for_change(editor_client, annotated):
    sdf = annotated["sdf"]
    response = editor_client.post(
        f"{CHANGELIST}{sdf.pk}/change/",
        {
            "topic": sdf.topic_id,
            "start": sdf.start,
            "end": sdf.end,
            "quote": sdf.quote,
            "note": "not mine",
            "status": "draft",
        },
    )
    assert response.status_code == 403
    sdf.refresh_from_db()
    assert sdf.note == ""


def test_editor_cannot_approve_through_the_form(editor_client, annotated):
    mou = annotated["mou"]
    response = editor_client.post(
        f"{CHANGELIST}{mou.pk}/change/",
        {
            "topic": mou.topic_id,
            "start": mou.start,
            "end": mou.end,
            "quote": mou.quote,
            "note": "",
            "status": "approved",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "status": ["You may not move this annotation to that status."]
    }
    mou.refresh_from_db()
    assert mou.status == Annotation.Status.DRAFT


def test_form_edit_goes_through_the_service_and_history(editor, editor_client, annotated):
    mou = annotated["mou"]
    response = editor_client.post(
        f"{CHANGELIST}{mou.pk}/change/",
        {
            "topic": mou.topic_id,
            "start": mou.start,
            "end": mou.end + 1,
            "quote": mou.quote,
            "note": "",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert "The quote does not match" in str(response.context["adminform"].form.errors)

    response = editor_client.post(
        f"{CHANGELIST}{mou.pk}/change/",
        {
            "topic": mou.topic_id,
            "start": mou.start,
            "end": mou.end,
            "quote": mou.quote,
            "note": "مهم",
            "status": "draft",
        },
    )
    assert response.status_code == 302
    mou.refresh_from_db()
    assert mou.note == "مهم"
    latest = mou.history.latest()
    assert (latest.history_user, latest.note, latest.prev_record.note) == (editor, "مهم", "")


def test_the_flag_shows_only_when_raised(editor_client, annotated):
    mou = annotated["mou"]
    html = editor_client.get(CHANGELIST).content.decode()
    assert "⚠" not in html
    assert "icon-no.svg" not in html  # no red cross on normal passages
    page = editor_client.get(f"/admin/annotations/annotation/{mou.pk}/change/").content.decode()
    assert "no longer matches" not in page
    Annotation.objects.filter(pk=mou.pk).update(
        flagged=True, flag_reason="The quote no longer occurs in the article text."
    )
    html = editor_client.get(CHANGELIST).content.decode()
    assert "⚠ The quote no longer occurs in the article text." in html
    page = editor_client.get(f"/admin/annotations/annotation/{mou.pk}/change/").content.decode()
    assert "⚠ The quote no longer occurs in the article text." in page
