"""The archive's receivers: a load queues the event extractor over what it
created or updated, and a change of an article's status, only that, tells the
events."""

from __future__ import annotations

import pytest

from archive import events, tasks
from archive.models import Article
from archive.signals import articles_loaded
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def extractions(monkeypatch):
    started = []
    monkeypatch.setattr(
        tasks, "start_extraction", lambda ids, reason: started.append((ids, reason))
    )
    return started


def test_a_load_queues_the_extractor_over_its_articles(extractions):
    articles_loaded.send(sender=None, article_ids=[3, 1])
    articles_loaded.send(sender=None, article_ids=[])
    assert extractions == [([3, 1], "load")]


@pytest.fixture
def status_changes(monkeypatch):
    changed = []
    monkeypatch.setattr(
        events, "article_status_changed", lambda article: changed.append(article.pk)
    )
    return changed


def test_publishing_and_unpublishing_tell_the_events_once_each(status_changes):
    article = factories.article("نص المقال.")
    assert status_changes == []  # created: no change of status
    article.title = "عنوان"
    article.save()
    assert status_changes == []
    article.status = Article.Status.PUBLISHED
    article.save()
    article.save()
    assert status_changes == [article.pk]
    article.status = Article.Status.DRAFT
    article.save()
    assert status_changes == [article.pk, article.pk]


def test_a_save_that_does_not_write_the_status_tells_the_events_nothing(status_changes):
    article = factories.article("نص المقال.")
    loaded = Article.objects.only("pk", "title", "version").get(pk=article.pk)
    loaded.title = "عنوان آخر"
    loaded.save(update_fields=["title"])
    loaded.status = Article.Status.PUBLISHED
    loaded.save(update_fields=["title"])  # assigned, not written
    assert status_changes == []
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    loaded.save(update_fields=["status"])
    assert status_changes == [article.pk]
