"""FilterSets for the research API's annotation and topic lists."""

from __future__ import annotations

import django_filters

from annotations.models import Annotation, Topic
from api.archive.filters import IdFilter, SlugListFilter, actor_filter, request_user
from archive import search
from archive.models import ArticleSource, Source


class PassageSearchFilter(django_filters.CharFilter):
    """``?q=``: the passages (quote or note) matching an Arabic search."""

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        return search.search_passages(qs, value)


class AnnotationFilter(django_filters.FilterSet):
    topic = SlugListFilter(
        field_name="topic",
        by_id=True,
        queryset=Topic.objects.all(),
        help_text="Topic slug(s), repeated (?topic=a&topic=b) or comma-separated (?topic=a,b).",
    )
    article = IdFilter(
        field_name="article_id", help_text="Article id: the annotations on that article."
    )
    story = IdFilter(
        field_name="article__story_id",
        help_text="Story id: the annotations on any copy of that story.",
    )
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(),
        to_field_name="slug",
        method="filter_source",
        help_text="Source slug: annotations on articles that source stands behind (any role).",
    )
    published_from = django_filters.DateFilter(
        field_name="article__published_on",
        lookup_expr="gte",
        help_text="The article was published on or after this date (YYYY-MM-DD).",
    )
    published_to = django_filters.DateFilter(
        field_name="article__published_on",
        lookup_expr="lte",
        help_text="The article was published on or before this date (YYYY-MM-DD).",
    )
    actor = actor_filter(
        "passages overlapping a mention of each actor (the passage holds the name, or part "
        "of it; not merely the same sentence):"
    )
    status = django_filters.ChoiceFilter(
        choices=Annotation.Status.choices,
        help_text="Staff only (others only ever see approved annotations).",
    )
    q = PassageSearchFilter(
        help_text="Arabic search over each passage's quote and the editor's note, with "
        'the articles\' rules: spelling variants fold, words are ANDed, "a phrase" in '
        "double quotes, -word excludes. Ranked on PostgreSQL unless `ordering` is given.",
    )

    class Meta:
        model = Annotation
        fields = []

    def filter_actor(self, queryset, name, value: list[str]):
        from actors.selectors import annotations_mentioning

        return annotations_mentioning(queryset, value, user=request_user(self))

    def filter_source(self, queryset, name, value: str):
        articles = ArticleSource.objects.filter(source=value).values("article_id")
        return queryset.filter(article_id__in=articles)
