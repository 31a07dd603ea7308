"""The public's counts, kept by triggers, stay equal to a count from the rows
through every kind of write: services, bulk inserts, QuerySet.update, deletes."""

from __future__ import annotations

import pytest
from django.db import connection

from annotations.models import Annotation, Topic, TopicTally
from archive import tallies
from archive.models import Article, ArticleSource, Source, SourceTally


def kept() -> tuple[dict, dict]:
    topics = {t.topic.slug: t.curated for t in TopicTally.objects.select_related("topic")}
    sources = {
        t.source.slug: t.published_articles for t in SourceTally.objects.select_related("source")
    }
    return {k: v for k, v in topics.items() if v}, {k: v for k, v in sources.items() if v}


def recounted() -> tuple[dict, dict]:
    tallies.refill(connection)
    return kept()


def assert_kept(topics: dict, sources: dict | None = None) -> None:
    now = kept()
    assert now[0] == topics
    if sources is not None:
        assert now[1] == sources
    assert now == recounted()


@pytest.fixture
def articles(loaded_seeds):
    return loaded_seeds


def annotate(article, slug, status="approved"):
    start = article.body.index("قسد") if "قسد" in article.body else 0
    return Annotation.objects.create(
        article=article,
        topic=Topic.objects.get(slug=slug),
        start=start,
        end=start + 3,
        quote=article.body[start : start + 3],
        status=status,
    )


@pytest.mark.django_db
def test_topic_tally_follows_every_change(articles):
    a000, a002 = articles["000"], articles["002"]
    assert_kept({})  # the seeds load as drafts, with no annotations
    first = annotate(a000, "sdf-integration")
    draft = annotate(a000, "training-mou", status="draft")
    assert_kept({})  # 000 is not published yet
    Article.objects.filter(pk=a000.pk).update(status="published")
    assert_kept({"sdf-integration": 1})
    draft.status = "approved"
    draft.save()
    assert_kept({"sdf-integration": 1, "training-mou": 1})
    Annotation.objects.filter(pk=first.pk).update(topic=Topic.objects.get(slug="training-mou"))
    assert_kept({"training-mou": 2})
    Annotation.objects.bulk_create(
        [
            Annotation(
                article=a002,
                topic=Topic.objects.get(slug="training-mou"),
                start=0,
                end=1,
                quote=a002.body[0],
                status="approved",
            )
        ]
    )
    assert_kept({"training-mou": 2})  # 002 is a draft
    a002.status = "published"
    a002.save()
    assert_kept({"training-mou": 3})
    Annotation.objects.filter(pk=first.pk).update(status="rejected")
    assert_kept({"training-mou": 2})
    Article.objects.filter(pk=a002.pk).update(status="draft")
    assert_kept({"training-mou": 1})
    a000.delete()
    assert_kept({})


@pytest.mark.django_db
def test_source_tally_counts_each_published_article_once(articles):
    a000 = articles["000"]
    sana = Source.objects.get(slug="sana")
    roles = set(
        ArticleSource.objects.filter(article=a000, source=sana).values_list("role", flat=True)
    )
    assert roles  # seed 000 cites SANA
    assert_kept({}, {})
    a000.status = "published"
    a000.save()
    before = kept()[1]
    assert before["sana"] == 1
    # A second link of the same article to SANA, in another role, is not a second article.
    other_role = next(r for r in ArticleSource.Role.values if r not in roles)
    link = ArticleSource.objects.create(article=a000, source=sana, role=other_role)
    assert_kept({}, before)
    link.delete()
    assert_kept({}, before)
    ArticleSource.objects.filter(article=a000, source=sana).delete()
    assert "sana" not in kept()[1]
    assert_kept({}, {k: v for k, v in before.items() if k != "sana"})
    Article.objects.filter(pk=a000.pk).update(status="draft")
    assert_kept({}, {})


@pytest.mark.django_db
def test_the_public_lists_read_the_tallies(articles, client):
    a000 = articles["000"]
    annotate(a000, "sdf-integration")
    Article.objects.filter(pk=a000.pk).update(status="published")
    topics = client.get("/api/v1/topics/").json()["results"]
    assert {t["slug"]: t["annotation_count"] for t in topics}["sdf-integration"] == 1
    sources = client.get("/api/v1/sources/").json()["results"]
    expected = set(
        ArticleSource.objects.filter(article=a000).values_list("source__slug", flat=True)
    )
    assert {s["slug"] for s in sources} == expected  # no source cited only by drafts
    assert all(s["article_count"] == 1 for s in sources)


@pytest.mark.django_db
def test_deleting_an_articles_links_in_one_statement(articles):
    """Seed 000 stands behind Reuters twice (attribution and cited): deleting
    both links at once takes Reuters's count down by one article, not two."""
    a000 = articles["000"]
    a000.status = "published"
    a000.save()
    reuters = ArticleSource.objects.filter(article=a000, source__slug="reuters")
    assert reuters.count() == 2
    assert kept()[1]["reuters"] == 1
    reuters.delete()
    assert "reuters" not in kept()[1]
    assert kept() == recounted()
    ArticleSource.objects.bulk_create(
        [
            ArticleSource(article=a000, source=Source.objects.get(slug="reuters"), role=role)
            for role in ("attribution", "cited")
        ]
    )
    assert kept()[1]["reuters"] == 1
    assert kept() == recounted()
