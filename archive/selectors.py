"""Reads of articles, sources and events with business meaning, each narrowed
to what its viewer sees by the curation policy (``archive.curation``). Each
takes ``viewer``, the ``Viewer`` its caller made once from the request's user
(``Viewer.of``)."""

from __future__ import annotations

from operator import itemgetter

import orjson
from django.db.models import (
    Count,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from archive.curation import Viewer
from archive.expressions import JSONArrayAgg, JSONTuple
from archive.models import Article, ArticleSource, Event, EventReport, Source, Story


def json_per_article(rows: QuerySet, value, *, distinct: bool = False) -> Subquery:
    """``value`` over ``rows`` (filtered on one article, ``OuterRef``) as a JSON
    array in text, NULL when there are none: one correlated subquery."""
    aggregate = JSONArrayAgg(value, distinct=distinct)
    return Subquery(rows.order_by().values("article").annotate(json=aggregate).values("json"))


def topic_slugs(value: str | None) -> list[str]:
    """The list of ``annotations.selectors.visible_topics_json``, in slug order."""
    return sorted(orjson.loads(value)) if value else []


# An article's link to a source, as the API writes it.
SOURCE_LINK_FIELDS = ("slug", "name", "name_en", "kind", "role")
_SOURCE_LINK_COLUMNS = tuple(f"source__{name}" for name in SOURCE_LINK_FIELDS[:-1]) + ("role",)
_SOURCE_LINK_ORDER = itemgetter(4, 1)  # role, then source name


def source_links_json(article: Expression | None = None) -> Subquery:
    """The source links of the article ``article`` (default ``OuterRef("pk")``)
    as JSON text (decode: ``decode_source_links``)."""
    return json_per_article(
        ArticleSource.objects.filter(article=article or OuterRef("pk")),
        JSONTuple(*_SOURCE_LINK_COLUMNS),
    )


def decode_source_links(value: str | None) -> list[dict]:
    """The list of ``source_links_json`` (dicts of ``SOURCE_LINK_FIELDS``), by
    role, then source name."""
    if not value:
        return []
    return _source_link_dicts(orjson.loads(value))


def publisher_slug(links: list[dict]) -> str | None:
    """The slug of the article's publisher among its ``source_links``."""
    return next((link["slug"] for link in links if link["role"] == "publisher"), None)


def _source_link_dicts(rows: list) -> list[dict]:
    rows.sort(key=_SOURCE_LINK_ORDER)
    return [dict(zip(SOURCE_LINK_FIELDS, row, strict=True)) for row in rows]


# The article list's own columns, in the API's order.
ARTICLE_LIST_FIELDS = (
    "id",
    "title",
    "title_derived",
    "summary",
    "published_on",
    "published_at",
    "published_precision",
    "published_text",
    "source_updated_at",
    "hijri_date_text",
    "language",
    "status",
    "updated_at",
)


# An event as reported by an article.
EVENT_ITEM_FIELDS = (
    "id",
    "title",
    "title_en",
    "kind",
    "starts_on",
    "ends_on",
    "place",
    "reported_date",
    "reported_date_text",
)
_EVENT_ITEM_COLUMNS = (
    "event_id",
    *(f"event__{name}" for name in EVENT_ITEM_FIELDS[1:7]),
    "reported_date",
    "reported_date_text",
)


def event_items(value: str | None) -> list[dict]:
    """The events of ``events_json`` (dicts of ``EVENT_ITEM_FIELDS``, dates in
    ISO 8601) by start date, undated last, then id."""
    rows = orjson.loads(value) if value else []
    rows.sort(key=lambda row: (row[4] is None, row[4] or "", row[0]))
    return [dict(zip(EVENT_ITEM_FIELDS, row, strict=True)) for row in rows]


def article_events_json(*, viewer: Viewer) -> Subquery:
    """The events ``viewer`` may see reported by the visible article
    ``OuterRef("pk")``, as JSON text (decode: ``event_items``)."""
    reports = EventReport.objects.filter(article=OuterRef("pk")).visible_to(
        viewer, articles_visible=True
    )
    return json_per_article(reports, JSONTuple(*_EVENT_ITEM_COLUMNS))


def sources_by_article(article_ids: list[int]) -> dict[int, list[dict]]:
    """The source links of each article id, as ``decode_source_links`` gives them: one
    query for many articles (the annotation exports, a chunk at a time)."""
    rows: dict[int, list] = {pk: [] for pk in article_ids}
    links = ArticleSource.objects.filter(article_id__in=article_ids).values_list(
        "article_id", *_SOURCE_LINK_COLUMNS
    )
    for article_id, *link in links:
        rows[article_id].append(link)
    return {pk: _source_link_dicts(article_links) for pk, article_links in rows.items()}


def source_list(*, viewer: Viewer) -> QuerySet[Source]:
    """The sources ``viewer`` may see (for the public, those standing behind a
    published article; a source cited only by drafts is unknown to them, in
    the list, its detail and the articles' ``source`` filter alike), with the
    number of visible articles each stands behind."""
    return Source.objects.visible_to(viewer).with_article_count(viewer).order_by("name", "id")


# Events: what the public sees of them and their reports is the curation
# policy's (``archive.curation``); the conflict flag, the dates and the spread
# the public sees come from published reports only.


def event_list(*, viewer: Viewer) -> QuerySet[Event]:
    """Events ``viewer`` may see, each with the reports they may see
    (``visible_reports``: article and evidence with them), by date."""
    reports = (
        EventReport.objects.visible_to(viewer)
        .select_related("article", "mention")
        .only(
            "id",
            "event_id",
            "reported_date",
            "reported_date_text",
            "reported_year",
            "reported_month",
            "reported_day",
            "reported_precision",
            "note",
            "article__id",
            "article__title",
            "article__published_on",
            "article__status",
            "mention__id",
            "mention__start",
            "mention__end",
            "mention__quote",
            "mention__flagged",
        )
        .order_by("reported_date", "article_id")
    )
    return (
        Event.objects.visible_to(viewer)
        .prefetch_related(Prefetch("reports", queryset=reports, to_attr="visible_reports"))
        .order_by("-starts_on", "id")
    )


def timeline_rows(events: QuerySet[Event], *, viewer: Viewer) -> tuple[list[dict], dict[int, list]]:
    """For drawing or plotting many events: rows of ``events`` (already
    visible to ``viewer``, in their order) and, per event id, the reports
    ``viewer`` may see as ``(article_id, article_title, claim, published_on,
    date_text)``, by claimed date then article as ``event_list`` gives them.
    Two queries, no models."""
    rows = list(
        events.prefetch_related(None).values(
            "pk", "title", "title_en", "kind", "starts_on", "latest_on"
        )
    )
    reports: dict[int, list] = {}
    found = (
        EventReport.objects.visible_to(viewer)
        .filter(event__in=events.order_by().values("pk"))
        .order_by("event_id", "reported_date", "article_id")
        .values_list(
            "event_id",
            "article_id",
            "article__title",
            "article__published_on",
            "reported_date_text",
            *EventReport.CLAIM_FIELDS,
        )
    )
    claim_of = EventReport.claim_of
    for event_id, article_id, title, published_on, text, *claim in found:
        reports.setdefault(event_id, []).append(
            (article_id, title, claim_of(*claim), published_on, text)
        )
    return rows, reports


def visible_story_copies(*, viewer: Viewer, story: Expression | None = None) -> Coalesce:
    """A correlated count of the articles ``viewer`` may see in the story
    ``story`` (default ``OuterRef("story")``); 1 for an article in no story."""
    counted = (
        Article.objects.visible_to(viewer)
        .filter(story=story if story is not None else OuterRef("story"))
        .order_by()
        .values("story")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 1)


def story_list(*, viewer: Viewer) -> QuerySet[Story]:
    """The stories ``viewer`` may see: those with a copy they may see. Each
    with ``copies`` (the copies they may see), ``shown`` (the id of the
    article that stands for it: its representative when visible, else its
    earliest visible copy), ``title`` (that article's) and ``first_published_on``."""
    visible = Article.objects.visible_to(viewer)
    earliest = visible.filter(story=OuterRef("pk")).order_by(
        F("published_on").asc(nulls_last=True), "id"
    )
    representative = visible.filter(pk=OuterRef("representative_id"), story=OuterRef("pk"))
    shown = Coalesce(Subquery(representative.values("pk")[:1]), Subquery(earliest.values("pk")[:1]))
    return (
        Story.objects.visible_to(viewer)
        .annotate(
            shown=shown,
            title=Subquery(Article.objects.filter(pk=OuterRef("shown")).values("title")[:1]),
            first_published_on=Subquery(earliest.values("published_on")[:1]),
        )
        .order_by("-id")
    )


def story_articles(story: Story, *, viewer: Viewer) -> list[dict]:
    """The copies of ``story`` ``viewer`` may see, in publication order: rows
    with id, title, published_on, address and sources_json."""
    return list(
        Article.objects.visible_to(viewer)
        .filter(story=story)
        .annotate(sources_json=source_links_json())
        .order_by(F("published_on").asc(nulls_last=True), "id")
        .values("id", "title", "published_on", "sources_json", address=F("url"))
    )
