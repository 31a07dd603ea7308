"""Reads of articles, sources and events with business meaning. The one place
the API decides what a user may see: anonymous users and users without the
view permission see only *curated* data (published articles, approved
annotations on them), in lists, details, nested fields, counts, search and
exports alike."""

from __future__ import annotations

from operator import itemgetter

import orjson
from django.db.models import Count, Expression, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from archive.expressions import JSONArrayAgg, JSONTuple
from archive.models import Article, ArticleSource, Event, EventReport, Source

# Columns the lists never need (the body is sent only on request).
_HEAVY = ("raw_text", "search_text")


def sees_uncurated(user, perm: str) -> bool:
    """Staff with the model's view permission see drafts and every status."""
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm(perm))


def article_visible(*, user) -> QuerySet[Article]:
    """Every article ``user`` may see (no prefetching)."""
    articles = Article.objects.all()
    if not sees_uncurated(user, "archive.view_article"):
        articles = articles.published()
    return articles


def visible_annotation_count(*, user) -> Coalesce:
    """A correlated count of the annotations ``user`` may see on the visible
    article ``OuterRef("pk")``."""
    from annotations.selectors import annotation_visible_on

    counted = (
        annotation_visible_on(OuterRef("pk"), user=user)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def visible_topics_json(*, user) -> Subquery:
    """The slugs of the topics of the annotations ``user`` may see on the
    visible article ``OuterRef("pk")``, as JSON text (decode: ``topic_slugs``)."""
    from annotations.selectors import annotation_visible_on

    return Subquery(
        annotation_visible_on(OuterRef("pk"), user=user)
        .order_by()
        .values("article")
        .annotate(slugs=JSONArrayAgg("topic__slug", distinct=True))
        .values("slugs")
    )


def topic_slugs(value: str | None) -> list[str]:
    """The list of ``visible_topics_json``, in slug order."""
    return sorted(orjson.loads(value)) if value else []


# An article's link to a source, as the API writes it.
SOURCE_LINK_FIELDS = ("slug", "name", "name_en", "kind", "role")
_SOURCE_LINK_COLUMNS = tuple(f"source__{name}" for name in SOURCE_LINK_FIELDS[:-1]) + ("role",)
_SOURCE_LINK_ORDER = itemgetter(4, 1)  # role, then source name


def source_links_json(article: Expression | None = None) -> Subquery:
    """The source links of the article ``article`` (default ``OuterRef("pk")``)
    as JSON text (decode: ``source_links``)."""
    return Subquery(
        ArticleSource.objects.filter(article=article or OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(links=JSONArrayAgg(JSONTuple(*_SOURCE_LINK_COLUMNS)))
        .values("links")
    )


def source_links(value: str | None) -> list[dict]:
    """The list of ``source_links_json`` (dicts of ``SOURCE_LINK_FIELDS``), by
    role, then source name."""
    if not value:
        return []
    return _source_link_dicts(orjson.loads(value))


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
)


def article_list(*, user, include_body: bool = False) -> QuerySet:
    """Rows of the articles ``user`` may see: dicts of ``ARTICLE_LIST_FIELDS``,
    ``annotation_count``, ``sources_json`` and ``topics_json`` (decode them with
    ``source_links`` and ``topic_slugs``) and, on request, ``body``. Rows, not
    models, and one query a page: a page of fifty is read and serialised
    several times faster."""
    fields = (*ARTICLE_LIST_FIELDS, *(("body",) if include_body else ()))
    return (
        article_visible(user=user)
        .annotate(
            annotation_count=visible_annotation_count(user=user),
            sources_json=source_links_json(),
            topics_json=visible_topics_json(user=user),
        )
        .values(*fields, "annotation_count", "sources_json", "topics_json")
    )


def article_detail_queryset(*, user) -> QuerySet[Article]:
    """Articles ``user`` may see, with body, their sources (``sources_json``),
    the annotations ``user`` may see (``visible_annotations``: their number is
    the article's annotation count, their topics the article's) and the events
    they report."""
    from annotations.selectors import annotation_visible

    return (
        article_visible(user=user)
        .defer(*_HEAVY)
        .annotate(sources_json=source_links_json())
        .prefetch_related(
            Prefetch(
                "annotations",
                queryset=annotation_visible(user=user)
                .select_related("topic")
                .order_by("start", "id"),
                to_attr="visible_annotations",
            ),
            Prefetch(
                "event_reports",
                queryset=EventReport.objects.select_related("event").order_by("event__starts_on"),
            ),
        )
    )


def sources_by_article(article_ids: list[int]) -> dict[int, list[dict]]:
    """The source links of each article id, as ``source_links`` gives them: one
    query for many articles (the annotation exports, a chunk at a time)."""
    rows: dict[int, list] = {pk: [] for pk in article_ids}
    links = ArticleSource.objects.filter(article_id__in=article_ids).values_list(
        "article_id", *_SOURCE_LINK_COLUMNS
    )
    for article_id, *link in links:
        rows[article_id].append(link)
    return {pk: _source_link_dicts(article_links) for pk, article_links in rows.items()}


def source_list(*, user) -> QuerySet[Source]:
    """Sources with the number of visible articles each stands behind."""
    counted = (
        ArticleSource.objects.filter(
            source=OuterRef("pk"), article__in=article_visible(user=user).values("pk")
        )
        .order_by()
        .values("source")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    return Source.objects.annotate(
        article_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    ).order_by("name", "id")


def event_list(*, user) -> QuerySet[Event]:
    """Events with the visible articles reporting them, each with its reported date."""
    reports = (
        EventReport.objects.filter(article__in=article_visible(user=user).values("pk"))
        .select_related("article")
        .only(
            "id",
            "event_id",
            "reported_date",
            "reported_date_text",
            "note",
            "article__id",
            "article__title",
            "article__published_on",
        )
        .order_by("reported_date", "article_id")
    )
    return Event.objects.prefetch_related(
        Prefetch("reports", queryset=reports, to_attr="visible_reports")
    ).order_by("-starts_on", "id")
