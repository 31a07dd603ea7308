"""Reads of actors and mentions with business meaning, each narrowed to what
its viewer sees by the curation policy (``archive.curation``), in counts,
lists, filters, co-mentions and exports alike."""

from __future__ import annotations

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from actors import permissions
from actors.models import Actor, Mention
from archive.curation import Viewer
from archive.models import Article, ArticleSource


def actor_list(*, user) -> QuerySet[Actor]:
    """Actors with the mentions and the articles ``user`` may see for each
    (correlated counts, read from the (actor, status, article) index)."""
    visible = (
        Mention.objects.visible_to(Viewer.of(user))
        .filter(actor=OuterRef("pk"))
        .order_by()
        .values("actor")
    )
    mentions = visible.annotate(n=Count("pk")).values("n")
    articles = visible.annotate(n=Count("article", distinct=True)).values("n")
    return (
        Actor.objects.annotate(
            mention_count=Coalesce(Subquery(mentions, output_field=IntegerField()), 0),
            article_count=Coalesce(Subquery(articles, output_field=IntegerField()), 0),
        )
        .prefetch_related("aliases", "roles__organisation")
        .order_by("slug")
    )


def articles_mentioning(articles: QuerySet, slugs: list[str], *, user) -> QuerySet:
    """``articles`` that mention every one of the actors ``slugs`` (visible mentions)."""
    visible = Mention.objects.visible_to(Viewer.of(user))
    for slug in slugs:
        articles = articles.filter(Exists(visible.filter(article=OuterRef("pk"), actor__slug=slug)))
    return articles


def annotations_mentioning(annotations: QuerySet, slugs: list[str], *, user) -> QuerySet:
    """``annotations`` whose passage overlaps a visible mention of every one of
    the actors ``slugs``: the passage holds the name, or part of it."""
    visible = Mention.objects.visible_to(Viewer.of(user))
    for slug in slugs:
        annotations = annotations.filter(
            Exists(
                visible.filter(
                    article=OuterRef("article_id"),
                    actor__slug=slug,
                    start__lt=OuterRef("end"),
                    end__gt=OuterRef("start"),
                )
            )
        )
    return annotations


def events_mentioning(events: QuerySet, slugs: list[str], *, user) -> QuerySet:
    """``events`` reported by visible articles that mention every one of the
    actors ``slugs`` (each actor in at least one of the reporting articles)."""
    from archive.models import EventReport

    reporting = Article.objects.visible_to(Viewer.of(user))
    visible = Mention.objects.visible_to(Viewer.of(user))
    for slug in slugs:
        articles = reporting.filter(
            Exists(visible.filter(article=OuterRef("pk"), actor__slug=slug))
        )
        events = events.filter(
            Exists(EventReport.objects.filter(event=OuterRef("pk"), article__in=articles))
        )
    return events


def co_mentions(actor: Actor, *, user, date_from=None, date_to=None, source=None) -> QuerySet:
    """The other actors named in the articles that name ``actor``, each with
    the number of those articles (visible mentions only), most first.
    ``date_from``/``date_to`` bound the articles' publication date; ``source``
    (a Source) keeps the articles it stands behind."""
    visible = Mention.objects.visible_to(Viewer.of(user))
    articles = Article.objects.filter(Exists(visible.filter(article=OuterRef("pk"), actor=actor)))
    if date_from:
        articles = articles.filter(published_on__gte=date_from)
    if date_to:
        articles = articles.filter(published_on__lte=date_to)
    if source is not None:
        articles = articles.filter(
            Exists(ArticleSource.objects.filter(article=OuterRef("pk"), source=source))
        )
    return (
        Actor.objects.exclude(pk=actor.pk)
        .annotate(
            article_count=Count(
                "mentions__article",
                filter=Q(mentions__in=visible, mentions__article__in=articles),
                distinct=True,
            )
        )
        .filter(article_count__gt=0)
        .order_by("-article_count", "slug")
    )


def actor_slugs_by_article(article_ids: list[int], *, user) -> dict[int, list[str]]:
    """The slugs of the actors visibly mentioned in each article, in slug order."""
    result: dict[int, set[str]] = {pk: set() for pk in article_ids}
    rows = Mention.objects.visible_to(Viewer.of(user)).filter(article_id__in=article_ids)
    for article_id, slug in rows.values_list("article_id", "actor__slug").distinct():
        result[article_id].add(slug)
    return {pk: sorted(slugs) for pk, slugs in result.items()}


def actors_by_annotation(rows: list[dict], *, user) -> dict[int, list[Actor]]:
    """For annotation rows (``id``, ``article_id``, ``start``, ``end``): the
    actors visibly mentioned inside or across each passage, by slug."""
    if not rows:
        return {}
    mentions = (
        Mention.objects.visible_to(Viewer.of(user))
        .filter(article_id__in={row["article_id"] for row in rows})
        .select_related("actor")
        .only("article_id", "start", "end", "actor__slug", "actor__wikidata_id", "actor__id")
    )
    by_article: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    result = {}
    for row in rows:
        found = {
            m.actor.slug: m.actor
            for m in by_article.get(row["article_id"], [])
            if m.start < row["end"] and row["start"] < m.end
        }
        result[row["id"]] = [found[slug] for slug in sorted(found)]
    return result


def mention_counts_by_source(actor: Actor, *, user) -> list[tuple[str, int]]:
    """(source name, articles) for the sources standing behind the articles
    that visibly mention ``actor``, most first."""
    articles = Mention.objects.visible_to(Viewer.of(user)).filter(actor=actor).values("article_id")
    rows = (
        ArticleSource.objects.filter(article_id__in=articles)
        .values("source__name")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "source__name")
    )
    return [(row["source__name"], row["n"]) for row in rows]


def mention_counts_by_month(actor: Actor, *, user) -> list[tuple[str, int]]:
    """("YYYY-MM" or "" for undated articles, mentions), by month, the undated
    last (on SQLite as on PostgreSQL)."""
    from django.db.models.functions import TruncMonth

    rows = (
        Mention.objects.visible_to(Viewer.of(user))
        .filter(actor=actor)
        .annotate(month=TruncMonth("article__published_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by(F("month").asc(nulls_last=True))
    )
    return [(row["month"].strftime("%Y-%m") if row["month"] else "", row["n"]) for row in rows]


def mentions_layer(article: Article, *, user) -> dict:
    """What the annotator's mentions layer shows of one article: its mentions,
    rejected ones left out (code points, quote, status, actor or the candidates
    of an ambiguous one), and the actors an alias may be added to (none for a
    user who may not add one). Embedded in the article's pages and served by
    the layer's JSON endpoint after a change; for users who
    ``permissions.can_view_mentions``."""
    mentions = (
        Mention.objects.filter(article=article)
        .exclude(status=Mention.Status.REJECTED)
        .select_related("actor")
        .prefetch_related("candidates")
        .order_by("start")
    )
    return {
        "mentions": [
            {
                "id": m.pk,
                "start": m.start,
                "end": m.end,
                "quote": m.quote,
                "status": m.status,
                "actor": m.actor.slug if m.actor else None,
                "name": str(m.actor) if m.actor else " / ".join(map(str, m.candidates.all())),
            }
            for m in mentions
        ],
        "actors": [
            {"slug": slug, "name": f"{name_ar} ({name_en})" if name_en else name_ar}
            for slug, name_ar, name_en in Actor.objects.order_by("name_ar").values_list(
                "slug", "name_ar", "name_en"
            )
        ]
        if permissions.can_add_alias(user)
        else [],
    }
