"""Serializers for topics and annotations. Annotation writes are validated and
saved by ``annotations.services`` (the same rules as the admin), never by
``ModelSerializer.save``."""

from __future__ import annotations

from operator import itemgetter

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from annotations.models import Annotation, Topic
from api.archive.serializers import ArticleSourceSerializer, as_date, datetime_formatter, detail_url
from api.exports import sources_text
from archive.curation import Viewer
from archive.instants import instant
from archive.models import Article
from archive.selectors import decode_source_links


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


def drf_validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    """A model ``ValidationError`` as a DRF 400 keyed by field."""
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"non_field_errors": exc.messages})


class TopicSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:topic-detail", lookup_field="slug")
    annotation_count = serializers.IntegerField(
        read_only=True, help_text="Annotations you may see (approved ones for the public)."
    )

    class Meta:
        model = Topic
        fields = [
            "slug",
            "url",
            "name_ar",
            "name_en",
            "description",
            "colour",
            "annotation_count",
            "updated_at",
        ]


class TopicBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name_ar", "name_en"]


class AnnotatedArticleSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")
    sources = ArticleSourceSerializer(source="source_links", many=True, read_only=True)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "published_on", "sources"]


class VisibleArticleField(serializers.PrimaryKeyRelatedField):
    """An article id among those the requester may see: a draft is "no such
    article" to whoever may not read it, and never one of the browsable API's
    choices."""

    def get_queryset(self):
        viewer = Viewer.of(_user(self.context))
        return Article.objects.visible_to(viewer).only("id", "title", "body", "status")


class AnnotationSerializer(serializers.ModelSerializer):
    """Writes (staff): ``article`` id, ``topic`` slug, ``start``/``end`` code
    points and the exact ``quote``. Responses use ``AnnotationReadSerializer``."""

    article = VisibleArticleField(help_text="Article id.")
    topic = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), help_text="Topic slug."
    )
    status = serializers.ChoiceField(
        choices=Annotation.Status.choices,
        required=False,
        help_text="Approving or rejecting needs the review permission; "
        "`suggested` is the suggestion rules' own.",
    )

    class Meta:
        model = Annotation
        fields = ["article", "topic", "start", "end", "quote", "note", "status"]
        extra_kwargs = {
            "start": {"help_text": "Code-point offset into the article body (Python str index)."},
            "end": {"help_text": "Code-point offset, exclusive."},
            "quote": {"help_text": "Exactly body[start:end]."},
        }


class AnnotationListSerializer(serializers.ListSerializer):
    """A page of annotation rows (``annotations.selectors.annotation_list_rows``),
    written field for field as ``AnnotationReadSerializer`` writes a model: the
    page's one query, the articles' sources included."""

    def to_representation(self, data):
        rows = list(data)
        with_status = Viewer.of(_user(self.context)).may_view("annotation")
        format_datetime = datetime_formatter()
        sources: dict[str | None, list[dict]] = {}  # a page holds few articles: decode each once
        return [
            annotation_row(
                row,
                sources.get(links := row["article_sources_json"])
                or sources.setdefault(links, decode_source_links(links)),
                context=self.context,
                with_status=with_status,
                format_datetime=format_datetime,
            )
            for row in rows
        ]


def annotation_row(
    row: dict, sources: list[dict], *, context, with_status: bool, format_datetime=instant
) -> dict:
    """The annotation of ``row`` (``annotations.selectors.ANNOTATION_ROW_FIELDS``,
    its article's ``sources`` decoded) as ``AnnotationReadSerializer`` writes
    it: the list's item and the exports' record."""
    data = {
        "id": row["id"],
        "url": detail_url(context, "api:annotation-detail", row["id"]),
        "article": {
            "id": row["article_id"],
            "url": detail_url(context, "api:article-detail", row["article_id"]),
            "title": row["article__title"],
            "published_on": as_date(row["article__published_on"]),
            "sources": sources,
        },
        "topic": {
            "slug": row["topic__slug"],
            "name_ar": row["topic__name_ar"],
            "name_en": row["topic__name_en"],
        },
        "start": row["start"],
        "end": row["end"],
        "quote": row["quote"],
        "prefix": row["prefix"],
        "suffix": row["suffix"],
        "note": row["note"],
    }
    if with_status:
        data["status"] = row["status"]
    data["version"] = row["version"]
    data["created_at"] = format_datetime(row["created_at"])
    data["updated_at"] = format_datetime(row["updated_at"])
    return data


class AnnotationReadSerializer(serializers.ModelSerializer):
    """The passage with its topic and its article (id, title, date, sources).
    Many at once (the list) from rows: ``AnnotationListSerializer``."""

    url = serializers.HyperlinkedIdentityField(view_name="api:annotation-detail")
    article = AnnotatedArticleSerializer(read_only=True)
    topic = TopicBriefSerializer(read_only=True)
    status = serializers.CharField(read_only=True, required=False, help_text="Staff only.")

    class Meta:
        model = Annotation
        fields = [
            "id",
            "url",
            "article",
            "topic",
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
        ]
        read_only_fields = fields
        extra_kwargs = {"version": {"help_text": "Bumped by every change; the detail's ETag."}}
        list_serializer_class = AnnotationListSerializer
        # The CSV keeps the article's and the topic's columns flat, by their old names.
        csv_columns = {
            "article": [
                ("article_id", itemgetter("id")),
                ("article_url", itemgetter("url")),
                ("article_title", itemgetter("title")),
                ("published_on", itemgetter("published_on")),
                ("sources", lambda article: sources_text(article["sources"])),
            ],
            "topic": [
                ("topic", itemgetter("slug")),
                ("topic_name_ar", itemgetter("name_ar")),
                ("topic_name_en", itemgetter("name_en")),
            ],
        }

    def get_fields(self):
        fields = super().get_fields()
        if not Viewer.of(_user(self.context)).may_view("annotation"):
            fields.pop("status")
        return fields
