"""``manage.py group_stories``: the articles loaded before stories were kept
get their signature and story; a run with nothing to do says so."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article, Story, StoryBand
from archive.signatures import BANDS, band_keys


@pytest.mark.django_db
def test_group_stories_groups_articles_loaded_before_stories(mou_copies):
    seeds, copies = mou_copies
    Article.objects.update(story=None, signature=b"")
    Story.objects.all().delete()
    StoryBand.objects.all().delete()
    out = StringIO()
    call_command("group_stories", stdout=out)
    assert out.getvalue() == "12 articles grouped into stories.\n"
    assert Story.objects.count() == 5
    assert Article.objects.filter(story=Article.objects.get(pk=seeds["002"].pk).story).count() == 8


@pytest.mark.django_db
def test_with_every_article_in_a_story_it_groups_none(loaded_seeds):
    stories = set(Story.objects.values_list("pk", flat=True))
    out = StringIO()
    call_command("group_stories", stdout=out)
    assert out.getvalue() == "0 articles grouped into stories.\n"
    assert set(Story.objects.values_list("pk", flat=True)) == stories


@pytest.mark.django_db
def test_an_article_whose_story_was_deleted_is_grouped_again(loaded_seeds):
    """Deleting a story (the admin allows it) leaves its article without a
    story but with its band keys; the new keys replace them."""
    lone = loaded_seeds["000"]
    Story.objects.filter(pk=lone.story_id).delete()
    assert StoryBand.objects.filter(article=lone).exists()
    out = StringIO()
    call_command("group_stories", "--batch-size", "1", stdout=out)
    assert out.getvalue() == "1 article grouped into stories.\n"
    lone.refresh_from_db()
    assert lone.story_id is not None
    assert Article.objects.filter(story=lone.story_id).count() == 1
    keys = StoryBand.objects.filter(article=lone).values_list("key", flat=True)
    assert sorted(keys) == sorted(band_keys(bytes(lone.signature))) and len(keys) == BANDS
