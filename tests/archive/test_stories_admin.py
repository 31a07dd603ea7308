"""The stories admin: an article's story siblings and the diff of their wording,
split and merge, the story's annotations on any copy."""

from __future__ import annotations

import pytest

from annotations.models import Annotation
from archive.models import Article, Story
from tests import factories


@pytest.fixture
def editor_client(db):
    return factories.client(factories.user("editor", "Editors"))


@pytest.mark.django_db
def test_an_article_lists_its_siblings_and_diffs_their_wording(editor_client, mou_copies):
    seeds, copies = mou_copies
    mou = seeds["002"]
    page = editor_client.get(f"/admin/archive/article/{mou.pk}/change/").content.decode()
    assert page.count("compare wording") == 7
    diff_url = f"/admin/archive/article/{mou.pk}/story-diff/{copies[5].pk}/"
    assert diff_url in page
    diff = editor_client.get(diff_url)
    assert diff.status_code == 200
    html = diff.content.decode()
    # A heavy edit cut the last paragraphs: they are struck out on the seed's side.
    last = mou.body.split("\n\n")[-1]
    assert f"{last}</del>" in html
    assert "These two articles are not in the same story." not in html
    # Another outlet's dateline is only in its copy.
    dated = next(c for c in copies if not c.body.startswith(mou.body[:20]))
    html = editor_client.get(f"/admin/archive/article/{mou.pk}/story-diff/{dated.pk}/").content
    dateline = dated.body[: dated.body.index(mou.body[:10])]
    assert f"<ins>{dateline}</ins>".encode() in html
    alone = editor_client.get(f"/admin/archive/article/{seeds['000'].pk}/change/").content
    assert b"no other copy" in alone


@pytest.mark.django_db
def test_an_editor_splits_and_merges_in_the_admin(editor_client, mou_copies):
    seeds, copies = mou_copies
    story = copies[0].story_id
    response = editor_client.post(
        "/admin/archive/article/",
        {"action": "split_from_story", "_selected_action": [copies[1].pk, copies[2].pk]},
        follow=True,
    )
    assert b"2 articles now stand each in a story of its own." in response.content
    assert Article.objects.filter(story=story).count() == 6
    split = list(
        Article.objects.filter(pk__in=[copies[1].pk, copies[2].pk]).values_list("story", flat=True)
    )
    response = editor_client.post(
        "/admin/archive/story/",
        {"action": "merge_selected", "_selected_action": [story, *split]},
        follow=True,
    )
    assert response.status_code == 200
    assert Article.objects.filter(story=story).count() == 8
    assert Story.objects.filter(pk__in=split).count() == 0


@pytest.mark.django_db
def test_the_story_page_lists_the_annotations_on_any_copy(editor_client, mou_copies, topics):
    seeds, copies = mou_copies
    copy = Article.objects.get(pk=copies[4].pk)
    quote = "اتفاقية تعاون عسكري"
    factories.annotation_on(copy, quote, topics["training-mou"], status=Annotation.Status.DRAFT)
    page = editor_client.get(f"/admin/archive/story/{copy.story_id}/change/").content.decode()
    assert quote in page and copy.title in page
    assert page.count("/admin/archive/article/") >= 8
