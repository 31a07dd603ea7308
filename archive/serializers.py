"""Serializers for articles, sources and events (read-only: the API writes only
annotations). What each user may see is decided by ``archive.selectors``; these
only shape it."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive import search
from archive.models import Article, ArticleSource, Event, EventReport, Source
from archive.selectors import article_topics, sees_uncurated


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


class SourceSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(
        read_only=True, help_text="Articles you may see that this source stands behind."
    )

    class Meta:
        model = Source
        fields = ["id", "slug", "name", "name_en", "kind", "article_count"]


class ArticleSourceSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="source.slug")
    name = serializers.CharField(source="source.name")
    name_en = serializers.CharField(source="source.name_en")
    kind = serializers.CharField(source="source.kind")

    class Meta:
        model = ArticleSource
        fields = ["slug", "name", "name_en", "kind", "role"]


class ArticleListSerializer(serializers.ListSerializer):
    """Adds the topics present on each article of a page in one query."""

    def to_representation(self, data):
        articles = list(data.all() if hasattr(data, "all") else data)
        topics = article_topics(articles, user=_user(self.context))
        for article in articles:
            article.topic_slugs = topics[article.pk]
        query = self.context.get("search_query")
        if query and articles and getattr(articles[0], "search_snippet", None) is None:
            # SQLite has no ts_headline: make the snippet here (one query).
            bodies = dict(
                Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("pk", "body")
            )
            for article in articles:
                article.search_snippet = search.snippet(bodies[article.pk], query)
        return super().to_representation(articles)


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")
    sources = ArticleSourceSerializer(source="source_links", many=True, read_only=True)
    topics = serializers.SerializerMethodField(
        help_text="Slugs of the topics of the article's visible annotations."
    )
    annotation_count = serializers.IntegerField(
        read_only=True, help_text="Annotations you may see (approved ones for the public)."
    )
    body = serializers.CharField(
        read_only=True, required=False, help_text="Only with ?include=body."
    )
    snippet = serializers.SerializerMethodField(
        help_text="With ?q=: an extract around the first match, matches in <b>…</b>."
    )
    rank = serializers.SerializerMethodField(help_text="With ?q=: relevance, higher is better.")

    class Meta:
        model = Article
        list_serializer_class = ArticleListSerializer
        fields = [
            "id",
            "url",
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
            "sources",
            "topics",
            "annotation_count",
            "snippet",
            "rank",
            "body",
        ]

    def get_fields(self):
        fields = super().get_fields()
        if not self.context.get("include_body"):
            fields.pop("body", None)
        if not self.context.get("search_query"):
            fields.pop("snippet", None)
            fields.pop("rank", None)
        return fields

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_topics(self, obj) -> list[str]:
        slugs = getattr(obj, "topic_slugs", None)
        if slugs is None:
            slugs = article_topics([obj], user=_user(self.context))[obj.pk]
        return slugs

    @extend_schema_field(OpenApiTypes.STR)
    def get_snippet(self, obj):
        return getattr(obj, "search_snippet", None)

    @extend_schema_field(OpenApiTypes.FLOAT)
    def get_rank(self, obj):
        return getattr(obj, "search_rank", None)


class EventOfArticleSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="event.id")
    url = serializers.HyperlinkedRelatedField(
        source="event", view_name="api:event-detail", read_only=True
    )
    title = serializers.CharField(source="event.title")
    title_en = serializers.CharField(source="event.title_en")
    kind = serializers.CharField(source="event.kind")
    starts_on = serializers.DateField(source="event.starts_on")
    ends_on = serializers.DateField(source="event.ends_on")
    place = serializers.CharField(source="event.place")

    class Meta:
        model = EventReport
        fields = [
            "id",
            "url",
            "title",
            "title_en",
            "kind",
            "starts_on",
            "ends_on",
            "place",
            "reported_date",
            "reported_date_text",
        ]


class ArticleAnnotationSerializer(serializers.Serializer):
    """An annotation as nested in its article."""

    id = serializers.IntegerField()
    url = serializers.HyperlinkedIdentityField(view_name="api:annotation-detail")
    topic = serializers.SlugField(source="topic.slug")
    start = serializers.IntegerField(help_text="Code-point offset into the body.")
    end = serializers.IntegerField(help_text="Code-point offset, exclusive.")
    quote = serializers.CharField()
    prefix = serializers.CharField()
    suffix = serializers.CharField()
    note = serializers.CharField()
    status = serializers.CharField(required=False, help_text="Staff only.")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not sees_uncurated(_user(self.context), "annotations.view_annotation"):
            data.pop("status", None)
        return data


class ArticleDetailSerializer(ArticleSerializer):
    body = serializers.CharField(read_only=True)
    annotations = ArticleAnnotationSerializer(
        source="visible_annotations", many=True, read_only=True
    )
    events = EventOfArticleSerializer(source="event_reports", many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "caption", "annotations", "events"]

    def get_fields(self):
        fields = serializers.ModelSerializer.get_fields(self)
        fields.pop("snippet", None)
        fields.pop("rank", None)
        return fields


class EventReportSerializer(serializers.ModelSerializer):
    article_id = serializers.IntegerField(source="article.id")
    article_url = serializers.HyperlinkedRelatedField(
        source="article", view_name="api:article-detail", read_only=True
    )
    title = serializers.CharField(source="article.title")
    published_on = serializers.DateField(source="article.published_on")

    class Meta:
        model = EventReport
        fields = [
            "article_id",
            "article_url",
            "title",
            "published_on",
            "reported_date",
            "reported_date_text",
            "note",
        ]


class EventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail")
    reports = EventReportSerializer(
        source="visible_reports",
        many=True,
        read_only=True,
        help_text="The articles reporting the event, each with the date it gives.",
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "title",
            "title_en",
            "kind",
            "starts_on",
            "ends_on",
            "date_precision",
            "place",
            "description",
            "reports",
        ]
