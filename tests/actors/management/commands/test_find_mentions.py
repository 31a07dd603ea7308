"""``manage.py find_mentions``: runs the matcher and reports, safe to re-run;
queues it in the background when asked; names a missing article."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from actors.models import Mention

pytestmark = pytest.mark.django_db


def test_the_command_reports_and_is_safe_to_rerun(loaded_seeds, capsys, monkeypatch):
    from types import SimpleNamespace

    from actors.management.commands import find_mentions

    # A clock read at the start and end of each run: the elapsed time is exact.
    clock = iter([100.0, 101.5, 200.0, 200.25])
    monkeypatch.setattr(find_mentions, "time", SimpleNamespace(perf_counter=lambda: next(clock)))
    Mention.objects.all().delete()
    call_command("find_mentions")
    out = capsys.readouterr().out
    assert Mention.objects.count() == 158
    assert out == (
        "5 article(s): 158 mention(s) suggested, 0 removed, 0 moved, 0 unchanged."
        " 84 alias(es), 1.50s.\n"
    )
    call_command("find_mentions", article_ids=[loaded_seeds["001"].pk])
    assert capsys.readouterr().out == (
        "1 article(s): 0 mention(s) suggested, 0 removed, 0 moved, 36 unchanged."
        " 84 alias(es), 0.25s.\n"
    )


def test_the_command_queues_in_the_background(loaded_seeds, enqueued, capsys):
    call_command("find_mentions", background=True, article_ids=[loaded_seeds["000"].pk])
    assert enqueued == [("find_mentions", [[loaded_seeds["000"].pk]])]
    assert capsys.readouterr().out == "Queued; a task worker will run it.\n"


def test_the_command_names_a_missing_article(db):
    with pytest.raises(CommandError, match="No article with id 999"):
        call_command("find_mentions", article_ids=[999])
