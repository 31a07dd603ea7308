"""``manage.py extract_events [ID ...]``: the report line, a run recorded for
the articles named, and an unknown id refused."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import EventMention, ExtractionRun


def test_the_command_runs_and_reports(loaded_seeds, capsys):
    EventMention.objects.all().delete()
    call_command("extract_events")
    out = capsys.readouterr().out
    assert out == (
        "5 articles read: 18 dated event mentions, 18 new (suggested), 0 known, "
        "3 of the new without a resolved date\n"
        "grouping: 0 confirmed mentions without an event, 0 joined one, 0 new events, 0 left\n"
    )
    call_command("extract_events", str(loaded_seeds["001"].pk))
    assert capsys.readouterr().out == (
        "1 articles read: 5 dated event mentions, 0 new (suggested), 5 known, "
        "0 of the new without a resolved date\n"
        "grouping: 0 confirmed mentions without an event, 0 joined one, 0 new events, 0 left\n"
    )
    run = ExtractionRun.objects.order_by("-id").first()
    assert (run.reason, run.article_ids) == ("command", [loaded_seeds["001"].pk])


def test_the_command_refuses_unknown_articles(db):
    with pytest.raises(CommandError, match="no article with id 999"):
        call_command("extract_events", "999")
