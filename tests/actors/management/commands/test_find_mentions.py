"""``manage.py find_mentions``: runs the matcher and reports, safe to re-run;
queues it in the background when asked; names a missing article."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from actors.models import Mention

pytestmark = pytest.mark.django_db


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
