"""Reads of actors and mentions (``actors.selectors``), each narrowed to what
its viewer sees: for the public, confirmed mentions in published articles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from actors import selectors, services
from actors.models import Actor, Mention
from archive.models import Article, ArticleSource, Source
from tests import factories

pytestmark = pytest.mark.django_db
PUBLIC = AnonymousUser()


@pytest.fixture
def press(db, editor):
    """Two published articles and a draft, every mention confirmed; one suggested more."""
    made = {
        "august": factories.article(
            "التقى غولر بوفد من قسد.",
            status=Article.Status.PUBLISHED,
            published_on=dt.date(2025, 8, 13),
        ),
        "september": factories.article(
            "قالت قسد إن الاتفاق قائم.",
            status=Article.Status.PUBLISHED,
            published_on=dt.date(2025, 9, 2),
        ),
        "draft": factories.article("غولر وقسد في لقاء.", status=Article.Status.DRAFT),
        "unreviewed": factories.article(
            "وصل غولر.", status=Article.Status.PUBLISHED, published_on=dt.date(2025, 9, 3)
        ),
    }
    for name, article in made.items():
        services.article_find_mentions(article)
        if name != "unreviewed":
            for mention in article.mentions.all():
                services.mention_set_status(mention, status=Mention.Status.CONFIRMED, user=editor)
    agency = Source.objects.create(slug="test-agency", name="وكالة الاختبار")
    ArticleSource.objects.create(
        article=made["august"], source=agency, role=ArticleSource.Role.CITED
    )
    return made


def test_the_mentions_found_are_the_two_actors(press):
    found = {
        name: sorted(article.mentions.values_list("actor__slug", "quote"))
        for name, article in press.items()
    }
    assert found == {
        "august": [("sdf", "قسد"), ("yasar-guler", "غولر")],
        "september": [("sdf", "قسد")],
        "draft": [("sdf", "قسد"), ("yasar-guler", "غولر")],
        "unreviewed": [("yasar-guler", "غولر")],
    }


def test_actor_counts_are_of_what_the_viewer_sees(press):
    public = {a.slug: (a.mention_count, a.article_count) for a in selectors.actor_list(user=PUBLIC)}
    assert (public["sdf"], public["yasar-guler"], public["hakan-fidan"]) == ((2, 2), (1, 1), (0, 0))
    staff = factories.user_with("staff", "view_article", "view_mention")
    everything = {a.slug: a.mention_count for a in selectors.actor_list(user=staff)}
    assert (everything["sdf"], everything["yasar-guler"]) == (3, 3)


def test_articles_mentioning_every_named_actor(press):
    articles = Article.objects.order_by("pk")
    both = selectors.articles_mentioning(articles, ["sdf", "yasar-guler"], user=PUBLIC)
    assert list(both) == [press["august"]]
    sdf = selectors.articles_mentioning(articles, ["sdf"], user=PUBLIC)
    assert list(sdf) == [press["august"], press["september"]]
    assert list(selectors.articles_mentioning(articles, [], user=PUBLIC)) == list(articles)


def test_the_actors_of_each_article_in_slug_order(press):
    ids = [press[name].pk for name in ("august", "september", "draft", "unreviewed")]
    assert selectors.actor_slugs_by_article(ids, user=PUBLIC) == {
        ids[0]: ["sdf", "yasar-guler"],
        ids[1]: ["sdf"],
        ids[2]: [],  # a draft
        ids[3]: [],  # suggested only
    }


def test_the_actors_inside_or_across_each_passage(press):
    august = press["august"]  # "التقى غولر بوفد من قسد."
    rows = [
        {"id": 1, "article_id": august.pk, "start": 0, "end": 10},  # التقى غولر
        {"id": 2, "article_id": august.pk, "start": 8, "end": 22},  # half a name, to قسد
        {"id": 3, "article_id": august.pk, "start": 11, "end": 18},  # بوفد من: no one
    ]
    found = selectors.actors_by_annotation(rows, user=PUBLIC)
    assert {pk: [a.slug for a in actors] for pk, actors in found.items()} == {
        1: ["yasar-guler"],
        2: ["sdf", "yasar-guler"],
        3: [],
    }
    assert selectors.actors_by_annotation([], user=PUBLIC) == {}


def test_co_mentions_count_the_shared_articles_within_the_bounds(press):
    sdf = Actor.objects.get(slug="sdf")
    guler = Actor.objects.get(slug="yasar-guler")
    assert [(a.slug, a.article_count) for a in selectors.co_mentions(sdf, user=PUBLIC)] == [
        ("yasar-guler", 1)
    ]
    assert list(selectors.co_mentions(sdf, user=PUBLIC, date_from=dt.date(2025, 9, 1))) == []
    agency = Source.objects.get(slug="test-agency")
    assert [a.slug for a in selectors.co_mentions(guler, user=PUBLIC, source=agency)] == ["sdf"]
    staff = factories.user_with("staff", "view_article", "view_mention")
    assert [(a.slug, a.article_count) for a in selectors.co_mentions(guler, user=staff)] == [
        ("sdf", 2)
    ]


def test_mention_counts_by_source_and_by_month(press):
    sdf = Actor.objects.get(slug="sdf")
    assert selectors.mention_counts_by_source(sdf, user=PUBLIC) == [("وكالة الاختبار", 1)]
    assert selectors.mention_counts_by_month(sdf, user=PUBLIC) == [("2025-08", 1), ("2025-09", 1)]
    staff = factories.user_with("staff", "view_article", "view_mention")
    guler = Actor.objects.get(slug="yasar-guler")
    by_month = selectors.mention_counts_by_month(guler, user=staff)
    assert by_month == [("2025-08", 1), ("2025-09", 1), ("", 1)]  # the undated draft last


def test_events_reported_by_articles_mentioning_the_actors(press):
    from archive.models import Event, EventReport

    event = Event.objects.create(
        title="لقاء", kind=Event.Kind.MEETING, starts_on=dt.date(2025, 9, 2)
    )
    EventReport.objects.create(event=event, article=press["september"])
    events = Event.objects.all()
    assert list(selectors.events_mentioning(events, ["sdf"], user=PUBLIC)) == [event]
    assert list(selectors.events_mentioning(events, ["yasar-guler"], user=PUBLIC)) == []
