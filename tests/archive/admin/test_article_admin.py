"""The article admin: the annotator page, the changelist's filters and counts,
publishing, and the body never being written by the form."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_update
from archive.models import Article, Source

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/archive/article/"


def change_url(article: Article) -> str:
    return reverse("admin:archive_article_change", args=[article.pk])


def listed_files(response) -> list[str]:
    return sorted(article.source_file[:3] for article in response.context["cl"].result_list)


def config_of(response, article: Article) -> dict:
    html = response.content.decode()
    match = re.search(
        rf'<script id="annotator-config-{article.pk}" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    return json.loads(match.group(1))


def test_change_page_renders_the_body_as_rtl_reading_text(
    editor_client, loaded_seeds, make_annotation, editor
):
    article = loaded_seeds["000"]
    phrase = "مذكرة التفاهم التركية السورية للتدريب والاستشارات العسكرية"
    annotation = make_annotation(article, phrase, created_by=editor, note="ملاحظة")

    response = editor_client.get(change_url(article))

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<article class="annotator__text" dir="rtl" lang="ar" tabindex="0" aria-label="Article text">'
        in html
    )
    # One <p> per paragraph, each with its code-point offset into the body.
    paragraphs = article.body.split("\n\n")
    assert html.count("<p data-start=") == len(paragraphs) == 14
    second = len(paragraphs[0]) + 2
    assert f'<p data-start="{second}">{paragraphs[1][:20]}' in html
    assert "annotations/annotator.js" in html
    assert "annotations/annotator.css" in html
    config = config_of(response, article)
    assert config["body"] == article.body
    assert config["canCreate"] is True
    assert [t["slug"] for t in config["topics"]] == [
        "counter-terrorism",
        "sdf-integration",
        "training-mou",
    ]
    (data,) = config["annotations"]
    assert data["id"] == annotation.pk
    assert data["quote"] == phrase
    assert (data["start"], data["end"]) == (annotation.start, annotation.end)
    assert data["note"] == "ملاحظة"
    assert data["author"] == "editor"


def test_saving_the_form_never_rewrites_the_body(editor_client, loaded_seeds):
    article = loaded_seeds["001"]
    body = article.body

    response = editor_client.post(
        change_url(article),
        {
            "title": "تركيا تعلن طلباً سورياً للدعم",
            "title_derived": "",
            "published_on": "2025-07-23",
            "published_precision": "day",
            "published_text": "",
            "summary": article.summary,
            "caption": article.caption,
            "body": "ALTERED",
            "source_links-TOTAL_FORMS": "0",
            "source_links-INITIAL_FORMS": "0",
            "event_reports-TOTAL_FORMS": "0",
            "event_reports-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.body == body
    assert article.title == "تركيا تعلن طلباً سورياً للدعم"
    assert article.title_derived is False
    assert article.published_on == dt.date(2025, 7, 23)
    # ... and the change is in the history, with who made it.
    latest = article.history.latest()
    assert latest.history_user.username == "editor"
    assert latest.prev_record.published_on is None
    assert latest.published_on == dt.date(2025, 7, 23)


def test_changelist_counts_annotations_per_article(
    editor_client, loaded_seeds, make_annotation, django_assert_max_num_queries
):
    article = loaded_seeds["000"]
    make_annotation(article, "مذكرة التفاهم", status=Annotation.Status.SUGGESTED)
    flagged = make_annotation(article, "اتفاق الاندماج", topic="sdf-integration")
    Annotation.objects.filter(pk=flagged.pk).update(flagged=True)

    with django_assert_max_num_queries(12):
        response = editor_client.get(CHANGELIST)

    rows = {a.source_file[:3]: a for a in response.context["cl"].result_list}
    assert (rows["000"].annotation_total, rows["000"].suggested_total) == (2, 1)
    assert rows["000"].flagged_total == 1
    assert (rows["001"].annotation_total, rows["001"].flagged_total) == (0, 0)


def test_changelist_filters(editor_client, loaded_seeds, make_annotation):
    flagged = make_annotation(loaded_seeds["002"], "اتفاقية تعاون عسكري")
    Annotation.objects.filter(pk=flagged.pk).update(flagged=True)
    reuters = Source.objects.get(name="رويترز")

    def files(query: str) -> list[str]:
        response = editor_client.get(CHANGELIST + query)
        assert response.status_code == 200
        return listed_files(response)

    assert files("") == ["000", "001", "002", "003", "004"]
    assert files("?needs_date=yes") == ["001"]
    assert files("?title_derived__exact=1") == ["001", "004"]
    assert files("?flagged=yes") == ["002"]
    assert files("?status__exact=draft") == ["000", "001", "002", "003", "004"]
    assert files(f"?source={reuters.pk}") == ["000"]
    assert files("?published_on__gte=2025-08-01&published_on__lt=2025-09-01") == ["000", "002"]


def test_publishing_is_for_reviewers(editor_client, reviewer_client, loaded_seeds):
    editor_actions = editor_client.get(CHANGELIST).context["action_form"].fields["action"]
    assert "publish_selected" not in dict(editor_actions.choices)

    ids = [loaded_seeds["000"].pk, loaded_seeds["002"].pk]
    response = reviewer_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": ids}
    )

    assert response.status_code == 302
    assert sorted(Article.objects.published().values_list("source_file", flat=True)) == [
        loaded_seeds["000"].source_file,
        loaded_seeds["002"].source_file,
    ]
    reviewer_client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": ids[:1]})
    assert list(Article.objects.published().values_list("pk", flat=True)) == ids[1:]


def test_editor_may_not_post_the_publish_action(editor_client, loaded_seeds):
    article = loaded_seeds["000"]

    editor_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_history_of_an_annotation_is_viewable(editor, editor_client, loaded_seeds, make_annotation):
    annotation = make_annotation(loaded_seeds["000"], "مذكرة التفاهم", created_by=editor)
    annotation_update(annotation, by=SYSTEM, note="أضيفت ملاحظة")

    response = editor_client.get(
        reverse("admin:annotations_annotation_history", args=[annotation.pk])
    )

    assert response.status_code == 200
    assert [record.note for record in annotation.history.all()] == ["أضيفت ملاحظة", ""]
    assert "أضيفت ملاحظة" in response.content.decode()


def test_change_page_shows_what_the_loader_was_unsure_of(editor_client, loaded_seeds):
    html = editor_client.get(change_url(loaded_seeds["001"])).content.decode()
    assert "<strong>date</strong>: no date stated" in html
    assert "<strong>title</strong>: the page states no title; derived from the body" in html

    html = editor_client.get(change_url(loaded_seeds["003"])).content.decode()
    assert '<table class="archive-loader-dropped">' in html
    assert (
        '<tr><td>3</td><td dir="rtl" lang="ar">تابع أحدث الأخبار عبر تطبيق</td>'
        "<td>page debris (relative time, share, follow or ad line)</td></tr>"
    ) in html


def test_changelist_lists_the_articles_the_loader_doubted(editor_client, loaded_seeds):
    def files(query: str) -> list[str]:
        response = editor_client.get(CHANGELIST + query)
        assert response.status_code == 200
        return listed_files(response)

    assert files("?doubt=any") == ["001", "004"]
    assert files("?doubt=date") == ["001"]
    assert files("?doubt=title") == ["001", "004"]
    assert files("?doubt=body") == []


def test_arabic_inputs_read_right_to_left_in_english(editor_client, loaded_seeds):
    article = loaded_seeds["000"]
    html = editor_client.get(change_url(article)).content.decode()
    assert re.search(r'<input type="text" name="title"[^>]*dir="rtl"', html)
    assert re.search(r'<input type="text" name="published_text"[^>]*dir="rtl"', html)
    event = editor_client.get("/admin/archive/event/add/").content.decode()
    assert re.search(r'<input type="text" name="title"[^>]*dir="rtl"', event)
    assert re.search(r'<input type="text" name="title_en"[^>]*dir="auto"', event)
