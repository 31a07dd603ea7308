"""The double-annotation models (``agreement.models``): assignments by status and
editor, editors' versions by whether a reviewer resolved them, their names,
and a version that cannot end before it starts."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from agreement.models import Assignment, EditorVersion
from agreement.services import assignment_close, assignment_create

pytestmark = pytest.mark.django_db


def test_assignments_by_status_and_editor(assignment, article, amal, carim, reviewer):
    other = assignment_create(
        title="Second batch", articles=[article], editors=[amal, carim], created_by=reviewer
    )
    assignment_close(other, closed_by=reviewer)
    assert str(assignment) == "MoU coverage"
    assert list(Assignment.objects.open()) == [assignment]
    assert list(Assignment.objects.closed()) == [other]
    assert list(Assignment.objects.for_editor(carim)) == [other]
    assert list(Assignment.objects.for_editor(amal)) == [other, assignment]  # newest first


def test_versions_pending_until_resolved_and_named_by_editor_topic_and_quote(
    assignment, article, annotate, amal, bashir, reviewer
):
    annotate(article, "مذكرة تفاهم للتدريب", amal)
    annotate(article, "قوات سوريا الديمقراطية إلى الاندماج في مؤسسات الدولة السورية", bashir)
    assignment_close(assignment, closed_by=reviewer)
    first, second = EditorVersion.objects.order_by("start")
    assert str(first) == "amal: training-mou: مذكرة تفاهم للتدريب"
    second.quote = "ب" * 61
    assert str(second) == "bashir: training-mou: " + "ب" * 59 + "…"
    EditorVersion.objects.filter(pk=first.pk).update(resolved_at=timezone.now())
    assert list(EditorVersion.objects.pending()) == [second]


def test_a_version_cannot_end_before_it_starts(assignment, article, amal, topics):
    with pytest.raises(IntegrityError), transaction.atomic():
        EditorVersion.objects.create(
            assignment=assignment,
            article=article,
            editor=amal,
            topic=topics["training-mou"],
            start=5,
            end=5,
            quote="",
            annotated_at=timezone.now(),
        )
