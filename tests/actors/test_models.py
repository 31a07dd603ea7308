"""The actors' models (``actors.models``): names as shown, a spelling's derived
key and script, the Wikidata IRI, a role that cannot end before it starts, a
mention whose quote must be the text between its offsets, and what the public
sees of mentions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actors import services
from actors.models import Actor, Alias, Mention, Role
from archive.curation import Viewer
from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "🇹🇷 التقى غولار بوفد من قسد. وقال غولر إن لقسد مهلة."


def test_an_actor_is_shown_by_both_names_when_it_has_an_english_one():
    assert str(Actor(name_ar="يشار غولر", name_en="Yaşar Güler")) == "يشار غولر (Yaşar Güler)"
    assert str(Actor(name_ar="قسد")) == "قسد"


def test_the_wikidata_iri_only_with_an_id():
    assert Actor(wikidata_id="Q123").wikidata_iri == "http://www.wikidata.org/entity/Q123"
    assert Actor().wikidata_iri == ""


def test_a_saved_spelling_is_trimmed_and_keyed_however_it_was_typed():
    sdf = Actor.objects.get(slug="sdf")
    alias = Alias.objects.create(actor=sdf, text="  قسـد الجديدة  ")
    assert alias.text == "قسـد الجديدة"
    assert alias.normalized == "قسد الجديده"  # tatweel gone, ta marbuta folded
    latin = Alias.objects.create(actor=sdf, text="The  SDF")
    assert (latin.normalized, latin.script, alias.script) == ("the sdf", "latin", "ar")


def test_a_role_cannot_end_before_it_starts():
    guler = Actor.objects.get(slug="yasar-guler")
    Role.objects.create(actor=guler, title_ar="وزير", starts_on=dt.date(2023, 6, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(
            actor=guler,
            title_ar="وزير",
            starts_on=dt.date(2023, 6, 3),
            ends_on=dt.date(2023, 6, 2),
        )
    assert str(Role(title_ar="وزير الدفاع", title_en="")) == "وزير الدفاع"


@pytest.fixture
def article(db):
    article = factories.article(BODY, title="t", raw_text="x", status=Article.Status.PUBLISHED)
    services.article_find_mentions(article)
    return article


def test_a_mention_must_quote_the_text_between_its_offsets(article):
    mention = article.mentions.get(start=9)
    assert (mention.quote, str(mention)) == ("غولار", "غولار → يشار غولر (Yaşar Güler)")
    mention.full_clean()
    mention.quote = "غولر"
    with pytest.raises(ValidationError):
        mention.full_clean()


def test_a_mentions_context_is_the_text_around_it(article):
    mention = article.mentions.get(start=9)
    assert mention.context(5) == ("لتقى ", " بوفد")
    # The default 40 characters, cut at the ends of the text.
    assert mention.context() == ("🇹🇷 التقى ", " بوفد من قسد. وقال غولر إن لقسد مهلة.")


def test_the_public_sees_confirmed_mentions_naming_an_actor(article, editor):
    guler, sdf = article.mentions.get(start=9), article.mentions.get(start=23)
    services.mention_set_status(guler, status=Mention.Status.CONFIRMED, user=editor)
    services.mention_set_status(sdf, status=Mention.Status.REJECTED, user=editor)
    public = Mention.objects.visible_to(Viewer.of(factories.user("reader", is_staff=False)))
    assert list(public.values_list("start", flat=True)) == [9]
    assert list(Mention.objects.curated().values_list("start", flat=True)) == [9]
    assert set(Mention.objects.confirmed().values_list("start", flat=True)) == {9}
    article.status = Article.Status.DRAFT
    article.save()
    assert list(Mention.objects.curated()) == []
