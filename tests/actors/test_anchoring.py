"""Mentions follow their article's text (``actors.anchoring``): moved with the
reason kept in their history, a confirmed name whose spelling the edit
changed sent back to suggested, a name the edit removed deleted."""

from __future__ import annotations

import pytest

from actors import services
from actors.models import Mention
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_edit_of_the_body_moves_mentions_in_the_same_transaction(article):
    """change_article_body (admin, API, loader, shell) re-anchors mentions at
    once, before any re-run of the matcher: offsets point at the name."""
    from archive.services import change_article_body

    editor = factories.user("ed", is_staff=False, password=None)
    guler = article.mentions.get(start=33)
    services.mention_set_status(guler, status=Mention.Status.CONFIRMED, user=editor)
    change = change_article_body(article, "بيان عاجل: " + article.body, user=editor)
    assert change.counts["mentions"] == {"shifted": 4}
    guler.refresh_from_db()
    assert (guler.start, guler.end, guler.quote, guler.status) == (44, 48, "غولر", "confirmed")
    assert article.body[guler.start : guler.end] == "غولر"
    assert guler.history.first().history_change_reason == (
        "Re-anchored after an edit of the text: shifted"
    )


def test_a_spelling_fix_inside_a_confirmed_name_sends_it_back_to_suggested(article):
    from archive.services import change_article_body

    editor = factories.user("ed", is_staff=False, password=None)
    guler = article.mentions.get(start=33)
    services.mention_set_status(guler, status=Mention.Status.CONFIRMED, user=editor)
    change_article_body(article, article.body.replace("وقال غولر", "وقال غولار"), user=editor)
    guler.refresh_from_db()
    assert (guler.start, guler.quote, guler.status, guler.confirmed_by) == (
        33,
        "غولار",
        "suggested",
        None,
    )
    assert guler.history.first().history_change_reason.endswith(
        "its name changed: back to suggested"
    )


def test_a_name_the_edit_removes_loses_its_mention_with_the_reason_kept(article):
    from archive.services import change_article_body

    guler_id = article.mentions.get(start=33).pk
    change_article_body(article, article.body.replace(" وقال غولر إن لقسد مهلة.", ""))
    assert not Mention.objects.filter(pk=guler_id).exists()
    deleted = Mention.history.filter(id=guler_id, history_type="-").get()
    assert deleted.history_change_reason.startswith("Removed by an edit of the text:")
    # What is left still points at its names.
    assert [(m.start, m.quote) for m in article.mentions.order_by("start")] == [
        (9, "غولار"),
        (23, "قسد"),
    ]
