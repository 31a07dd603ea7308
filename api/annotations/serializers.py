"""Serializers for topics and annotations. Annotation writes are validated and
saved by ``annotations.services`` (the same rules as the admin), never by
``ModelSerializer.save``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import itemgetter
from types import CodeType

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from annotations.models import Annotation, Topic
from annotations.selectors import ANNOTATION_RECORD
from api.archive.serializers import ArticleSourceSerializer, as_date, datetime_formatter, detail_url
from api.exports import sources_text
from api.schema import describing_schema, optional_fields
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
    # An annotation's topic: its fields in ANNOTATION_RECORD.

    class Meta:
        model = Topic
        fields = list(ANNOTATION_RECORD["topic"])


class AnnotatedArticleSerializer(serializers.ModelSerializer):
    # An annotation's article: its fields in ANNOTATION_RECORD, its URL after
    # the id, its sources last.

    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")
    sources = ArticleSourceSerializer(source="source_links", many=True, read_only=True)

    class Meta:
        model = Article
        fields = ["id", "url", *list(ANNOTATION_RECORD["article"])[1:], "sources"]


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
        write = record_writer(self.child, format_datetime=datetime_formatter())
        sources: dict[str | None, list[dict]] = {}  # a page holds few articles: decode each once
        return [
            write(
                row,
                sources.get(links := row["article_sources_json"])
                or sources.setdefault(links, decode_source_links(links)),
            )
            for row in rows
        ]


def record_writer(serializer, *, format_datetime=instant) -> Callable[[dict, list[dict]], dict]:
    """What writes a row of ``annotations.selectors.ANNOTATION_ROW_FIELDS`` (its
    article's ``sources`` decoded) as ``serializer`` (an ``AnnotationReadSerializer``
    with the request's context, so with the fields it shows) writes the
    annotation: the list's item and the exports' record. Each field is read from
    its column of ``ANNOTATION_RECORD`` and written as its serializer field
    writes it (instants in UTC with ``Z``, dates ISO, URLs with their slash),
    without DRF's per-value machinery.

    The writer is one dict display compiled from the fields, as ``dataclasses``
    compile their methods, and runs as fast as the display written by hand: a
    function per field wrote a page of fifty rows 1.6 times as slowly (0.45 ms
    more). It is compiled once per kind of viewer (the fields shown depend on
    the viewer alone): building the fields and compiling cost 3 ms a page."""
    key = (type(serializer), Viewer.of(_user(serializer.context)).key)
    code = _WRITERS.get(key)
    if code is None:
        display = _display(serializer.fields, ANNOTATION_RECORD)
        source = f"def write(row, sources):\n    return {display}\n"
        code = _WRITERS[key] = compile(source, "<annotations.record_writer>", "exec")
    helpers = {
        "url": partial(detail_url, serializer.context),
        "as_datetime": format_datetime,
        "as_date": as_date,
    }
    exec(code, helpers)
    return helpers["write"]


_WRITERS: dict[tuple, CodeType] = {}


def _display(fields, columns: dict) -> str:
    """The dict display writing ``fields`` from a row's ``columns``, calling
    ``url``, ``as_datetime`` and ``as_date``. Field names and columns are our
    own identifiers, written with ``repr``."""
    items = []
    for name, field in fields.items():
        if isinstance(field, serializers.HyperlinkedIdentityField):
            value = f"url({field.view_name!r}, row[{columns['id']!r}])"
        elif isinstance(field, serializers.ListSerializer):  # the article's sources
            value = "sources"
        elif isinstance(field, serializers.Serializer):  # the article, the topic
            value = _display(field.fields, columns[name])
        elif isinstance(field, serializers.DateTimeField):
            value = f"as_datetime(row[{columns[name]!r}])"
        elif isinstance(field, serializers.DateField):
            value = f"as_date(row[{columns[name]!r}])"
        else:
            value = f"row[{columns[name]!r}]"
        items.append(f"{name!r}: {value}")
    return "{" + ", ".join(items) + "}"


@optional_fields("status")
class AnnotationReadSerializer(serializers.ModelSerializer):
    """The passage with its topic and its article (id, title, date, sources).
    Many at once (the list) from rows: ``AnnotationListSerializer``."""

    url = serializers.HyperlinkedIdentityField(view_name="api:annotation-detail")
    article = AnnotatedArticleSerializer(read_only=True)
    topic = TopicBriefSerializer(read_only=True)
    status = serializers.CharField(read_only=True, required=False, help_text="Staff only.")

    class Meta:
        model = Annotation
        fields = ["id", "url", *list(ANNOTATION_RECORD)[1:]]  # the record, its URL after the id
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
        if describing_schema(self.context):
            return fields
        if not Viewer.of(_user(self.context)).may_view("annotation"):
            fields.pop("status")
        return fields
