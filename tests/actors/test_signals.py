"""The matcher re-run by the receivers (``actors.signals``): a new text (loaded,
or edited) queues it once for that article; an alias edit re-runs it on the
articles the old and new spellings may change."""

from __future__ import annotations

import pytest

from actors import services
from actors.models import Actor, Alias, Mention
from tests import factories

pytestmark = pytest.mark.django_db


def _tasks(enqueued, name):
    return [args for task, args in enqueued if task == name]


# Transactional: the matcher is queued once the load's transactions commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_load_queues_the_matcher_once_per_new_or_changed_text(enqueued, seeds_dir, tmp_path):
    from archive.loading import article_paths, load_article_files
    from archive.models import Article, ExtractionRun

    for seed in seeds_dir.glob("*.txt"):
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    load_article_files(article_paths([tmp_path]))
    created = sorted(Article.objects.values_list("pk", flat=True))
    assert len(created) == 5
    assert _tasks(enqueued, "find_mentions") == [[created]]
    assert [run.article_ids for run in ExtractionRun.objects.order_by("pk")] == [created]
    assert Mention.objects.filter(actor__slug="sdf").count() == 17

    # One file's body changes: its article alone is queued, once.
    (changed,) = tmp_path.glob("001_*.txt")
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.rstrip("\n") + "\nوأكدت المصادر أن المباحثات مستمرة.\n", "utf-8")
    enqueued.clear()
    load_article_files(article_paths([tmp_path]))
    article = Article.objects.get(source_file=changed.name)
    assert _tasks(enqueued, "find_mentions") == [[[article.pk]]]
    assert [run.article_ids for run in ExtractionRun.objects.order_by("pk")][1:] == [[article.pk]]

    # A second load changes nothing and queues nothing.
    enqueued.clear()
    load_article_files(article_paths([tmp_path]))
    assert enqueued == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_of_the_text_queues_the_matcher_once(enqueued, make_staff):
    from archive.services import change_article_body

    article = factories.article("التقى غولار بوفد من قسد.", title="t")
    enqueued.clear()
    change_article_body(article, article.body + "\nفقرة أضافها محرر.", make_staff("ed", "Editors"))
    assert _tasks(enqueued, "find_mentions") == [[[article.pk]]]
    assert _tasks(enqueued, "extract_events") == []
    # Saving the same text again is no change: nothing queued.
    change_article_body(article, article.body)
    assert _tasks(enqueued, "find_mentions") == [[[article.pk]]]


def test_an_alias_edit_adds_and_removes_mentions(article):
    guler = Actor.objects.get(slug="yasar-guler")
    assert [(m.start, m.quote) for m in article.mentions.filter(actor=guler)] == [
        (9, "غولار"),
        (33, "غولر"),
    ]
    # Rename the spelling غولار to غولارر: its mention goes, nothing new matches.
    alias = guler.aliases.get(text="غولار")
    alias.text = "غولارر"
    alias.save()
    assert [m.quote for m in article.mentions.filter(actor=guler)] == ["غولر"]
    # A new spelling "وفد" (for the test) adds a mention where it stands, after ب.
    services.alias_create(guler, "وفد")
    assert [(m.start, m.quote) for m in article.mentions.filter(actor=guler)] == [
        (16, "وفد"),
        (33, "غولر"),
    ]
    Alias.objects.filter(actor=guler, text="وفد").delete()
    assert [m.quote for m in article.mentions.filter(actor=guler)] == ["غولر"]


def _alias_tasks(enqueued) -> list[list[str]]:
    return [args[0] for args in _tasks(enqueued, "find_mentions_for_aliases")]


def test_alias_edits_made_together_queue_one_rerun(db, enqueued):
    from actors.signals import aliases_edited_together

    guler = Actor.objects.get(slug="yasar-guler")
    with aliases_edited_together():
        with aliases_edited_together():  # nested: still the outer one's single run
            services.alias_create(guler, "وفد")
        services.alias_create(guler, "غولرر")
        assert _alias_tasks(enqueued) == []  # nothing before the end
    assert _alias_tasks(enqueued) == [["غولرر", "وفد"]]


def test_each_alias_edit_queues_a_rerun_of_its_old_and_new_spelling(db, enqueued):
    guler = Actor.objects.get(slug="yasar-guler")
    alias = services.alias_create(guler, "وفد")
    alias.save()  # saved unchanged: nothing to re-run
    alias.text = "وفود"
    alias.save()
    alias.delete()
    assert _alias_tasks(enqueued) == [["وفد"], ["وفد", "وفود"], ["وفود"]]
