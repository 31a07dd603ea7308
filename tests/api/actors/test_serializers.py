"""The actors' serializers (``api.actors.serializers``): an actor with its
spellings (and their script), roles, Wikidata IRI and the counts its viewer
may see; a mention with its article's date; the co-mention filters validated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from rest_framework.test import APIRequestFactory

from actors import selectors, services
from actors.models import Actor, Mention
from api.actors.serializers import (
    ActorBriefSerializer,
    ActorSerializer,
    CoMentionQuerySerializer,
    MentionSerializer,
)
from archive.models import Article, Source
from tests import factories

pytestmark = pytest.mark.django_db


def context() -> dict:
    request = APIRequestFactory().get("/api/v1/actors/")
    request.user = AnonymousUser()
    return {"request": request}


@pytest.fixture
def guler(db, editor):
    article = factories.article(
        "التقى غولر بوفد من قسد.",
        title="لقاء",
        status=Article.Status.PUBLISHED,
        published_on=dt.date(2025, 8, 13),
    )
    services.article_find_mentions(article)
    for mention in article.mentions.all():
        services.mention_set_status(mention, status=Mention.Status.CONFIRMED, user=editor)
    actor = Actor.objects.get(slug="yasar-guler")
    actor.wikidata_id = "Q6047960"
    actor.save()
    return actor


def test_an_actor_with_its_spellings_roles_and_counts(guler):
    listed = selectors.actor_list(user=AnonymousUser()).get(pk=guler.pk)
    data = ActorSerializer(listed, context=context()).data
    assert data["url"] == "http://testserver/api/v1/actors/yasar-guler/"
    assert data["wikidata_iri"] == "http://www.wikidata.org/entity/Q6047960"
    assert (data["mention_count"], data["article_count"]) == (1, 1)
    spellings = {alias["text"]: alias["script"] for alias in data["aliases"]}
    assert (spellings["غولر"], spellings["Yasar Guler"]) == ("ar", "latin")
    # The role the starting actors give him, its organisation by slug.
    assert [dict(role) for role in data["roles"]] == [
        {
            "title_ar": "وزير الدفاع التركي",
            "title_en": "Turkish defence minister",
            "organisation": "turkish-defence-ministry",
            "starts_on": "2023-06-03",
            "ends_on": None,
        }
    ]


def test_the_brief_form_names_and_links(guler):
    assert ActorBriefSerializer(guler, context=context()).data == {
        "slug": "yasar-guler",
        "url": "http://testserver/api/v1/actors/yasar-guler/",
        "kind": "person",
        "name_ar": "يشار غولر",
        "name_en": "Yaşar Güler",
        "wikidata_id": "Q6047960",
    }


def test_a_mention_with_its_article_and_date(guler):
    mention = Mention.objects.get(actor=guler)
    data = MentionSerializer(mention, context=context()).data
    assert {k: data[k] for k in ("actor", "article_title", "published_on", "start", "end")} == {
        "actor": "yasar-guler",
        "article_title": "لقاء",
        "published_on": "2025-08-13",
        "start": 6,
        "end": 10,
    }
    assert data["article"] == f"http://testserver/api/v1/articles/{mention.article_id}/"
    mention.article.published_on = None
    assert MentionSerializer(mention, context=context()).data["published_on"] is None


def test_the_co_mention_filters_are_validated(db):
    Source.objects.create(slug="test-agency", name="وكالة الاختبار")
    good = CoMentionQuerySerializer(data={"published_from": "2025-08-01", "source": "test-agency"})
    assert good.is_valid(), good.errors
    assert good.validated_data["published_from"] == dt.date(2025, 8, 1)
    assert good.validated_data["source"].slug == "test-agency"
    with translation.override("en"):
        bad = CoMentionQuerySerializer(data={"published_to": "August", "source": "nobody"})
        assert not bad.is_valid()
        assert set(bad.errors) == {"published_to", "source"}
        assert str(bad.errors["source"][0]) == "Object with slug=nobody does not exist."
