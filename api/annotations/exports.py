"""Streamed exports of annotations: CSV (with a BOM), JSON Lines, and W3C Web
Annotation JSON-LD (https://www.w3.org/TR/annotation-model/). Memory stays flat:
rows come from ``.iterator(chunk_size=…)``, article sources per chunk."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import orjson
from django.db.models import QuerySet

from annotations.selectors import ANNOTATION_ROW_FIELDS
from api.exports import CHUNK, chunked
from archive.selectors import sources_by_article

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
JSONLD_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def annotation_rows(
    queryset: QuerySet,
    actors: Callable[[list[dict]], dict[int, list]] = lambda rows: {},
    order: tuple[str, ...] = ("id",),
) -> Iterator[tuple[dict, list[dict]]]:
    """``(row, article sources)`` per annotation of ``queryset`` (already
    restricted to what the user may see), in ``order`` (by id). ``actors`` gives, for a
    chunk of rows, the actors named in each passage (``row["actors"]``)."""
    rows = (
        queryset.select_related(None)
        .prefetch_related(None)
        .order_by(*order)
        .values(*ANNOTATION_ROW_FIELDS)
    )
    for chunk in chunked(rows.iterator(chunk_size=CHUNK)):
        sources = sources_by_article(list({row["article_id"] for row in chunk}))
        named = actors(chunk)
        for row in chunk:
            row["actors"] = named.get(row["id"], [])
            yield row, sources[row["article_id"]]


def annotation_jsonld(
    record: dict, actors: Iterable = (), *, actor_url: Callable[[str], str] = lambda slug: slug
) -> dict:
    """One annotation in the W3C Web Annotation Data Model, from its record
    (``api.annotations.serializers.record_writer``: its ids are the API's URLs,
    its instants xsd:dateTime in UTC with a "Z", as the model requires). Each
    actor named in the passage is an identifying body: a SpecificResource whose
    source is its Wikidata entity when known, else its page in this API."""
    # No "id" on the tagging body: the W3C suite reads a body with an id as an
    # External Web Resource, which must not carry a purpose (3.3.5-bodyEWRNoPurpose).
    body = [{"type": "TextualBody", "purpose": "tagging", "value": record["topic"]["slug"]}]
    if record["note"]:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": record["note"],
                "language": "ar",
            }
        )
    for actor in actors:
        body.append(
            {
                "type": "SpecificResource",
                "purpose": "identifying",
                "source": actor.wikidata_iri or actor_url(actor.slug),
            }
        )
    quote_selector = {"type": "TextQuoteSelector", "exact": record["quote"]}
    if record["prefix"]:
        quote_selector["prefix"] = record["prefix"]
    if record["suffix"]:
        quote_selector["suffix"] = record["suffix"]
    return {
        "@context": ANNO_CONTEXT,
        "id": record["url"],
        "type": "Annotation",
        "motivation": "tagging",
        "created": record["created_at"],
        "modified": record["updated_at"],
        "body": body,
        "target": {
            "source": record["article"]["url"],
            "selector": [
                quote_selector,
                {"type": "TextPositionSelector", "start": record["start"], "end": record["end"]},
            ],
        },
    }


def jsonld_collection(
    records: Iterable[tuple[dict, list]],
    *,
    collection_url: str,
    total: int,
    actor_url: Callable[[str], str],
) -> Iterator[bytes]:
    """An AnnotationCollection whose one embedded page holds every annotation
    (``(record, actors)`` of ``records``), written piece by piece so it never
    sits in memory whole."""
    head = {
        "@context": ANNO_CONTEXT,
        "id": collection_url,
        "type": "AnnotationCollection",
        "label": "Archive annotations",
        "total": total,
    }
    yield orjson.dumps(head)[:-1] + b',"first":{"type":"AnnotationPage","startIndex":0,"items":['
    first = True
    for record, actors in records:
        item = annotation_jsonld(record, actors, actor_url=actor_url)
        yield (b"" if first else b",") + orjson.dumps(item)
        first = False
    yield b"]}}"
