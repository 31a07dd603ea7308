"""Annotation writes: the quote check, code-point offsets, database constraints,
re-anchoring after a body change (through ``change_article_body``)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import (
    annotation_create,
    annotation_set_status,
    annotation_update,
)
from archive.services import change_article_body
from tests import factories

BODY = (
    "أكدت وزارة الدفاع التركية دعمها وحدة سوريا وسلامة أراضيها.\n\n"
    "ودعت “قسد” للالتزام باتفاق الاندماج مع دمشق."
)


@pytest.fixture
def article(db):
    return factories.article(BODY, title="وزارة الدفاع التركية تؤكد على دعمها لسوريا")


def test_create_stores_exact_quote_and_context(article, topics):
    start = BODY.index("قسد")
    annotation = annotation_create(
        by=SYSTEM,
        article=article,
        topic=topics["sdf-integration"],
        start=start,
        end=start + 3,
        quote="قسد",
    )
    annotation.refresh_from_db()
    assert (annotation.start, annotation.end, annotation.quote) == (start, start + 3, "قسد")
    assert annotation.prefix == BODY[start - 32 : start]
    assert annotation.suffix == "” للالتزام باتفاق الاندماج مع دمشق"[:32]
    assert annotation.status == Annotation.Status.DRAFT


def test_quote_mismatch_is_rejected(article, topics):
    with pytest.raises(ValidationError) as error:
        annotation_create(
            by=SYSTEM, article=article, topic=topics["sdf-integration"], start=0, end=4, quote="قسد"
        )
    assert "quote" in error.value.message_dict
    assert "أكدت" in error.value.message_dict["quote"][0]
    assert Annotation.objects.count() == 0


def test_offsets_past_the_body_are_rejected(article, topics):
    with pytest.raises(ValidationError) as error:
        annotation_create(
            by=SYSTEM,
            article=article,
            topic=topics["sdf-integration"],
            start=len(BODY) - 2,
            end=len(BODY) + 5,
            quote=BODY[-2:],
        )
    message = error.value.message_dict["end"][0]  # in the active language (Arabic by default)
    assert str(len(BODY)) in message and str(len(BODY) + 5) in message


def test_empty_or_reversed_range_is_rejected(article, topics):
    with pytest.raises(ValidationError) as error:
        annotation_create(
            by=SYSTEM, article=article, topic=topics["sdf-integration"], start=5, end=5, quote=""
        )
    assert "end" in error.value.message_dict


def test_database_refuses_reversed_range_even_without_services(article, topics):
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.create(
            article=article, topic=topics["sdf-integration"], start=9, end=3, quote="x"
        )


def test_offsets_are_code_points_with_an_emoji_before_the_passage(db, topics):
    body = "🇹🇷 وقعت تركيا وسوريا مذكرة تفاهم للتدريب."
    article = factories.article(body, title="emoji")
    start = body.index("مذكرة تفاهم")
    # Two regional-indicator symbols: 2 code points, 4 UTF-16 units.
    assert start == 21
    assert len(body[:start].encode("utf-16-le")) // 2 == 23
    annotation = annotation_create(
        by=SYSTEM,
        article=article,
        topic=topics["training-mou"],
        start=start,
        end=start + 11,
        quote="مذكرة تفاهم",
    )
    assert article.body[annotation.start : annotation.end] == "مذكرة تفاهم"
    with pytest.raises(ValidationError):  # the UTF-16 offsets a naive browser would send
        annotation_create(
            by=SYSTEM,
            article=article,
            topic=topics["training-mou"],
            start=23,
            end=34,
            quote="مذكرة تفاهم",
        )


def test_update_rechecks_the_quote(article, topics):
    start = BODY.index("قسد")
    annotation = annotation_create(
        by=SYSTEM,
        article=article,
        topic=topics["sdf-integration"],
        start=start,
        end=start + 3,
        quote="قسد",
    )
    with pytest.raises(ValidationError):
        annotation_update(annotation, by=SYSTEM, start=0, end=3, quote="قسد")
    annotation.refresh_from_db()
    annotation_update(annotation, by=SYSTEM, topic=topics["counter-terrorism"], note="تسمية تركية")
    annotation.refresh_from_db()
    assert (annotation.topic.slug, annotation.note, annotation.start) == (
        "counter-terrorism",
        "تسمية تركية",
        start,
    )


def test_review_records_reviewer(article, topics, make_staff):
    reviewer = make_staff("reviewer", "Editors", "Reviewers")
    annotation = annotation_create(
        by=SYSTEM, article=article, topic=topics["sdf-integration"], start=0, end=4, quote="أكدت"
    )
    annotation_set_status(annotation, status=Annotation.Status.APPROVED, by=reviewer)
    annotation.refresh_from_db()
    assert annotation.status == "approved"
    assert annotation.reviewed_by == reviewer
    assert annotation.reviewed_at is not None


def test_history_keeps_every_change(article, topics):
    annotation = annotation_create(
        by=SYSTEM, article=article, topic=topics["sdf-integration"], start=0, end=4, quote="أكدت"
    )
    annotation_update(annotation, by=SYSTEM, note="ملاحظة")
    notes = list(annotation.history.order_by("history_date").values_list("note", flat=True))
    assert notes == ["", "ملاحظة"]


def test_relocate_keeps_moves_and_flags(article, topics):
    topic = topics["sdf-integration"]
    kept = annotation_create(by=SYSTEM, article=article, topic=topic, start=0, end=4, quote="أكدت")
    start = BODY.index("قسد")
    moved = annotation_create(
        by=SYSTEM, article=article, topic=topic, start=start, end=start + 3, quote="قسد"
    )
    start = BODY.index("وسلامة أراضيها")
    gone = annotation_create(
        by=SYSTEM, article=article, topic=topic, start=start, end=start + 14, quote="وسلامة أراضيها"
    )

    # The second paragraph gains a sentence before it; "وسلامة أراضيها" is removed.
    change = change_article_body(
        article,
        "أكدت وزارة الدفاع التركية دعمها وحدة سوريا.\n\nوقال مصدر عسكري: ودعت “قسد” للالتزام.",
    )

    assert change.summary() == "annotations: 1 kept, 1 shifted, 1 orphan"
    kept.refresh_from_db()
    moved.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.start, kept.flagged) == (0, False)
    assert article.body[moved.start : moved.end] == "قسد"
    assert moved.start == article.body.index("قسد")
    assert gone.flagged is True
    assert gone.flag_reason == "The passage's text is gone from the article."
    assert (gone.start, gone.quote) == (start, "وسلامة أراضيها")  # not pointed elsewhere


def test_relocate_flags_an_ambiguous_quote(article, topics):
    annotation = annotation_create(
        by=SYSTEM,
        article=article,
        topic=topics["sdf-integration"],
        start=BODY.index("قسد"),
        end=BODY.index("قسد") + 3,
        quote="قسد",
    )
    change = change_article_body(article, "قسد هنا. قسد هناك.")
    annotation.refresh_from_db()
    assert change.count("annotations", "orphan") == 1
    assert annotation.flagged
    assert sorted(c["start"] for c in annotation.anchor_candidates) == [0, 9]


def test_accepting_a_suggestion_makes_it_the_editors_draft(article, topics, make_staff):
    editor = make_staff("editor", "Editors")
    suggestion = annotation_create(
        by=SYSTEM,
        article=article,
        topic=topics["sdf-integration"],
        start=0,
        end=4,
        quote="أكدت",
        status=Annotation.Status.SUGGESTED,
    )
    assert suggestion.created_by is None
    annotation_set_status(suggestion, status=Annotation.Status.DRAFT, by=editor)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.created_by) == ("draft", editor)
    assert suggestion.reviewed_by is None
