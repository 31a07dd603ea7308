"""Finding mentions in the seeds, re-running, alias edits, decisions, merges."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from actors import services
from actors.models import Actor, Alias, Mention
from archive.models import Article
from tests import factories


@pytest.fixture(autouse=True)
def english():
    """The services' messages are asserted in English (Arabic is the default),
    whatever language an earlier test left active."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def spans(article: Article, slug: str) -> list[tuple[int, str, str]]:
    """(start, quote, the two characters before it) of the actor's mentions."""
    body = article.body
    return [
        (m.start, m.quote, body[max(0, m.start - 2) : m.start])
        for m in article.mentions.filter(actor__slug=slug).order_by("start")
    ]


def test_loading_the_seeds_finds_sdf_in_all_its_forms(loaded_seeds):
    assert spans(loaded_seeds["001"], "sdf") == [
        (1086, "قسد", " “"),
        (1132, "قوات سوريا الديمقراطية", " “"),
        (1157, "قسد", " ("),
        (1405, "قسد", "و”"),
        (1483, "قسد", " “"),
        (1628, "قسد", "ت "),
    ]
    for mention in Mention.objects.filter(actor__slug="sdf"):
        assert mention.article.body[mention.start : mention.end] == mention.quote
        assert mention.status == Mention.Status.SUGGESTED
    assert Mention.objects.filter(actor__slug="sdf").count() == 17


def test_guler_and_abu_qasra(loaded_seeds):
    assert spans(loaded_seeds["002"], "yasar-guler") == [
        (337, "يشار غولر", "، "),
        (535, "يشار غولر", "ر "),
        (2558, "غولر", "ل "),
    ]
    assert spans(loaded_seeds["004"], "murhaf-abu-qasra") == [
        (410, "مرهف أبو قصرة", "ء "),
        (2691, "مرهف أبو قصرة", "ي "),
        (2852, "أبو قصرة", "ن "),
    ]


def test_ankara_and_damascus_with_their_proclitics(loaded_seeds):
    body = loaded_seeds["004"].body
    ankara = loaded_seeds["004"].mentions.filter(actor__slug="ankara")
    assert ankara.count() == 6
    assert {m.quote for m in ankara} == {"أنقرة"}
    words = {body[m.start - 1] + m.quote for m in ankara}
    assert "وأنقرة" in words or "بأنقرة" in words
    damascus = Mention.objects.filter(actor__slug="damascus")
    assert damascus.count() == 12
    lid = [m for m in damascus if m.article.body[m.start - 1] == "ل"]
    assert [m.quote for m in lid] == ["دمشق"]  # لدمشق: the offset skips the ل


def test_syria_inside_the_sdf_name_is_not_the_country(loaded_seeds):
    article = loaded_seeds["000"]
    sdf = [(m.start, m.end) for m in article.mentions.filter(actor__slug="sdf")]
    syria = list(article.mentions.filter(actor__slug="syria"))
    assert len(sdf) == 6 and len(syria) == 5
    for mention in syria:
        assert not any(start <= mention.start < end for start, end in sdf)
    assert not Mention.objects.filter(actor__slug="syria", quote="سورية", start=0).exists()
    # السورية (the adjective) is never Syria.
    assert all(
        m.article.body[m.start - 2 : m.start] != "ال"
        for m in Mention.objects.filter(actor__slug="syria")
    )


def test_rerunning_changes_nothing(loaded_seeds):
    before = list(Mention.objects.values_list("id", "start", "actor_id").order_by("id"))
    report = services.articles_find_mentions()
    assert (report.articles, report.created, report.removed, report.kept) == (5, 0, 0, len(before))
    assert list(Mention.objects.values_list("id", "start", "actor_id").order_by("id")) == before


def test_decisions_survive_a_rerun_and_an_ambiguous_alias(article):
    editor = factories.user("ed", is_staff=False, password=None)
    sdf = article.mentions.get(actor__slug="sdf", start=23)
    services.mention_set_status(sdf, status=Mention.Status.REJECTED, user=editor)
    other = Actor.objects.create(slug="other-guler", kind="person", name_ar="غولر آخر")
    services.alias_create(other, "غولر")
    ambiguous = article.mentions.get(start=33)
    assert ambiguous.actor is None
    assert set(ambiguous.candidates.values_list("slug", flat=True)) == {
        "yasar-guler",
        "other-guler",
    }
    with pytest.raises(ValidationError) as error:
        services.mention_set_status(ambiguous, status=Mention.Status.CONFIRMED, user=editor)
    assert "actor" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.mention_set_status(
            ambiguous,
            status=Mention.Status.CONFIRMED,
            user=editor,
            actor=Actor.objects.get(slug="sdf"),
        )
    services.mention_set_status(
        ambiguous, status=Mention.Status.CONFIRMED, user=editor, actor=other
    )
    services.articles_find_mentions([article.pk])
    sdf.refresh_from_db()
    ambiguous.refresh_from_db()
    assert (sdf.status, sdf.confirmed_by) == (Mention.Status.REJECTED, editor)
    assert (ambiguous.status, ambiguous.actor) == (Mention.Status.CONFIRMED, other)


def test_a_changed_body_moves_a_decision_only_onto_the_same_name(article):
    editor = factories.user("ed", is_staff=False, password=None)
    mention = article.mentions.get(start=33)
    services.mention_set_status(mention, status=Mention.Status.CONFIRMED, user=editor)
    from archive.services import change_article_body

    change_article_body(article, "بيان: " + article.body)
    services.article_find_mentions(article)
    mention.refresh_from_db()
    assert (mention.start, mention.quote, mention.status) == (39, "غولر", "confirmed")
    assert article.body[mention.start : mention.end] == "غولر"


def test_a_merge_moves_mentions_and_aliases_and_keeps_history(article):
    sdf = Actor.objects.get(slug="sdf")
    twin = Actor.objects.create(slug="sdf-2", kind="armed_group", name_ar="قسد")
    services.alias_create(twin, "قوات قسد")
    services.alias_create(twin, "SDF")  # a spelling both have
    sdf_mentions = set(Mention.objects.filter(actor=sdf).values_list("pk", flat=True))
    services.actors_merge(twin, sdf)
    assert not Actor.objects.filter(slug="sdf-2").exists()
    assert set(sdf.aliases.values_list("text", flat=True)) >= {"قسد", "قوات قسد", "SDF"}
    assert sdf.aliases.filter(normalized="sdf").count() == 1
    assert sdf_mentions <= set(Mention.objects.filter(actor=sdf).values_list("pk", flat=True))
    deleted = Actor.history.filter(slug="sdf-2", history_type="-").get()
    assert deleted.history_change_reason == "merged sdf-2 into sdf"
    moved = Alias.history.filter(text="قوات قسد").order_by("history_date").last()
    assert (moved.actor_id, moved.history_change_reason) == (sdf.pk, "merged sdf-2 into sdf")
    with pytest.raises(ValidationError):
        services.actors_merge(sdf, sdf)


def test_alias_create_refuses_an_empty_or_repeated_spelling(db):
    sdf = Actor.objects.get(slug="sdf")
    with pytest.raises(ValidationError) as error:
        services.alias_create(sdf, " ـ ")
    assert error.value.message_dict == {"text": ["A spelling needs at least one letter."]}
    with pytest.raises(ValidationError) as error:
        services.alias_create(sdf, "قسـد")
    assert list(error.value.message_dict) == ["text"]


@pytest.mark.parametrize("text", ["...", "؟!", "١٢٣", "2025", "ـ - ـ"])
def test_a_spelling_without_a_letter_is_refused(db, text):
    # It would match punctuation or numbers in every article as the actor.
    sdf = Actor.objects.get(slug="sdf")
    with pytest.raises(ValidationError) as error:
        services.alias_create(sdf, text)
    assert error.value.message_dict == {"text": ["A spelling needs at least one letter."]}
    assert not Alias.objects.filter(actor=sdf, text=text).exists()
