"""The article reads that carry their visible annotations
(``annotations.selectors``) gather them as JSON arrays decoded by position:
each decoded item must name the value its model holds under that name."""

from __future__ import annotations

import pytest

from annotations import selectors as annotation_selectors
from annotations.models import Annotation
from tests.archive.test_curation import World

pytestmark = pytest.mark.django_db


def test_annotation_items_name_their_values(staff_viewer):
    world = World()
    row = annotation_selectors.article_detail(viewer=staff_viewer).get(pk=world.published.pk)
    items = annotation_selectors.annotation_items(row["annotations_json"])
    assert len(items) == len(Annotation.Status.values)
    for item in items:
        annotation = Annotation.objects.select_related("topic").get(pk=item["id"])
        expected = {
            name: getattr(annotation, name) for name in annotation_selectors.ANNOTATION_ITEM_FIELDS
        }
        expected["topic"] = annotation.topic.slug
        assert item == expected
