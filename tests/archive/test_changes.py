"""The change log's triggers and pruning: each audience's rows for an article
drafted, published, edited, unpublished and deleted; the registry; and pruning
keeping each audience's newest row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from archive import changes
from archive.models import Article, Change
from tests import factories

pytestmark = pytest.mark.django_db


def logged(article: Article, audience: str) -> list[str]:
    return list(
        Change.objects.filter(audience=audience, resource="article", object_id=article.pk)
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_an_articles_life_in_each_audiences_log():
    article = factories.article("نص المقال.")
    assert (logged(article, "staff"), logged(article, "public")) == (["created"], [])
    Article.objects.filter(pk=article.pk).update(
        title="عنوان"
    )  # not through save: logged all the same
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert logged(article, "public") == ["created"]
    Article.objects.filter(pk=article.pk).update(title="عنوان آخر")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert logged(article, "public") == ["created", "updated", "deleted"]
    key = str(article.pk)
    Article.objects.filter(pk=article.pk).delete()
    assert logged(article, "staff") == [
        "created",
        "updated",
        "updated",
        "updated",
        "updated",
        "deleted",
    ]
    assert set(Change.objects.filter(object_id=article.pk).values_list("key", flat=True)) == {key}


def test_the_registry_holds_the_apps_resources():
    assert {t.resource for t in changes.tracked_resources()} == {
        "annotation",
        "article",
        "event",
        "source",
        "topic",
    }
    source = changes.tracked("source")
    assert (source.table, source.key, source.url_name) == (
        "archive_source",
        "slug",
        "api:source-detail",
    )
    assert changes.Tracked("x", "t", "api:x").public_sql("NEW") == "1 = 1"
    with pytest.raises(KeyError):
        changes.tracked("no-such-resource")


def age_every_change(days: int) -> None:
    Change.objects.update(at=timezone.now() - dt.timedelta(days=days))


def test_pruning_deletes_the_old_rows_but_each_audiences_newest():
    article = factories.article("نص المقال.")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    Article.objects.filter(pk=article.pk).update(title="عنوان")
    age_every_change(40)
    newest = {
        audience: Change.objects.filter(audience=audience).latest("id").pk
        for audience in changes.AUDIENCES
    }
    assert Change.objects.count() == 5
    cutoff = timezone.now() - dt.timedelta(days=30)
    assert changes.prune(cutoff, dry_run=True) == 3
    assert Change.objects.count() == 5
    assert changes.prune(cutoff) == 3
    assert set(Change.objects.values_list("pk", flat=True)) == set(newest.values())
    assert changes.prune(cutoff) == 0


def test_recent_rows_are_kept():
    factories.article("نص المقال.")
    total = Change.objects.count()
    assert changes.prune(timezone.now() - dt.timedelta(days=30)) == 0
    assert Change.objects.count() == total
