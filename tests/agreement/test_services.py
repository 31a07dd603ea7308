"""Creating and closing assignments through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreement.models import Assignment, EditorVersion
from agreement.selectors import assignment_passages
from agreement.services import assignment_close, assignment_create
from annotations.models import Annotation
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_reviewer_assigns_an_article_to_two_editors(article, amal, bashir, reviewer):
    assignment = assignment_create(
        title="  MoU coverage ",
        articles=[article],
        editors=[amal, bashir, amal],
        created_by=reviewer,
        batch_filter="topic=training-mou",
    )
    assignment.refresh_from_db()
    assert assignment.title == "MoU coverage"
    assert assignment.status == Assignment.Status.OPEN
    assert assignment.created_by == reviewer
    assert assignment.batch_filter == "topic=training-mou"
    assert list(assignment.articles.all()) == [article]
    assert sorted(e.username for e in assignment.editors.all()) == ["amal", "bashir"]


def test_only_a_reviewer_may_assign(article, amal, bashir):
    with pytest.raises(PermissionDenied):
        assignment_create(title="x", articles=[article], editors=[amal, bashir], created_by=amal)
    assert not Assignment.objects.exists()


def test_an_assignment_needs_two_editors_who_annotate_and_an_article(article, amal, reviewer):
    outsider = factories.user("outsider", password=None)
    with pytest.raises(ValidationError) as caught:
        assignment_create(title="", articles=[], editors=[amal], created_by=reviewer)
    assert caught.value.message_dict == {
        "title": ["Give the assignment a title."],
        "articles": ["Choose at least one article."],
        "editors": ["Double annotation needs at least two editors."],
    }
    with pytest.raises(ValidationError) as caught:
        assignment_create(
            title="x", articles=[article], editors=[amal, outsider], created_by=reviewer
        )
    assert caught.value.message_dict == {"editors": ["These users may not annotate: outsider."]}
    assert not Assignment.objects.exists()


def test_open_assignments_compare_the_live_passages_made_since(
    assignment, article, annotate, amal, bashir, reviewer
):
    mine = annotate(article, "مذكرة تفاهم", amal)
    annotate(article, "مذكرة تفاهم", bashir, status=Annotation.Status.REJECTED)
    annotate(article, "دمشق", reviewer)  # not one of the editors
    (passage,) = assignment_passages(assignment)
    assert (passage.editor_id, passage.topic, passage.start, passage.end) == (
        amal.pk,
        "training-mou",
        mine.start,
        mine.end,
    )


def test_closing_keeps_each_editors_passages_as_their_versions(
    assignment, article, annotate, amal, bashir, reviewer
):
    amals = annotate(article, "مذكرة تفاهم للتدريب", amal, note="the MoU")
    bashirs = annotate(article, "مذكرة تفاهم", bashir)
    approved = annotate(article, "دمشق", bashir, status=Annotation.Status.APPROVED)
    assert assignment_close(assignment, closed_by=reviewer) == 3
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.CLOSED
    assert assignment.closed_at is not None
    versions = EditorVersion.objects.order_by("editor__username", "start")
    assert [(v.editor.username, v.quote, v.note, v.start) for v in versions] == [
        ("amal", "مذكرة تفاهم للتدريب", "the MoU", amals.start),
        ("bashir", "مذكرة تفاهم", "", bashirs.start),
        ("bashir", "دمشق", "", approved.start),
    ]
    # The drafts left the live annotations; what a reviewer approved stays.
    assert list(Annotation.objects.values_list("pk", flat=True)) == [approved.pk]
    assert [p.start for p in assignment_passages(assignment)] == [amals.start] * 2 + [
        approved.start
    ]


def test_closing_is_for_reviewers_and_happens_once(assignment, amal, reviewer):
    with pytest.raises(PermissionDenied):
        assignment_close(assignment, closed_by=amal)
    assignment_close(assignment, closed_by=reviewer)
    with pytest.raises(ValidationError) as caught:
        assignment_close(assignment, closed_by=reviewer)
    assert caught.value.message_dict == {"status": ["This assignment is already closed."]}
