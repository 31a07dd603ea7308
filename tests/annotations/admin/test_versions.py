"""The annotation's change form carries the version it was opened at: saving
it over someone else's newer change is refused with a message, nothing
written."""

from __future__ import annotations

import pytest

from annotations.permissions import SYSTEM
from annotations.services import annotation_update

pytestmark = pytest.mark.django_db
PHRASE = "مذكرة تفاهم للتدريب والمشورات العسكرية المشتركة"


def test_a_form_opened_before_someone_elses_change_is_refused(
    editor, editor_client, emoji_article, make_annotation, topics
):
    annotation = make_annotation(emoji_article, PHRASE, created_by=editor)
    url = f"/admin/annotations/annotation/{annotation.pk}/change/"
    form = editor_client.get(url).context["adminform"].form
    assert form["opened_version"].value() == 1
    annotation_update(annotation, by=SYSTEM, note="ملاحظة الزميل")

    response = editor_client.post(
        url,
        {
            "topic": topics["training-mou"].pk,
            "start": annotation.start,
            "end": annotation.end,
            "quote": PHRASE,
            "note": "ملاحظتي",
            "status": "draft",
            "opened_version": 1,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Someone else changed this annotation since you opened it; "
        "reload the page to see their change."
    ]
    assert "Someone else changed this annotation since you opened it" in response.content.decode()
    annotation.refresh_from_db()
    assert (annotation.note, annotation.version) == ("ملاحظة الزميل", 2)
