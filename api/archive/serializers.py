"""Serializers for articles, sources and events (read-only: the API writes only
annotations). What each user may see is decided by ``archive.selectors``; these
only shape it."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from annotations.models import Annotation
from annotations.selectors import ANNOTATION_ITEM_FIELDS, annotation_items
from api import tables
from api.export_jobs import ALL_FORMATS, FORMATS, formats_text
from api.exports import sources_text
from api.schema import describing_schema, optional_fields
from archive import search
from archive.curation import Viewer
from archive.instants import instant
from archive.models import Article, ArticleSource, Event, EventReport, ExportJob, Source, Story
from archive.parsing.events import claims_conflict, claims_spread, date_label
from archive.selectors import (
    ARTICLE_LIST_FIELDS,
    EVENT_ITEM_FIELDS,
    decode_source_links,
    event_items,
    publisher_slug,
    topic_slugs,
)


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


def detail_url(context, view_name: str, key) -> str:
    """What ``HyperlinkedIdentityField`` writes for ``view_name`` and ``key``
    (absolute with a request), with ``reverse`` resolved once per request and
    view instead of once per row."""
    templates = context.setdefault("_detail_urls", {})
    if view_name not in templates:
        request = context.get("request")
        # The router accepts an optional trailing slash (for `export.csv`); every
        # URL the API writes has it, as the JSON-LD ids and CSV columns do.
        path = reverse(view_name, args=[_KEY])
        if not path.endswith("/"):
            path += "/"
        url = request.build_absolute_uri(path) if request else path
        templates[view_name] = tuple(url.split(_KEY, 1))
    before, after = templates[view_name]
    return f"{before}{key}{after}"


_KEY = "__key__"  # a lookup value no URL of ours contains


_DATE_FIELD = serializers.DateField()


def as_date(value):
    return None if value is None else _DATE_FIELD.to_representation(value)


def as_datetime(value):
    """An instant as the whole API writes it (``archive.instants``: UTC, ``Z``)."""
    return instant(value)


def datetime_formatter() -> Callable:
    """The formatter for a page of row values (kept as a function so a page
    could look up anything it needs once)."""
    return instant


class SourceSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(
        read_only=True, help_text="Articles you may see that this source stands behind."
    )

    class Meta:
        model = Source
        fields = ["id", "slug", "name", "name_en", "kind", "article_count", "updated_at"]


class ArticleSourceSerializer(serializers.ModelSerializer):
    """A source link as nested in an article (``archive.selectors.decode_source_links``
    writes this shape from rows)."""

    slug = serializers.CharField(source="source.slug")
    name = serializers.CharField(source="source.name")
    name_en = serializers.CharField(source="source.name_en")
    kind = serializers.CharField(source="source.kind")

    class Meta:
        model = ArticleSource
        fields = ["slug", "name", "name_en", "kind", "role"]


class ArticleListSerializer(serializers.ListSerializer):
    """A page of article rows (``annotations.selectors.article_list``, sources and
    topics included): the page's one query, whatever its size."""

    def to_representation(self, data):
        rows = list(data)
        query = self.context.get("search_query")
        if query:
            for row in rows:  # a search's rows hold the bodies (ArticleViewSet.get_queryset)
                row["search_snippet"] = search.snippet(row["body"], query)
        child = self.child
        format_datetime = datetime_formatter()
        return [child.row_representation(row, format_datetime=format_datetime) for row in rows]


@optional_fields("story_copies", "body", "snippet", "rank")
class ArticleSerializer(serializers.ModelSerializer):
    """An article of the list. The declared fields describe it (schema, browsable
    API); ``row_representation`` writes it from a row, field for field what
    DRF's fields would write, without their per-value machinery."""

    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")
    address = serializers.CharField(
        read_only=True,
        help_text="The article's own web address (canonical URL), when its input stated one; "
        "else empty.",
    )
    publisher = serializers.SlugField(
        read_only=True,
        allow_null=True,
        help_text="Slug of the source that published it (the site it came from), if known.",
    )
    story = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Id of the story this article is a copy of (stories/); null if none.",
    )
    story_copies = serializers.IntegerField(
        read_only=True,
        required=False,
        help_text="With ?unique_stories=true: the story's copies you may see (1: told once).",
    )
    sources = ArticleSourceSerializer(source="source_links", many=True, read_only=True)
    topics = serializers.ListField(
        child=serializers.SlugField(),
        read_only=True,
        help_text="Slugs of the topics of the article's visible annotations.",
    )
    annotation_count = serializers.IntegerField(
        read_only=True, help_text="Annotations you may see (approved ones for the public)."
    )
    body = serializers.CharField(
        read_only=True, required=False, help_text="Only with ?include=body."
    )
    snippet = serializers.CharField(
        read_only=True,
        help_text="With ?q=: an extract around the first match, matches in <b>…</b>.",
    )
    rank = serializers.FloatField(
        read_only=True, help_text="With ?q=: relevance, higher is better."
    )

    class Meta:
        model = Article
        list_serializer_class = ArticleListSerializer
        # What row_representation writes, in its order.
        fields = [
            "id",
            "url",
            *ARTICLE_LIST_FIELDS[1:],
            "address",
            "publisher",
            "story",
            "story_copies",
            "sources",
            "topics",
            "annotation_count",
            "snippet",
            "rank",
            "body",
        ]
        csv_columns = {"sources": [("sources", sources_text)]}

    def get_fields(self):
        fields = super().get_fields()
        if describing_schema(self.context):
            return fields
        if not self.context.get("unique_stories"):
            fields.pop("story_copies", None)
        if not self.context.get("include_body"):
            fields.pop("body", None)
        if not self.context.get("search_query"):
            fields.pop("snippet", None)
            fields.pop("rank", None)
        return fields

    def row_representation(
        self, row: dict, topics: list[str] | None = None, format_datetime=as_datetime
    ) -> dict:
        """The article of ``row`` (``ARTICLE_LIST_FIELDS``, ``annotation_count``,
        ``sources_json`` and, unless ``topics`` are given, ``topics_json``)."""
        sources = decode_source_links(row["sources_json"])
        data = {
            "id": row["id"],
            "url": detail_url(self.context, "api:article-detail", row["id"]),
            "title": row["title"],
            "title_derived": row["title_derived"],
            "summary": row["summary"],
            "published_on": as_date(row["published_on"]),
            "published_at": format_datetime(row["published_at"]),
            "published_precision": row["published_precision"],
            "published_text": row["published_text"],
            "source_updated_at": format_datetime(row["source_updated_at"]),
            "hijri_date_text": row["hijri_date_text"],
            "language": row["language"],
            "status": row["status"],
            "updated_at": format_datetime(row["updated_at"]),
            "address": row["address"],
            "publisher": publisher_slug(sources),
            "story": row["story"],
            "sources": sources,
            "topics": topic_slugs(row["topics_json"]) if topics is None else topics,
            "annotation_count": row["annotation_count"],
        }
        if "story_copies" in row:
            data["story_copies"] = row["story_copies"]
        if self.context.get("search_query"):
            data["snippet"] = row.get("search_snippet")
            data["rank"] = row.get("search_rank")
        if self.context.get("include_body"):
            data["body"] = row["body"]
        return data

    def to_representation(self, instance):
        return self.row_representation(instance)


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
        fields = ["id", "url", *EVENT_ITEM_FIELDS[1:]]  # what ArticleDetailSerializer writes


class ArticleAnnotationSerializer(serializers.ModelSerializer):
    """An annotation as nested in its article."""

    # The fields of annotations.selectors.ANNOTATION_ITEM_FIELDS (taken from the
    # annotation's record), its URL after the id.

    url = serializers.HyperlinkedIdentityField(view_name="api:annotation-detail")
    topic = serializers.SlugField(source="topic.slug", read_only=True)
    status = serializers.CharField(required=False, help_text="Staff only.")

    class Meta:
        model = Annotation
        fields = ["id", "url", *ANNOTATION_ITEM_FIELDS[1:]]
        read_only_fields = [name for name in fields if name != "status"]
        extra_kwargs = {
            "start": {"help_text": "Code-point offset into the body."},
            "end": {"help_text": "Code-point offset, exclusive."},
        }

    @classmethod
    def shown_fields(cls, context) -> list[str]:
        """Its fields as the request's viewer sees them: the status for staff
        only. (From ``Meta``: building the fields costs a detail a millisecond.)"""
        names = list(cls.Meta.fields)
        if not Viewer.of(_user(context)).may_view("annotation"):
            names.remove("status")
        return names

    def to_representation(self, instance):
        data = super().to_representation(instance)
        return {name: data[name] for name in self.shown_fields(self.context)}


class ArticleDetailSerializer(ArticleSerializer):
    """One article: the list's fields, the body and caption, its visible
    annotations and the events it reports."""

    # Written from a row of annotations.selectors.article_detail.

    body = serializers.CharField(read_only=True)
    annotations = ArticleAnnotationSerializer(
        source="visible_annotations", many=True, read_only=True
    )
    events = EventOfArticleSerializer(source="event_reports", many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "caption", "annotations", "events"]

    def get_fields(self):
        fields = serializers.ModelSerializer.get_fields(self)
        fields.pop("story_copies", None)  # a list's field (?unique_stories=true)
        fields.pop("snippet", None)
        fields.pop("rank", None)
        return fields

    def to_representation(self, instance):
        """The article of a row of ``annotations.selectors.article_detail``."""
        context = self.context
        annotations = annotation_items(instance["annotations_json"])
        row = {**instance, "annotation_count": len(annotations)}
        data = self.row_representation(row, sorted({a["topic"] for a in annotations}))
        data.pop("snippet", None)
        data.pop("rank", None)
        data["body"] = instance["body"]
        data["caption"] = instance["caption"]
        shown = ArticleAnnotationSerializer.shown_fields(context)
        for annotation in annotations:
            annotation["url"] = detail_url(context, "api:annotation-detail", annotation["id"])
        data["annotations"] = [
            {name: annotation[name] for name in shown} for annotation in annotations
        ]
        data["events"] = [
            {
                "id": event["id"],
                "url": detail_url(context, "api:event-detail", event["id"]),
                **{name: event[name] for name in EVENT_ITEM_FIELDS[1:]},
            }
            for event in event_items(instance["events_json"])
        ]
        return data


class ClaimedDateSerializer(serializers.Serializer):
    """A date as one article gives it: as far as the text says."""

    year = serializers.IntegerField(allow_null=True, help_text="Null when the text states none.")
    month = serializers.IntegerField(allow_null=True)
    day = serializers.IntegerField(allow_null=True)
    precision = serializers.ChoiceField(
        choices=["day", "week", "month", "year", ""],
        help_text="Empty when the date could not be resolved.",
    )
    label = serializers.CharField(help_text='E.g. "10 March (year not stated)".')


class EvidenceSerializer(serializers.Serializer):
    """The sentence the date is read from: code points into the article's body."""

    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()


def claimed_date(report: EventReport) -> dict:
    year, month, day, precision = report.claim()
    return {
        "year": year,
        "month": month,
        "day": day,
        "precision": precision,
        "label": date_label(year, month, day, precision),
    }


def evidence(report: EventReport) -> dict | None:
    mention = report.mention
    if mention is None or mention.flagged:
        return None
    return {"start": mention.start, "end": mention.end, "quote": mention.quote}


class EventReportSerializer(serializers.ModelSerializer):
    article_id = serializers.IntegerField(source="article.id")
    article_url = serializers.HyperlinkedRelatedField(
        source="article", view_name="api:article-detail", read_only=True
    )
    title = serializers.CharField(source="article.title")
    published_on = serializers.DateField(source="article.published_on", allow_null=True)
    claimed = serializers.SerializerMethodField(help_text="The date this article gives.")
    evidence = serializers.SerializerMethodField(
        help_text="The sentence it is read from (null for a report typed by hand, or while "
        "an edit of the text has left it to be re-attached)."
    )

    class Meta:
        model = EventReport
        fields = [
            "article_id",
            "article_url",
            "title",
            "published_on",
            "reported_date",
            "reported_date_text",
            "claimed",
            "evidence",
            "note",
        ]

    @extend_schema_field(ClaimedDateSerializer)
    def get_claimed(self, report) -> dict:
        return claimed_date(report)

    @extend_schema_field(EvidenceSerializer(allow_null=True))
    def get_evidence(self, report) -> dict | None:
        return evidence(report)


class SpreadSerializer(serializers.Serializer):
    earliest = serializers.DateField()
    latest = serializers.DateField()
    days = serializers.IntegerField(help_text="Days from the earliest to the latest, inclusive.")


def spread(claims: list) -> dict | None:
    bounds = claims_spread(claims)
    if bounds is None:
        return None
    return {
        "earliest": bounds[0].isoformat(),
        "latest": bounds[1].isoformat(),
        "days": (bounds[1] - bounds[0]).days + 1,
    }


def reports_text(reports: list[dict]) -> str:
    """An event's reports in one CSV cell: each article's id and the date it
    gives (and its own wording of it)."""
    return "; ".join(
        f"{report['article_id']}: {report['claimed']['label']}"
        + (f" ({report['reported_date_text']})" if report["reported_date_text"] else "")
        for report in reports
    )


# An event as the list, the detail, JSON Lines and (laid flat, api.tables) the
# CSV export write it.
class EventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail")
    conflicting = serializers.SerializerMethodField(
        help_text="The reports you may see give dates that cannot all be right."
    )
    spread = serializers.SerializerMethodField(
        help_text="The first and last day the reports you may see allow (null when none "
        "states a year)."
    )
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
            "status",
            "starts_on",
            "ends_on",
            "latest_on",
            "date_precision",
            "place",
            "description",
            "conflicting",
            "spread",
            "updated_at",
            "reports",
        ]
        csv_columns = {
            "spread": tables.nested("spread", SpreadSerializer),
            "reports": [("report_count", len), ("reports", reports_text)],
        }

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_conflicting(self, event) -> bool:
        return claims_conflict([report.claim() for report in event.visible_reports])

    @extend_schema_field(SpreadSerializer(allow_null=True))
    def get_spread(self, event) -> dict | None:
        return spread([report.claim() for report in event.visible_reports])

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["updated_at"] = as_datetime(instance.updated_at)
        return data


class TimelineRowSerializer(serializers.Serializer):
    """One report of one event, for plotting."""

    # Written by api.exports.timeline_rows.

    event_id = serializers.IntegerField()
    event_url = serializers.URLField()
    event_title = serializers.CharField()
    event_title_en = serializers.CharField()
    kind = serializers.CharField()
    conflicting = serializers.BooleanField()
    article_id = serializers.IntegerField()
    article_url = serializers.URLField()
    article_title = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    claimed_start = serializers.DateField(allow_null=True)
    claimed_end = serializers.DateField(allow_null=True)
    year_stated = serializers.BooleanField()
    precision = serializers.CharField()
    label = serializers.CharField()
    date_text = serializers.CharField()


class TimelineSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    rows = TimelineRowSerializer(many=True)


class ChangeSerializer(serializers.Serializer):
    """One row of the changes feed (written from rows by the view; here for
    the schema)."""

    cursor = serializers.CharField(help_text="This change's place in the feed: resume after it.")
    resource = serializers.CharField(help_text="article, annotation, event, source or topic.")
    id = serializers.IntegerField(help_text="The resource's database id.")
    key = serializers.CharField(help_text="What its URL names: the id, or the slug.")
    kind = serializers.ChoiceField(
        choices=["created", "updated", "deleted"],
        help_text="created: it entered your view (new, published, approved); deleted: it left "
        "it (deleted, unpublished, rejected, reopened).",
    )
    at = serializers.DateTimeField(help_text="When it changed (UTC).")
    url = serializers.URLField(help_text="Its detail URL (a 404 once deleted).")


@extend_schema_serializer(many=False)  # one page object, though the action is `list`
class ChangePageSerializer(serializers.Serializer):
    audience = serializers.ChoiceField(
        choices=["public", "staff"], help_text="Whose view of the archive this feed follows."
    )
    cursor = serializers.CharField(
        help_text="Pass it as ?since= to read what follows (the last row's, or your since)."
    )
    has_more = serializers.BooleanField(help_text="true: more rows follow at once.")
    next = serializers.URLField(help_text="The URL that reads what follows.")
    results = ChangeSerializer(many=True)


class StorySerializer(serializers.ModelSerializer):
    """A story (a row of ``archive.selectors.story_list``): one report, its
    copies counted as the user may see them."""

    url = serializers.HyperlinkedIdentityField(view_name="api:story-detail")
    title = serializers.CharField(read_only=True, help_text="The representative article's.")
    representative = serializers.IntegerField(
        source="shown",
        read_only=True,
        help_text="Id of the article that stands for the story (one you may see).",
    )
    copies = serializers.IntegerField(read_only=True, help_text="Its copies you may see.")
    first_published_on = serializers.DateField(read_only=True, allow_null=True)
    articles_url = serializers.SerializerMethodField(help_text="Its copies, in articles/.")
    annotations_url = serializers.SerializerMethodField(
        help_text="The annotations on any of its copies, in annotations/."
    )

    class Meta:
        model = Story
        fields = [
            "id",
            "url",
            "title",
            "representative",
            "copies",
            "first_published_on",
            "articles_url",
            "annotations_url",
            "updated_at",
        ]

    def get_articles_url(self, story) -> str:
        request = self.context.get("request")
        path = reverse("api:article-list") + f"?story={story.pk}"
        return request.build_absolute_uri(path) if request else path

    def get_annotations_url(self, story) -> str:
        request = self.context.get("request")
        path = reverse("api:annotation-list") + f"?story={story.pk}"
        return request.build_absolute_uri(path) if request else path


class StoryCopySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    title = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    address = serializers.CharField()
    publisher = serializers.SlugField(allow_null=True)


class StoryDetailSerializer(StorySerializer):
    articles = serializers.SerializerMethodField(help_text="Its copies you may see.")

    class Meta(StorySerializer.Meta):
        fields = [*StorySerializer.Meta.fields, "articles"]

    @extend_schema_field(StoryCopySerializer(many=True))
    def get_articles(self, story) -> list[dict]:
        from archive.selectors import story_articles

        rows = story_articles(story, viewer=Viewer.of(_user(self.context)))
        return [
            {
                "id": row["id"],
                "url": detail_url(self.context, "api:article-detail", row["id"]),
                "title": row["title"],
                "published_on": as_date(row["published_on"]),
                "address": row["address"],
                "publisher": publisher_slug(decode_source_links(row["sources_json"])),
            }
            for row in rows
        ]


class ExportJobSerializer(serializers.ModelSerializer):
    """An export job as its creator polls it; ``download`` once it is done."""

    url = serializers.HyperlinkedIdentityField(view_name="api:export-detail")
    download = serializers.SerializerMethodField(
        help_text="The file's address once `status` is `done` (else null): served with "
        "Content-Length, ETag and Repr-Digest (its SHA-256), and range requests."
    )

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "url",
            "kind",
            "format",
            "params",
            "status",
            "size",
            "sha256",
            "download",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_download(self, job) -> str | None:
        if job.status != job.Status.DONE:
            return None
        return detail_url(self.context, "api:export-download", job.pk)


class ExportJobCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ExportJob.Kind.choices, help_text="What to export.")
    format = serializers.ChoiceField(
        choices=ALL_FORMATS,
        help_text="; ".join(f"{formats_text(kind)} ({kind})" for kind in FORMATS) + ".",
    )
    params = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text="The export's query parameters, as the streamed export takes them "
        '(e.g. {"topic": "sdf-integration", "published_from": "2025-03-01"}).',
    )

    def validate(self, data):
        if data["format"] not in FORMATS[data["kind"]]:
            raise serializers.ValidationError(
                {
                    "format": [
                        _("%(kind)s export as %(formats)s.")
                        % {"kind": data["kind"], "formats": ", ".join(FORMATS[data["kind"]])}
                    ]
                }
            )
        params = {}
        for key, value in data["params"].items():
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(item, str | int | float) for item in values):
                raise serializers.ValidationError(
                    {"params": [_("%(key)s: a text, a number or a list of them.") % {"key": key}]}
                )
            params[key] = [str(item) for item in values] if isinstance(value, list) else str(value)
        data["params"] = params
        return data
