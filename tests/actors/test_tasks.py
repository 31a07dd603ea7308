"""The background work: loading queues the matcher, the command runs it."""

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


def test_loading_queues_the_new_articles(enqueued, seeds_dir):
    from archive.loading import article_paths, load_article_files

    load_article_files(article_paths([seeds_dir]))
    ((name, (ids,)),) = [(name, args) for name, args in enqueued if name == "find_mentions"]
    assert name == "find_mentions" and len(ids) == 5
    assert Mention.objects.filter(actor__slug="sdf").count() == 17
    # A second load changes nothing and queues nothing.
    queued = len(enqueued)
    load_article_files(article_paths([seeds_dir]))
    assert len(enqueued) == queued


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
