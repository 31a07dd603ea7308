"""One story, many outlets: copies of one report are grouped on load, other
reports are not; editors split and merge; the index finds candidates."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Story, StoryBand
from archive.signatures import BANDS
from archive.stories import story_merge, story_split


@pytest.mark.django_db
def test_the_mou_story_is_grouped_across_its_copies_and_not_with_the_other_seeds(mou_copies):
    seeds, copies = mou_copies
    mou = seeds["002"]
    mou.refresh_from_db()
    assert {copy.story_id for copy in copies} == {mou.story_id}
    assert Article.objects.filter(story=mou.story_id).count() == 8
    # 000 reports the MoD's statement the day after and names the MoU; 001, 003
    # and 004 are other reports: each stands alone.
    others = [seeds[n] for n in ("000", "001", "003", "004")]
    for article in others:
        article.refresh_from_db()
    assert len({a.story_id for a in others} | {mou.story_id}) == 5
    assert all(Article.objects.filter(story=a.story_id).count() == 1 for a in others)
    # The first loaded copy stands for the story.
    assert Story.objects.get(pk=mou.story_id).representative_id == mou.pk


@pytest.mark.django_db
def test_every_article_is_indexed_by_its_band_keys(mou_copies):
    seeds, copies = mou_copies
    assert StoryBand.objects.count() == BANDS * 12
    assert StoryBand.objects.filter(article=copies[0]).count() == BANDS


@pytest.mark.django_db
def test_grouping_a_new_copy_reads_candidates_by_key_not_the_archive(mou_copies, tmp_path):
    from archive.loading import load_article_files

    seeds, copies = mou_copies
    page = tmp_path / "late.txt"
    page.write_text("خبر متأخر\n" + seeds["004"].body, encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        load_article_files([page])
    reads = [q["sql"] for q in queries if "archive_storyband" in q["sql"] and "SELECT" in q["sql"]]
    # Candidates by band key (PostgreSQL: the keys as one array); then how
    # many copies of their stories are indexed.
    by_key = [sql for sql in reads if "WHERE key = ANY(" in sql or "WHERE key IN (" in sql]
    assert by_key
    assert all(sql in by_key or '"story_id" IN' in sql for sql in reads)
    late = Article.objects.get(source_file="late.txt")
    assert late.story_id == Article.objects.get(pk=seeds["004"].pk).story_id


@pytest.mark.django_db
def test_deleting_an_article_deletes_its_band_keys(mou_copies):
    seeds, copies = mou_copies
    copies[0].delete()
    assert StoryBand.objects.filter(article_id=copies[0].pk).count() == 0
    assert StoryBand.objects.count() == BANDS * 11


@pytest.mark.django_db
def test_band_keys_naming_no_article_are_passed_by(mou_copies, tmp_path):
    """The index keeps no constraint: rows naming an article that is gone
    (deleted behind Django's back) group nothing and break nothing."""
    from archive.loading import load_article_files

    seeds, copies = mou_copies
    keys = list(StoryBand.objects.filter(article=seeds["004"]).values_list("key", flat=True))
    gone = Article.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    StoryBand.objects.bulk_create([StoryBand(article_id=gone, key=key) for key in keys])
    late = tmp_path / "late.txt"
    late.write_text("خبر متأخر\n" + seeds["004"].body, encoding="utf-8")
    load_article_files([late])
    story = Article.objects.get(pk=seeds["004"].pk).story_id
    assert Article.objects.get(source_file="late.txt").story_id == story
    assert Article.objects.filter(story=story).count() == 2


@pytest.mark.django_db
def test_a_second_load_changes_no_story(mou_copies, seeds_dir):
    from archive.loading import article_paths, load_article_files

    before = dict(Article.objects.values_list("id", "story_id"))
    load_article_files(article_paths([seeds_dir]))
    assert dict(Article.objects.values_list("id", "story_id")) == before
    assert StoryBand.objects.count() == BANDS * 12


@pytest.mark.django_db
def test_an_editor_splits_a_copy_out_and_merges_it_back(mou_copies):
    seeds, copies = mou_copies
    story = Story.objects.get(pk=copies[0].story_id)
    alone = story_split(copies[3])
    assert alone.pk != story.pk and alone.representative_id == copies[3].pk
    assert Article.objects.filter(story=story).count() == 7
    assert list(Article.objects.filter(story=alone).values_list("id", flat=True)) == [copies[3].pk]
    # Splitting the representative out hands the story to its earliest copy.
    representative = Article.objects.get(pk=story.representative_id)
    story_split(representative)
    story.refresh_from_db()
    assert story.representative_id != representative.pk
    assert Article.objects.get(pk=story.representative_id).story_id == story.pk

    merged = story_merge([alone, story, representative.story])
    assert merged == story  # the one with the most copies
    assert Article.objects.filter(story=story).count() == 8
    assert not Story.objects.filter(pk=alone.pk).exists()


@pytest.mark.django_db
def test_a_load_that_fails_leaves_no_story(tmp_path, monkeypatch):
    from django.db import DatabaseError

    from archive import stories
    from archive.loading import load_article_files

    page = tmp_path / "one.txt"
    page.write_text("عنوان\nنص الخبر الأول وهو طويل بما يكفي ليكون خبرا كاملا عن حدث ما.", "utf-8")

    def broken(bands):
        raise DatabaseError("band index unavailable")

    monkeypatch.setattr(stories, "_insert_bands", broken)
    summary = load_article_files([page])
    assert summary.failed == 1
    assert not Article.objects.exists() and not Story.objects.exists()


@pytest.mark.django_db
def test_a_story_told_often_indexes_only_its_first_copies(loaded_seeds, tmp_path, monkeypatch):
    from archive import stories
    from archive.loading import article_paths, load_article_files
    from tests.stories.copies import wire_copy

    monkeypatch.setattr(stories, "INDEXED_COPIES", 3)
    body = loaded_seeds["002"].body
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(6):
        text = wire_copy(body, seed=f"outlet {number}", strength="light")
        (folder / f"copy-{number}.txt").write_text(text, encoding="utf-8")
    load_article_files(article_paths([folder]))
    story = Article.objects.get(pk=loaded_seeds["002"].pk).story_id
    assert Article.objects.filter(story=story).count() == 7
    indexed = StoryBand.objects.filter(article__story=story).values("article").distinct()
    assert indexed.count() == 3


@pytest.mark.django_db
def test_the_band_index_is_one_b_tree_led_by_the_key_and_one_by_the_article():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'archive_storyband' "
                "AND sql IS NOT NULL ORDER BY type DESC"
            )
            (kind, table), (_, index) = cursor.fetchall()
            # A later table remake by Django would drop WITHOUT ROWID: this says so.
            assert kind == "table"
            assert table.endswith('PRIMARY KEY ("key", "article_id")) WITHOUT ROWID')
            assert index.endswith('ON "archive_storyband" ("article_id")')
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'archive_storyband' "
                "ORDER BY indexname"
            )
            found = [row[0].split(" USING ")[1] for row in cursor.fetchall()]
            assert found == ["btree (article_id)", "btree (key, article_id)"]
