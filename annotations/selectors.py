"""Reads of topics and annotations with business meaning, each narrowed to
what its viewer sees by the curation policy (``archive.curation``); each
takes ``viewer``, the ``Viewer`` its caller made once from the request's user
(``Viewer.of``). Also the reads of
articles that carry their visible annotations (the API's article list and
detail), since they need both apps and annotations build on the archive."""

from __future__ import annotations

from operator import itemgetter

import orjson
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from annotations.models import Annotation, Topic
from archive.curation import Viewer, built_once
from archive.expressions import JSONTuple, annotate_lateral, annotate_precompiled
from archive.models import Article, ArticleSource
from archive.selectors import (
    ARTICLE_LIST_FIELDS,
    article_events_json,
    json_per_article,
    source_links_json,
)


def hidden_notice(article, user) -> str:
    """What the annotator tells ``user`` when an open assignment hides
    colleagues' passages on ``article``; empty when nothing is hidden."""
    if Viewer.of(user).restriction("annotation") is None:
        return ""
    from agreement.selectors import open_assignments_hiding

    titles = [a.title for a in open_assignments_hiding(article, user)]
    if not titles:
        return ""
    return _(
        "Double annotation (%(titles)s): you see only your own passages on this article "
        "until a reviewer closes the assignment."
    ) % {"titles": "، ".join(titles)}


def annotation_list(*, viewer: Viewer) -> QuerySet[Annotation]:
    """Annotations ``viewer`` may see with topic, article (without its body) and
    the article's sources, ready to serialise in a constant number of queries."""
    return (
        Annotation.objects.visible_to(viewer)
        .select_related("topic", "article")
        .defer("article__body", "article__raw_text", "article__search_text", "article__caption")
        .prefetch_related(
            Prefetch(
                "article__source_links",
                queryset=ArticleSource.objects.select_related("source").order_by(
                    "role", "source__name"
                ),
            )
        )
    )


# An annotation's record, declared once: each of its fields (its article's and
# topic's, for those two) with the column of the list's row that holds it, in
# the record's order. The list's rows and the exports read these columns; the
# API's annotation (``api.annotations.serializers``) has these fields, in this
# order, its URL after the id, and writes them from these columns; the item
# nested in an article (``ANNOTATION_ITEM_FIELDS``) is taken from it. A field
# added here reaches the list, the detail, the schema and every export.
ANNOTATION_RECORD: dict[str, str | dict[str, str]] = {
    "id": "id",
    "article": {
        "id": "article_id",
        "title": "article__title",
        "published_on": "article__published_on",
    },
    "topic": {"slug": "topic__slug", "name_ar": "topic__name_ar", "name_en": "topic__name_en"},
    "start": "start",
    "end": "end",
    "quote": "quote",
    "prefix": "prefix",
    "suffix": "suffix",
    "note": "note",
    "status": "status",
    "version": "version",
    "created_at": "created_at",
    "updated_at": "updated_at",
}

# The annotation list's columns: the record's, in its order.
ANNOTATION_ROW_FIELDS = tuple(
    column
    for columns in ANNOTATION_RECORD.values()
    for column in (columns.values() if isinstance(columns, dict) else (columns,))
)


def annotation_list_rows(*, viewer: Viewer) -> QuerySet:
    """Rows of the annotations ``viewer`` may see, for the list: dicts of
    ``ANNOTATION_ROW_FIELDS`` and ``article_sources_json`` (decode it with
    ``archive.selectors.decode_source_links``). One query a page. Built once per kind
    of viewer (``archive.curation.built_once``)."""
    return built_once(
        "annotation_list_rows",
        viewer,
        lambda: annotate_lateral(
            Annotation.objects.visible_to(viewer),
            article_sources_json=source_links_json(OuterRef("article_id")),
        ).values(*ANNOTATION_ROW_FIELDS, "article_sources_json"),
    )


def topic_list(*, viewer: Viewer) -> QuerySet[Topic]:
    """Topics with the number of annotations ``viewer`` may see on each."""
    return Topic.objects.with_annotation_count(viewer).order_by("slug")


# Articles with what they carry of the annotations a user may see.


def _on_visible_article(viewer: Viewer) -> QuerySet[Annotation]:
    """The annotations ``viewer`` may see on the article ``OuterRef("pk")``, one
    they may see (so its status need not be read again)."""
    return Annotation.objects.filter(article=OuterRef("pk")).visible_to(
        viewer, articles_visible=True
    )


def visible_annotation_count(*, viewer: Viewer) -> Coalesce:
    """A correlated count of the annotations ``viewer`` may see on the visible
    article ``OuterRef("pk")``."""
    counted = (
        _on_visible_article(viewer).order_by().values("article").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def visible_topics_json(*, viewer: Viewer) -> Subquery:
    """The slugs of the topics of the annotations ``viewer`` may see on the
    visible article ``OuterRef("pk")``, as JSON text (decode:
    ``archive.selectors.topic_slugs``)."""
    return json_per_article(_on_visible_article(viewer), "topic__slug", distinct=True)


def article_list(*, viewer: Viewer, include_body: bool = False) -> QuerySet:
    """Rows of the articles ``viewer`` may see: dicts of
    ``archive.selectors.ARTICLE_LIST_FIELDS``, ``annotation_count``,
    ``sources_json`` and ``topics_json`` (decode them with
    ``archive.selectors.decode_source_links`` and ``topic_slugs``) and, on
    request, ``body``. Rows, not models, and one query a page: a page of fifty
    is read and serialised several times faster.

    Built once per kind of viewer (``built_once``): building its three correlated
    subqueries costs the ORM about as long as PostgreSQL takes to run the page."""
    return built_once(
        "article_list",
        viewer,
        lambda: _article_list(viewer=viewer, include_body=include_body),
        include_body,
    )


def _article_list(*, viewer: Viewer, include_body: bool) -> QuerySet:
    fields = (*ARTICLE_LIST_FIELDS, *(("body",) if include_body else ()))
    return annotate_precompiled(
        Article.objects.visible_to(viewer),
        annotation_count=visible_annotation_count(viewer=viewer),
        sources_json=source_links_json(),
        topics_json=visible_topics_json(viewer=viewer),
    ).values(*fields, "annotation_count", "sources_json", "topics_json", "story", address=F("url"))


def article_detail(*, viewer: Viewer) -> QuerySet:
    """Rows of the articles ``viewer`` may see, with everything the detail shows,
    in one query: the list's columns, ``body``, ``caption``, ``sources_json``,
    and ``annotations_json`` and ``events_json`` (decode them with
    ``annotation_items`` and ``archive.selectors.event_items``). The
    annotations are those ``viewer`` may see: their number is the article's
    annotation count, their topics the article's. Built once per kind of viewer
    (``built_once``)."""
    return built_once("article_detail", viewer, lambda: _article_detail(viewer=viewer))


def _article_detail(*, viewer: Viewer) -> QuerySet:
    return annotate_precompiled(
        Article.objects.visible_to(viewer),
        sources_json=source_links_json(),
        annotations_json=json_per_article(
            _on_visible_article(viewer),
            JSONTuple(*_ANNOTATION_ITEM_COLUMNS),
        ),
        events_json=article_events_json(viewer=viewer),
    ).values(
        *ARTICLE_LIST_FIELDS,
        "body",
        "caption",
        "sources_json",
        "annotations_json",
        "events_json",
        "story",
        address=F("url"),
    )


# An annotation as nested in its article: its record without the article (it
# is nested in it), its version and its instants, its topic by slug.
ANNOTATION_ITEM_FIELDS = tuple(
    name
    for name in ANNOTATION_RECORD
    if name not in ("article", "version", "created_at", "updated_at")
)
_ANNOTATION_ITEM_COLUMNS = tuple(
    ANNOTATION_RECORD["topic"]["slug"] if name == "topic" else ANNOTATION_RECORD[name]
    for name in ANNOTATION_ITEM_FIELDS
)


def annotation_items(value: str | None) -> list[dict]:
    """The annotations of ``annotations_json`` (dicts of ``ANNOTATION_ITEM_FIELDS``)
    in text order (by start, then id)."""
    rows = orjson.loads(value) if value else []
    rows.sort(key=itemgetter(2, 0))
    return [dict(zip(ANNOTATION_ITEM_FIELDS, row, strict=True)) for row in rows]
