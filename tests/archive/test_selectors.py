"""The selectors' rows gather related rows as JSON arrays decoded by
position (``archive.selectors``): each decoded item must name the value its
model holds under that name, so a column added, dropped or moved in one list
and not the other fails here."""

from __future__ import annotations

import pytest

from annotations import selectors as annotation_selectors
from archive import selectors
from archive.models import ArticleSource, EventReport
from tests.archive.test_curation import World

pytestmark = pytest.mark.django_db


def test_event_items_name_their_values(staff_viewer):
    world = World()
    row = annotation_selectors.article_detail(viewer=staff_viewer).get(pk=world.published.pk)
    items = selectors.event_items(row["events_json"])
    assert [item["title"] for item in items] == ["suggested", "confirmed"]
    for item in items:
        report = EventReport.objects.select_related("event").get(
            event_id=item["id"], article=world.published
        )
        event_fields = selectors.EVENT_ITEM_FIELDS[:7]
        expected = {name: getattr(report.event, name) for name in event_fields}
        expected |= {"reported_date": report.reported_date, "reported_date_text": ""}
        expected["starts_on"] = expected["starts_on"].isoformat()
        assert item == expected


def test_source_links_name_their_values(staff_viewer):
    world = World()
    (row,) = annotation_selectors.article_list(viewer=staff_viewer).filter(pk=world.published.pk)
    (link,) = selectors.decode_source_links(row["sources_json"])
    source = world.sources["published"]
    assert link == {
        "slug": source.slug,
        "name": source.name,
        "name_en": source.name_en,
        "kind": source.kind,
        "role": ArticleSource.objects.get(article=world.published).role,
    }
    assert selectors.sources_by_article([world.published.pk]) == {world.published.pk: [link]}
