"""Serializers for topics and annotations. Annotation writes are validated and
saved by ``annotations.services`` (the same rules as the admin), never by
``ModelSerializer.save``."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from annotations.models import Annotation, Topic
from archive.models import Article
from archive.selectors import sees_uncurated
from archive.serializers import ArticleSourceSerializer


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
        fields = ["slug", "url", "name_ar", "name_en", "description", "colour", "annotation_count"]


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


class AnnotationSerializer(serializers.ModelSerializer):
    """Writes (staff): ``article`` id, ``topic`` slug, ``start``/``end`` code
    points and the exact ``quote``. Responses use ``AnnotationReadSerializer``."""

    article = serializers.PrimaryKeyRelatedField(
        queryset=Article.objects.only("id", "body"), help_text="Article id."
    )
    topic = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), help_text="Topic slug."
    )
    status = serializers.ChoiceField(
        choices=Annotation.Status.choices,
        required=False,
        help_text="Approving or rejecting needs the review permission.",
    )

    class Meta:
        model = Annotation
        fields = ["article", "topic", "start", "end", "quote", "note", "status"]
        extra_kwargs = {
            "start": {"help_text": "Code-point offset into the article body (Python str index)."},
            "end": {"help_text": "Code-point offset, exclusive."},
            "quote": {"help_text": "Exactly body[start:end]."},
        }


class AnnotationReadSerializer(serializers.ModelSerializer):
    """The passage with its topic and its article (id, title, date, sources)."""

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
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_fields(self):
        fields = super().get_fields()
        if not sees_uncurated(_user(self.context), "annotations.view_annotation"):
            fields.pop("status")
        return fields
