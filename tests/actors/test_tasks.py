"""The matcher as background work (``actors.tasks``): queued in tasks of at
most ``IDS_PER_TASK`` article ids, each id once and in order, or as one task
for every article; run inline here, each reporting what it did."""

from __future__ import annotations

import pytest

from actors import tasks
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(db):
    return [
        factories.article(f"التقى غولر بوفد من قسد في اليوم {n}.", raw_text=f"x{n}")
        for n in range(3)
    ]


def test_ids_are_queued_once_each_in_order_in_tasks_of_the_limit(articles, enqueued, monkeypatch):
    monkeypatch.setattr(tasks, "IDS_PER_TASK", 2)
    first, second, third = (article.pk for article in articles)
    tasks.enqueue_find_mentions([third, first, third, second])
    assert enqueued == [("find_mentions", [[first, second]]), ("find_mentions", [[third]])]


def test_no_ids_queue_one_task_for_every_article(articles, enqueued):
    tasks.enqueue_find_mentions(None)
    assert enqueued == [("find_mentions", [None])]


def test_an_empty_list_queues_nothing(enqueued):
    tasks.enqueue_find_mentions([])
    assert enqueued == []


def test_the_task_reports_what_the_matcher_did(articles):
    result = tasks.find_mentions.enqueue([articles[0].pk])
    assert result.return_value["articles"] == 1
    assert articles[0].mentions.filter(actor__slug="yasar-guler").count() == 1
