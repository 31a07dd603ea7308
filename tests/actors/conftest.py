"""The tasks queued while a test runs, as (task name, arguments); a short
article naming Güler (twice, two spellings) and the SDF, its mentions found."""

from __future__ import annotations

import pytest
from django_tasks.signals import task_enqueued


@pytest.fixture
def enqueued():
    names = []

    def receiver(sender, task_result, **kwargs):
        names.append((task_result.task.name, task_result.args))

    task_enqueued.connect(receiver)
    yield names
    task_enqueued.disconnect(receiver)


@pytest.fixture
def article(db):
    """An article whose body, after an emoji, names Güler as غولار and غولر and
    the SDF as قسد twice; its mentions found by the matcher."""
    from actors import services
    from tests import factories

    article = factories.article(
        "🇹🇷 التقى غولار بوفد من قسد. وقال غولر إن لقسد مهلة.", title="t", raw_text="x"
    )
    services.article_find_mentions(article)
    return article
