"""change_article_body: the one way an article's text changes, with every
registered kind of passage re-anchored in the same transaction; and
article_set_publication keeping an article's date and time together."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_set_status
from archive.anchoring import Span
from archive.models import Article, BodyChangeError, DatePrecision
from archive.services import article_set_publication, change_article_body
from archive.spans import span_kind_registered, span_kinds
from tests import factories

TYPO_QUOTE = "ومكافحة التنظيمات الإرهابية وعلى رأسها “تنيظم الدولة” (داعش)"
LATER_QUOTE = "أن تركيا متمسكة بموقفها “الثابت” في حماية وحدة الأراضي السورية"


@pytest.fixture
def seed_001(loaded_seeds) -> Article:
    return loaded_seeds["001"]


def test_annotations_register_their_kind():
    assert "annotations" in [kind.name for kind in span_kinds()]


def test_the_typo_fix_of_seed_001(seed_001, topics, make_staff):
    """تنيظم → تنظيم in the admin: the passage holding the typo follows it
    (fuzzy, back to review), a later passage keeps its exact quote."""
    editor = make_staff("editor", "Editors")
    reviewer = make_staff("reviewer", "Editors", "Reviewers")
    typo = factories.annotation_on(seed_001, TYPO_QUOTE, topics["counter-terrorism"])
    annotation_set_status(typo, status=Annotation.Status.APPROVED, by=reviewer)
    later = factories.annotation_on(seed_001, LATER_QUOTE, topics["counter-terrorism"])
    annotation_set_status(later, status=Annotation.Status.APPROVED, by=reviewer)
    old_start = later.start

    change = change_article_body(seed_001, seed_001.body.replace("تنيظم", "تنظيم"), editor)

    assert change.summary() == (
        "event_mentions: 4 kept, 1 fuzzy; annotations: 1 kept, 1 fuzzy; mentions: 36 kept"
    )
    typo.refresh_from_db()
    later.refresh_from_db()
    seed_001.refresh_from_db()
    assert "تنيظم" not in seed_001.body
    assert typo.quote == TYPO_QUOTE.replace("تنيظم", "تنظيم")
    assert seed_001.body[typo.start : typo.end] == typo.quote
    assert typo.anchored_by.startswith("fuzzy 0.9")
    assert typo.status == Annotation.Status.DRAFT  # its quote changed: back to review
    assert (later.start, later.quote, later.status) == (old_start, LATER_QUOTE, "approved")
    history = list(typo.history.order_by("history_date", "history_id"))
    assert [row.quote for row in history[-2:]] == [TYPO_QUOTE, typo.quote]
    assert history[-1].history_user == editor
    assert history[-1].history_change_reason == (
        f"Re-anchored after an edit of the text: {typo.anchored_by}; "
        "its quote changed: back to review"
    )
    assert seed_001.history.latest().history_user == editor


def test_an_edit_before_the_passages_shifts_them_exactly(seed_001, topics):
    later = factories.annotation_on(seed_001, LATER_QUOTE, topics["counter-terrorism"])
    start = later.start
    change_article_body(seed_001, "🇹🇷 " + seed_001.body)
    later.refresh_from_db()
    assert (later.start, later.quote, later.anchored_by) == (start + 3, LATER_QUOTE, "shifted")
    assert later.prefix == seed_001.body[later.start - 32 : later.start]


def test_an_orphan_keeps_its_old_quote_and_lists_candidates(seed_001, topics):
    annotation = factories.annotation_on(seed_001, LATER_QUOTE, topics["counter-terrorism"])
    annotation_set_status(annotation, status=Annotation.Status.APPROVED, by=SYSTEM)
    rewritten = seed_001.body.replace(LATER_QUOTE, "أن أنقرة لن تتراجع عن سياستها المعلنة")
    change_article_body(seed_001, rewritten)
    annotation.refresh_from_db()
    assert annotation.flagged and annotation.anchored_by == "orphan"
    assert annotation.quote == LATER_QUOTE
    assert annotation.status == Annotation.Status.DRAFT  # not public while orphaned
    assert annotation not in Annotation.objects.curated()


def test_an_unchanged_body_touches_no_passage(seed_001, topics):
    annotation = factories.annotation_on(seed_001, LATER_QUOTE, topics["counter-terrorism"])
    rows = annotation.history.count()
    change = change_article_body(seed_001, seed_001.body)
    assert (change.changed, change.summary()) == (False, "text unchanged")
    assert annotation.history.count() == rows


def test_saving_a_changed_body_any_other_way_is_refused(seed_001):
    seed_001.body = seed_001.body + " زيادة"
    with pytest.raises(BodyChangeError, match="change_article_body"):
        seed_001.save()
    seed_001.refresh_from_db()
    seed_001.title = "عنوان جديد"
    seed_001.save()  # other fields save as before
    assert Article.objects.get(pk=seed_001.pk).title == "عنوان جديد"


def test_an_empty_body_is_refused_and_nothing_changes(seed_001, topics):
    annotation = factories.annotation_on(seed_001, LATER_QUOTE, topics["counter-terrorism"])
    body = seed_001.body
    with pytest.raises(ValidationError) as error:
        change_article_body(seed_001, "")
    assert "body" in error.value.message_dict
    assert Article.objects.get(pk=seed_001.pk).body == body
    annotation.refresh_from_db()
    assert annotation.flagged is False


class FailingKind:
    """A kind whose writes fail: the whole change must roll back."""

    name = "failing"

    def spans(self, article):
        return []

    def apply(self, article, placements, user, old_body):
        raise RuntimeError("disk full")


class RecordingKind:
    name = "recording"

    def __init__(self, start: int):
        self.start, self.calls = start, []

    def spans(self, article):
        # Offsets as the kind stored them: into the old body.
        return [Span("evidence-1", self.start, self.start + 12, "تنيظم الدولة")]

    def apply(self, article, placements, user, old_body):
        self.calls.append((article.body, [(p.span.key, p.method, p.quote) for p in placements]))


def test_every_registered_kind_is_reanchored(seed_001):
    kind = RecordingKind(seed_001.body.index("تنيظم الدولة"))
    with span_kind_registered(kind):
        change = change_article_body(seed_001, seed_001.body.replace("تنيظم", "تنظيم"))
    ((body, placements),) = kind.calls
    assert body == seed_001.body
    assert placements == [("evidence-1", "fuzzy", "تنظيم الدولة")]
    assert change.count("recording", "fuzzy") == 1
    assert "recording" not in [k.name for k in span_kinds()]


def test_a_failing_kind_rolls_the_body_back(seed_001, topics):
    article = seed_001
    annotation = factories.annotation_on(article, TYPO_QUOTE, topics["counter-terrorism"])
    body = article.body
    with span_kind_registered(FailingKind()), pytest.raises(RuntimeError):
        change_article_body(article, body.replace("تنيظم", "تنظيم"))
    assert Article.objects.get(pk=article.pk).body == body
    annotation.refresh_from_db()
    assert annotation.quote == TYPO_QUOTE


# Property, through the service and the database: random edits anywhere outside
# every passage keep each approved annotation's exact quote, at the offsets the
# edits imply, approved and unflagged.
EDIT_TEXT = st.lists(
    st.sampled_from(["تركيا", " ", "،", "\n\n", "🇹🇷", "قسد", "x"]), max_size=3
).map("".join)
PROPERTY_QUOTES = [TYPO_QUOTE, LATER_QUOTE, "اجتمع قائد القوى الجوية السورية"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_edits_outside_every_passage_keep_every_quote_in_the_database(seed_001, topics, data):
    with transaction.atomic():
        article = Article.objects.get(pk=seed_001.pk)
        body = article.body
        annotations = sorted(
            (
                factories.annotation_on(article, quote, topics["counter-terrorism"])
                for quote in PROPERTY_QUOTES
            ),
            key=lambda annotation: annotation.start,
        )
        for annotation in annotations:
            annotation_set_status(annotation, by=SYSTEM, status=Annotation.Status.APPROVED)
        gaps, position = [], 0
        for annotation in annotations:
            gaps.append(body[position : annotation.start])
            position = annotation.end
        gaps.append(body[position:])
        edited = []
        for gap in gaps:
            for _ in range(data.draw(st.integers(0, 2))):
                at = data.draw(st.integers(0, len(gap)))
                cut = data.draw(st.integers(0, 8))
                gap = gap[:at] + data.draw(EDIT_TEXT) + gap[at + cut :]
            edited.append(gap)
        new_body, expected = edited[0], []
        for annotation, gap in zip(annotations, edited[1:], strict=True):
            expected.append(len(new_body))
            new_body += annotation.quote + gap

        quotes = [annotation.quote for annotation in annotations]

        change_article_body(article, new_body)

        for annotation, start, quote in zip(annotations, expected, quotes, strict=True):
            annotation.refresh_from_db()
            assert (annotation.quote, annotation.start, annotation.end) == (
                quote,
                start,
                start + len(quote),
            )
            assert new_body[annotation.start : annotation.end] == annotation.quote
            assert (annotation.status, annotation.flagged) == ("approved", False)
        transaction.set_rollback(True)  # the next example starts from the seed again


def test_the_service_keeps_date_and_time_together(loaded_seeds):
    article = loaded_seeds["002"]
    at = dt.datetime(2025, 8, 14, 6, 0, tzinfo=dt.UTC)  # 09:00 in Damascus
    article_set_publication(article, on=dt.date(2025, 8, 14), at=at)
    article.refresh_from_db()
    assert (article.published_on, article.published_at, article.published_precision) == (
        dt.date(2025, 8, 14),
        at,
        DatePrecision.MINUTE,
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        article_set_publication(article, on=dt.date(2025, 8, 15), at=at)
    with translation.override("en"):
        assert error.value.message_dict["published_on"] == [
            "The stated time 2025-08-14T06:00:00+00:00 falls on 2025-08-14, not on 2025-08-15."
        ]
    article_set_publication(article, on=None)
    article.refresh_from_db()
    assert (article.published_on, article.published_at, article.published_precision) == (
        None,
        None,
        "",
    )
