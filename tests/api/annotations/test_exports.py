"""The annotation exports' pieces (``api.annotations.exports``): one annotation in
the W3C Web Annotation model from its record, an AnnotationCollection written
piece by piece, and the rows read in chunks with their articles' sources and
the actors each passage names."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from annotations.models import Annotation
from api.annotations.exports import (
    ANNO_CONTEXT,
    annotation_jsonld,
    annotation_rows,
    jsonld_collection,
)
from archive.models import ArticleSource, Source
from tests import factories

RECORD = {
    "id": 7,
    "url": "http://testserver/api/v1/annotations/7/",
    "article": {"url": "http://testserver/api/v1/articles/3/"},
    "topic": {"slug": "training-mou"},
    "quote": "مذكرة تفاهم",
    "prefix": "وقّع الوزيران ",
    "suffix": " للتدريب",
    "start": 14,
    "end": 25,
    "note": "",
    "created_at": "2025-08-13T09:00:00Z",
    "updated_at": "2025-08-14T10:30:00Z",
}
GULER = SimpleNamespace(slug="yasar-guler", wikidata_iri="")
FIDAN = SimpleNamespace(slug="hakan-fidan", wikidata_iri="http://www.wikidata.org/entity/Q1")


def test_an_annotation_in_the_web_annotation_model():
    assert annotation_jsonld(RECORD) == {
        "@context": ANNO_CONTEXT,
        "id": "http://testserver/api/v1/annotations/7/",
        "type": "Annotation",
        "motivation": "tagging",
        "created": "2025-08-13T09:00:00Z",
        "modified": "2025-08-14T10:30:00Z",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "training-mou"}],
        "target": {
            "source": "http://testserver/api/v1/articles/3/",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": "مذكرة تفاهم",
                    "prefix": "وقّع الوزيران ",
                    "suffix": " للتدريب",
                },
                {"type": "TextPositionSelector", "start": 14, "end": 25},
            ],
        },
    }


def test_a_note_describes_in_arabic_and_each_actor_identifies():
    record = {**RECORD, "note": "تدريب عسكري", "prefix": "", "suffix": ""}
    jsonld = annotation_jsonld(
        record, [GULER, FIDAN], actor_url=lambda slug: f"http://testserver/api/v1/actors/{slug}/"
    )
    assert jsonld["body"][1:] == [
        {"type": "TextualBody", "purpose": "describing", "value": "تدريب عسكري", "language": "ar"},
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": "http://testserver/api/v1/actors/yasar-guler/",
        },
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": "http://www.wikidata.org/entity/Q1",  # Wikidata, when known
        },
    ]
    # No empty context: a selector without prefix or suffix.
    assert jsonld["target"]["selector"][0] == {"type": "TextQuoteSelector", "exact": "مذكرة تفاهم"}
    assert all("id" not in body for body in jsonld["body"])


def _collection(records, total) -> dict:
    pieces = list(
        jsonld_collection(
            records,
            collection_url="http://testserver/api/v1/annotations/export.jsonld",
            total=total,
            actor_url=lambda slug: slug,
        )
    )
    assert all(isinstance(piece, bytes) for piece in pieces)
    return json.loads(b"".join(pieces))


def test_a_collection_with_its_one_page_of_every_annotation():
    second = {**RECORD, "id": 8, "url": "http://testserver/api/v1/annotations/8/"}
    collection = _collection([(RECORD, []), (second, [GULER])], total=2)
    assert {k: v for k, v in collection.items() if k != "first"} == {
        "@context": ANNO_CONTEXT,
        "id": "http://testserver/api/v1/annotations/export.jsonld",
        "type": "AnnotationCollection",
        "label": "Archive annotations",
        "total": 2,
    }
    page = collection["first"]
    assert (page["type"], page["startIndex"]) == ("AnnotationPage", 0)
    assert [item["id"] for item in page["items"]] == [RECORD["url"], second["url"]]
    assert page["items"][1]["body"][-1]["source"] == "yasar-guler"


def test_an_empty_collection_is_still_a_collection():
    collection = _collection([], total=0)
    assert (collection["total"], collection["first"]["items"]) == (0, [])


@pytest.mark.django_db
def test_rows_come_with_their_articles_sources_and_the_actors_named(topics):
    article = factories.article("وقّع الوزيران مذكرة تفاهم للتدريب في أنقرة.")
    agency = Source.objects.create(slug="test-agency", name="وكالة الاختبار")
    ArticleSource.objects.create(article=article, source=agency, role=ArticleSource.Role.CITED)
    first = factories.annotation_on(article, "مذكرة تفاهم", topics["training-mou"])
    second = factories.annotation_on(article, "أنقرة", topics["counter-terrorism"])
    chunks = []

    def actors(rows):
        chunks.append([row["id"] for row in rows])
        return {second.pk: ["ankara"]}

    rows = list(annotation_rows(Annotation.objects.all(), actors, order=("-id",)))
    assert [(row["id"], row["quote"], row["actors"]) for row, _sources in rows] == [
        (second.pk, "أنقرة", ["ankara"]),
        (first.pk, "مذكرة تفاهم", []),
    ]
    assert chunks == [[second.pk, first.pk]]  # one chunk, the actors asked once
    assert [sources for _row, sources in rows] == [
        [
            {
                "slug": "test-agency",
                "name": "وكالة الاختبار",
                "name_en": "",
                "kind": "other",
                "role": "cited",
            }
        ],
        [
            {
                "slug": "test-agency",
                "name": "وكالة الاختبار",
                "name_en": "",
                "kind": "other",
                "role": "cited",
            }
        ],
    ]


@pytest.mark.django_db
def test_each_chunk_of_rows_asks_for_its_own_actors_and_sources(topics, monkeypatch):
    import functools

    from api import exports as api_exports
    from api.annotations import exports

    article = factories.article("وقّع الوزيران مذكرة تفاهم للتدريب في أنقرة.")
    agency = Source.objects.create(slug="test-agency", name="وكالة الاختبار")
    ArticleSource.objects.create(article=article, source=agency, role=ArticleSource.Role.CITED)
    other = factories.article("التقى الوفدان في دمشق.")
    first = factories.annotation_on(article, "مذكرة تفاهم", topics["training-mou"])
    second = factories.annotation_on(other, "دمشق", topics["counter-terrorism"])
    monkeypatch.setattr(exports, "chunked", functools.partial(api_exports.chunked, size=1))
    chunks = []

    def actors(rows):
        chunks.append([row["id"] for row in rows])
        return {second.pk: ["damascus"]}

    rows = list(annotation_rows(Annotation.objects.all(), actors))
    assert chunks == [[first.pk], [second.pk]]  # a chunk a row: the actors asked per chunk
    assert [(row["id"], row["quote"], row["actors"]) for row, _sources in rows] == [
        (first.pk, "مذكرة تفاهم", []),
        (second.pk, "دمشق", ["damascus"]),
    ]
    assert [sources for _row, sources in rows] == [
        [
            {
                "slug": "test-agency",
                "name": "وكالة الاختبار",
                "name_en": "",
                "kind": "other",
                "role": "cited",
            }
        ],
        [],
    ]
