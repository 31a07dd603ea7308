"""The annotations' models (``annotations.models``): topics and their rules,
what the public's and staff's counts are, an annotation's name, its derived
search words, its quote checked against the text, the orphans' queue, and the
tally the database keeps for the public."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from annotations.models import Annotation, OrphanedAnnotation, Topic, TopicTally
from annotations.permissions import SYSTEM
from annotations.services import annotation_set_status
from archive.curation import Viewer
from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db
PHRASE = "مذكرة تفاهم"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def tally(topic) -> int:
    """The public's count the triggers keep; no row yet counts nothing."""
    row = TopicTally.objects.filter(topic=topic).first()
    return row.curated if row else 0


def test_a_topic_by_both_names_and_its_rules_one_a_line():
    topic = Topic(name_ar="مكافحة الإرهاب", name_en="Counter-terrorism")
    assert str(topic) == "مكافحة الإرهاب / Counter-terrorism"
    topic.keywords = "  مكافحة الإرهاب \n\n# تعليق\nداعش + هجوم ~4\n   "
    assert topic.keyword_list == ["مكافحة الإرهاب", "# تعليق", "داعش + هجوم ~4"]


def test_a_topic_colour_is_a_hex_colour():
    topic = Topic(slug="t", name_ar="م", name_en="t", colour="red")
    with pytest.raises(ValidationError) as refused:
        topic.full_clean()
    assert refused.value.message_dict == {"colour": ["A colour like #1e88e5."]}
    topic.colour = "#1E88e5"
    topic.full_clean()


def test_an_annotation_is_named_by_topic_and_a_quote_cut_at_sixty(topics):
    topic = topics["training-mou"]
    assert str(Annotation(topic=topic, quote="قصير")) == "training-mou: قصير"
    long = "ب" * 61
    assert str(Annotation(topic=topic, quote=long)) == "training-mou: " + "ب" * 59 + "…"
    assert str(Annotation(topic=topic, quote="ب" * 60)) == "training-mou: " + "ب" * 60


@pytest.fixture
def published(db):
    return factories.article(
        "وقّع الوزيران مذكرة تفاهم للتدريب في أنقرة.", status=Article.Status.PUBLISHED
    )


def test_the_search_words_follow_the_quote_and_note_whichever_fields_are_saved(published, topics):
    annotation = factories.annotation_on(published, PHRASE, topics["training-mou"])
    assert annotation.search_text == "مذكر تفا"
    assert Annotation.objects.get(pk=annotation.pk).search_text == "مذكر تفا"
    annotation.note = "أنقرة"
    annotation.save(update_fields=["note"])
    assert Annotation.objects.get(pk=annotation.pk).search_text == "مذكر تفا انقر"
    start = published.body.index("للتدريب")
    annotation.quote, annotation.start, annotation.end = "للتدريب", start, start + 7
    annotation.save(update_fields=["quote", "start", "end"])
    saved = Annotation.objects.get(pk=annotation.pk)
    assert (saved.quote, saved.start, saved.end) == ("للتدريب", 26, 33)
    assert saved.search_text == "تدريب انقر"


def test_the_quote_must_be_the_text_between_the_offsets(published, topics):
    start = published.body.index(PHRASE)
    annotation = Annotation(
        article=published, topic=topics["training-mou"], start=start, end=start + 11, quote=PHRASE
    )
    annotation.clean()
    annotation.quote = "مذكرة تفاهـم"  # a tatweel the text does not have
    with pytest.raises(ValidationError) as refused:
        annotation.clean()
    assert refused.value.message_dict == {
        "quote": [
            "The quote does not match the article text at 14–25: the text there is “مذكرة تفاهم”."
        ]
    }


def test_the_database_refuses_an_empty_or_backward_passage(published, topics):
    for start, end in ((5, 5), (6, 5), (-1, 3)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Annotation.objects.create(
                article=published, topic=topics["training-mou"], start=start, end=end, quote="x"
            )


def test_the_public_count_is_the_tally_kept_by_the_database(published, topics, staff_viewer):
    topic = topics["training-mou"]
    annotation = factories.annotation_on(published, PHRASE, topic)
    assert tally(topic) == 0  # a draft
    annotation_set_status(annotation, status=Annotation.Status.APPROVED, by=SYSTEM)
    assert tally(topic) == 1
    assert str(TopicTally.objects.get(topic=topic)) == f"{topic.pk}: 1"
    public = Topic.objects.with_annotation_count(Viewer.of(None)).get(pk=topic.pk)
    assert public.annotation_count == 1
    assert list(Annotation.objects.curated()) == [annotation]
    published.status = Article.Status.DRAFT
    published.save()
    assert tally(topic) == 0
    assert (
        Topic.objects.with_annotation_count(Viewer.of(None)).get(pk=topic.pk).annotation_count == 0
    )
    # Staff count what they see: the approved annotation on the draft too.
    staff = Topic.objects.with_annotation_count(staff_viewer).get(pk=topic.pk)
    assert staff.annotation_count == 1


def test_the_querysets_by_status_topic_and_flag(published, topics):
    mou = factories.annotation_on(published, PHRASE, topics["training-mou"])
    other = factories.annotation_on(published, "أنقرة", topics["counter-terrorism"])
    annotation_set_status(mou, status=Annotation.Status.APPROVED, by=SYSTEM)
    Annotation.objects.filter(pk=other.pk).update(flagged=True)
    assert list(Annotation.objects.approved()) == [mou]
    assert list(Annotation.objects.for_topic("counter-terrorism")) == [other]
    assert list(Annotation.objects.for_topic(topics["training-mou"])) == [mou]
    assert list(Annotation.objects.flagged()) == [other]
    assert [a.pk for a in OrphanedAnnotation.objects.all()] == [other.pk]
