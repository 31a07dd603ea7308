"""Annotations re-anchored when their article's text changes
(``annotations.anchoring``): moved with a reason for the history, sent back to
review when an approved quote changed, or flagged as orphans with their
candidates; a passage whose place and context are unchanged is not written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from annotations.anchoring import move, orphan
from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_set_status
from archive.anchoring import EXACT, FUZZY, ORPHAN, SHIFTED, Candidate, Placement, Span
from archive.services import change_article_body
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "أكدت وزارة الدفاع التركية دعمها وحدة سوريا.\n\nوقّع غولر مذكرة تفاهم للتدريب."
PHRASE = "مذكرة تفاهم"


@pytest.fixture
def passage(topics):
    article = factories.article(BODY)
    return factories.annotation_on(article, PHRASE, topics["training-mou"])


def _approved(annotation: Annotation) -> Annotation:
    return annotation_set_status(annotation, status=Annotation.Status.APPROVED, by=SYSTEM)


def _placement(annotation, method, score, start=None, end=None, quote=None, **extra):
    span = Span(annotation.pk, annotation.start, annotation.end, annotation.quote)
    return Placement(span, method, score, start, end, quote, **extra)


def test_a_move_points_at_the_new_place_and_says_how(passage):
    new_body = "تمهيد.\n\n" + BODY
    passage.article.body = new_body
    start = new_body.index(PHRASE)
    reason = move(passage, _placement(passage, SHIFTED, 1.0, start, start + 11, PHRASE), "ق", "ل")
    assert reason == "Re-anchored after an edit of the text: shifted"
    assert (passage.start, passage.end, passage.quote) == (start, start + 11, PHRASE)
    assert (passage.prefix, passage.suffix) == ("ق", "ل")
    assert (passage.flagged, passage.anchored_by) == (False, "shifted")


def test_an_approved_passage_whose_quote_changed_goes_back_to_review(passage):
    passage = _approved(passage)
    new_body = BODY.replace("مذكرة تفاهم", "مذكرة التفاهم")
    passage.article.body = new_body
    start = new_body.index("مذكرة التفاهم")
    placement = _placement(passage, FUZZY, 0.934, start, start + 13, "مذكرة التفاهم")
    reason = move(passage, placement, "", "")
    assert reason == (
        "Re-anchored after an edit of the text: fuzzy 0.93; its quote changed: back to review"
    )
    assert (passage.quote, passage.status) == ("مذكرة التفاهم", Annotation.Status.DRAFT)
    assert passage.anchored_by == "fuzzy 0.93"


def test_a_move_to_a_place_that_does_not_hold_the_quote_is_refused(passage):
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        move(passage, _placement(passage, EXACT, 1.0, 0, 11, PHRASE), "", "")
    assert refused.value.message_dict == {
        "quote": ["الاقتباس لا يطابق نص المقال في 0–11: النص هناك «أكدت وزارة »."]
    }


def test_an_orphan_keeps_its_old_place_and_lists_the_candidates(passage):
    passage = _approved(passage)
    before = (passage.start, passage.end, passage.quote, passage.prefix, passage.suffix)
    candidate = Candidate(3, 14, "مذكرة تفهم", 0.71234, 0.8, 0.5)
    placement = _placement(passage, ORPHAN, 0.71, candidates=(candidate,), reason="x" * 400)
    reason = orphan(passage, placement)
    assert reason == "Orphaned by an edit of the text: an editor must re-attach it; back to review"
    assert (passage.start, passage.end, passage.quote, passage.prefix, passage.suffix) == before
    assert (passage.flagged, passage.anchored_by, passage.status) == (
        True,
        "orphan",
        Annotation.Status.DRAFT,
    )
    assert passage.flag_reason == "x" * 300
    assert passage.anchor_candidates == [
        {"start": 3, "end": 14, "quote": "مذكرة تفهم", "score": 0.712}
    ]


def test_an_orphaned_draft_says_nothing_of_review(passage):
    reason = orphan(passage, _placement(passage, ORPHAN, 0.0, reason="gone"))
    assert reason == "Orphaned by an edit of the text: an editor must re-attach it"
    assert (passage.status, passage.anchor_candidates) == (Annotation.Status.DRAFT, [])


def test_an_edit_elsewhere_leaves_an_unmoved_passage_unwritten(passage):
    # The edit is past the passage and its context (32 characters): nothing
    # about the passage changes.
    tail = "\n\nوأضاف البيان أن التعاون سيستمر في المجالات كافة خلال العام المقبل."
    change_article_body(passage.article, BODY + tail)
    passage.refresh_from_db()
    versions = passage.history.count()
    change_article_body(passage.article, BODY + tail.replace("المقبل", "القادم"))
    passage.refresh_from_db()
    assert passage.history.count() == versions
    assert passage.article.body[passage.start : passage.end] == PHRASE


def test_an_edit_before_moves_the_passage_and_records_why(passage, editor):
    change_article_body(passage.article, "عاجل: " + BODY, editor)
    passage.refresh_from_db()
    assert passage.start == BODY.index(PHRASE) + len("عاجل: ")
    assert passage.article.body[passage.start : passage.end] == PHRASE
    latest = passage.history.latest()
    assert latest.history_change_reason == "Re-anchored after an edit of the text: shifted"
    assert latest.history_user == editor
