"""The background work: a new text (loaded, or edited) queues the matcher once;
the command runs it."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django_tasks.signals import task_enqueued

from actors.models import Mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    names = []

    def receiver(sender, task_result, **kwargs):
        names.append((task_result.task.name, task_result.args))

    task_enqueued.connect(receiver)
    yield names
    task_enqueued.disconnect(receiver)


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
def test_an_edit_of_the_text_queues_the_matcher_once(enqueued, seeds_dir, make_staff):
    from archive.loading import article_paths, load_article_files
    from archive.models import Article
    from archive.services import change_article_body

    load_article_files(article_paths([seeds_dir]))
    article = Article.objects.order_by("pk").first()
    enqueued.clear()
    change_article_body(article, article.body + "\nفقرة أضافها محرر.", make_staff("ed", "Editors"))
    assert _tasks(enqueued, "find_mentions") == [[[article.pk]]]
    assert _tasks(enqueued, "extract_events") == []
    # Saving the same text again is no change: nothing queued.
    change_article_body(article, article.body)
    assert _tasks(enqueued, "find_mentions") == [[[article.pk]]]


def test_the_command_reports_and_is_safe_to_rerun(loaded_seeds, capsys):
    Mention.objects.all().delete()
    call_command("find_mentions")
    out = capsys.readouterr().out
    total = Mention.objects.count()
    assert total > 100
    assert out.startswith(f"5 article(s): {total} mention(s) suggested, 0 removed, 0 moved")
    call_command("find_mentions", article_ids=[loaded_seeds["001"].pk])
    assert "1 article(s): 0 mention(s) suggested, 0 removed, 0 moved" in capsys.readouterr().out


def test_the_command_queues_in_the_background(loaded_seeds, enqueued, capsys):
    call_command("find_mentions", background=True, article_ids=[loaded_seeds["000"].pk])
    assert enqueued == [("find_mentions", [[loaded_seeds["000"].pk]])]
    assert "Queued" in capsys.readouterr().out


def test_the_command_names_a_missing_article(db):
    with pytest.raises(CommandError, match="No article with id 999"):
        call_command("find_mentions", article_ids=[999])
