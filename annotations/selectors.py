"""Reads of topics and annotations with business meaning: what each user may
see. Anonymous users (and users without the view permission) see only
curated annotations: approved, on published articles. Also the reads of
articles that carry their visible annotations (the API's article list and
detail), since they need both apps and annotations build on the archive."""

from __future__ import annotations

from operator import itemgetter

import orjson
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from annotations import permissions
from annotations.models import Annotation, Topic
from archive.expressions import JSONTuple, annotate_precompiled
from archive.models import ArticleSource
from archive.selectors import (
    ARTICLE_LIST_FIELDS,
    article_events_json,
    article_visible,
    built_once,
    json_per_article,
    sees_uncurated,
    source_links_json,
)


def visibility(user) -> tuple[bool, bool, int | None]:
    """All that the selectors ask of a user: may they see uncurated articles,
    and uncurated annotations? And, when an open assignment hides colleagues'
    passages from them, who they are."""
    return (
        sees_uncurated(user, "archive.view_article"),
        sees_uncurated(user, "annotations.view_annotation"),
        None if permissions.hidden_from(user) is None else user.pk,
    )


def sees_every_annotation(user) -> bool:
    """Staff who may view annotations and draft articles see every annotation;
    everyone else sees the curated ones."""
    return sees_uncurated(user, "annotations.view_annotation") and sees_uncurated(
        user, "archive.view_article"
    )


def without_hidden(annotations: QuerySet[Annotation], *, user) -> QuerySet[Annotation]:
    """``annotations`` less those hidden from ``user`` by an open assignment
    (``annotations.permissions.hidden_from``)."""
    hidden = permissions.hidden_from(user)
    return annotations if hidden is None else annotations.exclude(hidden)


def hidden_notice(article, user) -> str:
    """What the annotator tells ``user`` when an open assignment hides
    colleagues' passages on ``article``; empty when nothing is hidden."""
    if permissions.hidden_from(user) is None:
        return ""
    from agreement.selectors import open_assignments_hiding

    titles = [a.title for a in open_assignments_hiding(article, user)]
    if not titles:
        return ""
    return _(
        "Double annotation (%(titles)s): you see only your own passages on this article "
        "until a reviewer closes the assignment."
    ) % {"titles": "، ".join(titles)}


def annotation_visible(*, user) -> QuerySet[Annotation]:
    """Every annotation ``user`` may see (no joins)."""
    if sees_every_annotation(user):
        return without_hidden(Annotation.objects.all(), user=user)
    return without_hidden(Annotation.objects.curated(), user=user)


def annotation_visible_on(articles, *, user) -> QuerySet[Annotation]:
    """The annotations ``user`` may see on ``articles`` (a list of ids, or an
    expression such as ``OuterRef("pk")``), articles the caller already knows
    ``user`` may see. The same rule as ``annotation_visible``, without joining
    the articles where their status is known: to anonymous users they are
    published. (PostgreSQL otherwise hash-joins every article to find fifty.)"""
    if isinstance(articles, list | tuple | set):
        annotations = Annotation.objects.filter(article_id__in=articles)
    else:
        annotations = Annotation.objects.filter(article=articles)
    if sees_every_annotation(user):
        return without_hidden(annotations, user=user)
    if sees_uncurated(user, "archive.view_article"):  # drafts, whose annotations are not curated
        return without_hidden(annotations.curated(), user=user)
    return without_hidden(annotations.approved(), user=user)


def annotation_list(*, user) -> QuerySet[Annotation]:
    """Annotations ``user`` may see with topic, article (without its body) and
    the article's sources, ready to serialise in a constant number of queries."""
    return (
        annotation_visible(user=user)
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


# The annotation list's columns: the annotation, its topic, its article.
ANNOTATION_ROW_FIELDS = (
    "id",
    "article_id",
    "article__title",
    "article__published_on",
    "topic__slug",
    "topic__name_ar",
    "topic__name_en",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "note",
    "status",
    "version",
    "created_at",
    "updated_at",
)


def annotation_list_rows(*, user) -> QuerySet:
    """Rows of the annotations ``user`` may see, for the list: dicts of
    ``ANNOTATION_ROW_FIELDS`` and ``article_sources_json`` (decode it with
    ``archive.selectors.decode_source_links``). One query a page. Built once per kind
    of user (``archive.selectors.built_once``)."""
    return built_once(
        ("annotation_list_rows", *visibility(user)),
        lambda: annotate_precompiled(
            annotation_visible(user=user),
            article_sources_json=source_links_json(OuterRef("article_id")),
        ).values(*ANNOTATION_ROW_FIELDS, "article_sources_json"),
    )


def topic_list(*, user) -> QuerySet[Topic]:
    """Topics with the number of annotations ``user`` may see on each. The
    public's count is the tally the database keeps (``TopicTally``); staff's is
    a correlated count per topic, read from the (status, topic, article) index."""
    if visibility(user) == (False, False, None):
        return Topic.objects.annotate(annotation_count=Coalesce(F("tally__curated"), 0)).order_by(
            "slug"
        )
    counted = (
        annotation_visible(user=user)
        .filter(topic=OuterRef("pk"))
        .order_by()
        .values("topic")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Topic.objects.annotate(
        annotation_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    ).order_by("slug")


# Articles with what they carry of the annotations a user may see.


def visible_annotation_count(*, user) -> Coalesce:
    """A correlated count of the annotations ``user`` may see on the visible
    article ``OuterRef("pk")``."""
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
    visible article ``OuterRef("pk")``, as JSON text (decode:
    ``archive.selectors.topic_slugs``)."""
    return json_per_article(
        annotation_visible_on(OuterRef("pk"), user=user), "topic__slug", distinct=True
    )


def article_list(*, user, include_body: bool = False) -> QuerySet:
    """Rows of the articles ``user`` may see: dicts of
    ``archive.selectors.ARTICLE_LIST_FIELDS``, ``annotation_count``,
    ``sources_json`` and ``topics_json`` (decode them with
    ``archive.selectors.decode_source_links`` and ``topic_slugs``) and, on
    request, ``body``. Rows, not models, and one query a page: a page of fifty
    is read and serialised several times faster.

    Built once per kind of user (``built_once``): building its three correlated
    subqueries costs the ORM about as long as PostgreSQL takes to run the page."""
    return built_once(
        ("article_list", *visibility(user), include_body),
        lambda: _article_list(user=user, include_body=include_body),
    )


def _article_list(*, user, include_body: bool) -> QuerySet:
    fields = (*ARTICLE_LIST_FIELDS, *(("body",) if include_body else ()))
    return annotate_precompiled(
        article_visible(user=user),
        annotation_count=visible_annotation_count(user=user),
        sources_json=source_links_json(),
        topics_json=visible_topics_json(user=user),
    ).values(*fields, "annotation_count", "sources_json", "topics_json", "story", address=F("url"))


def article_detail(*, user) -> QuerySet:
    """Rows of the articles ``user`` may see, with everything the detail shows,
    in one query: the list's columns, ``body``, ``caption``, ``sources_json``,
    and ``annotations_json`` and ``events_json`` (decode them with
    ``annotation_items`` and ``archive.selectors.event_items``). The
    annotations are those ``user`` may see: their number is the article's
    annotation count, their topics the article's. Built once per kind of user
    (``built_once``)."""
    return built_once(("article_detail", *visibility(user)), lambda: _article_detail(user=user))


def _article_detail(*, user) -> QuerySet:
    return annotate_precompiled(
        article_visible(user=user),
        sources_json=source_links_json(),
        annotations_json=json_per_article(
            annotation_visible_on(OuterRef("pk"), user=user),
            JSONTuple(*_ANNOTATION_ITEM_COLUMNS),
        ),
        events_json=article_events_json(user=user),
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


# An annotation as nested in its article.
ANNOTATION_ITEM_FIELDS = (
    "id",
    "topic",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "note",
    "status",
)
_ANNOTATION_ITEM_COLUMNS = ("id", "topic__slug", *ANNOTATION_ITEM_FIELDS[2:])


def annotation_items(value: str | None) -> list[dict]:
    """The annotations of ``annotations_json`` (dicts of ``ANNOTATION_ITEM_FIELDS``)
    in text order (by start, then id)."""
    rows = orjson.loads(value) if value else []
    rows.sort(key=itemgetter(2, 0))
    return [dict(zip(ANNOTATION_ITEM_FIELDS, row, strict=True)) for row in rows]
