"""Reads of articles, sources and events with business meaning. The one place
the API decides what a user may see: anonymous users and users without the
view permission see only *curated* data (published articles, approved
annotations on them), in lists, details, nested fields, counts, search and
exports alike."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

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


def curated_annotation_count(*, user) -> Coalesce:
    """A correlated count of the annotations on ``OuterRef("pk")`` that ``user`` may see."""
    from annotations.selectors import visible_annotation_count

    return visible_annotation_count(user=user, per="article")


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
    """Rows (dicts of ``ARTICLE_LIST_FIELDS``, ``annotation_count`` and, on
    request, ``body``) of the articles ``user`` may see. Rows, not models: a
    page of fifty is read and serialised several times faster. Sources and
    topics are added per page by ``sources_by_article`` and ``topics_by_article``."""
    fields = (*ARTICLE_LIST_FIELDS, *(("body",) if include_body else ()))
    return (
        article_visible(user=user)
        .annotate(annotation_count=curated_annotation_count(user=user))
        .values(*fields, "annotation_count")
    )


def article_detail_queryset(*, user) -> QuerySet[Article]:
    """Articles ``user`` may see, with body, the annotations ``user`` may see
    (``visible_annotations``: their number is the article's annotation count)
    and the events they report. Sources and topics: ``sources_by_article`` and
    ``topics_by_article``."""
    from annotations.selectors import annotation_visible

    return (
        article_visible(user=user)
        .defer(*_HEAVY)
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


def topics_by_article(article_ids: list[int], *, user) -> dict[int, list[str]]:
    """Slugs of the topics of visible annotations per article id, for articles
    ``user`` may see: one query."""
    from annotations.selectors import annotation_visible_on

    topics: dict[int, list[str]] = {pk: [] for pk in article_ids}
    if not topics:
        return topics
    rows = (
        annotation_visible_on(list(topics), user=user)
        .order_by("article_id", "topic__slug")
        .values_list("article_id", "topic__slug")
        .distinct()
    )
    for article_id, slug in rows:
        topics[article_id].append(slug)
    return topics


def sources_by_article(article_ids: list[int]) -> dict[int, list[dict]]:
    """The source links of each article id (slug, name, name_en, kind, role): one query."""
    sources: dict[int, list[dict]] = {pk: [] for pk in article_ids}
    rows = (
        ArticleSource.objects.filter(article_id__in=article_ids)
        .order_by("article_id", "role", "source__name")
        .values_list(
            "article_id", "source__slug", "source__name", "source__name_en", "source__kind", "role"
        )
    )
    for article_id, slug, name, name_en, kind, role in rows:
        sources[article_id].append(
            {"slug": slug, "name": name, "name_en": name_en, "kind": kind, "role": role}
        )
    return sources


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
