"""Read-only API views for articles, sources and events. Querysets come from
``archive.selectors`` (what the user may see); filters from ``api.archive.filters``."""

from __future__ import annotations

from django.conf import settings
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from actors.selectors import actor_slugs_by_article
from annotations import selectors as annotation_selectors
from api import export_jobs, exports, tables
from api.archive.filters import (
    UPDATED_SINCE,
    UPDATED_SINCE_ORDERING,
    UPDATED_SINCE_PARAMETER,
    ArchiveFilterBackend,
    ArticleFilter,
    EventFilter,
    SourceFilter,
    StoryFilter,
    check_query_params,
    updated_since,
)
from api.archive.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    ChangePageSerializer,
    EventSerializer,
    ExportJobCreateSerializer,
    ExportJobSerializer,
    SourceSerializer,
    StoryDetailSerializer,
    StorySerializer,
    TimelineSerializer,
    detail_url,
)
from api.pagination import (
    ArchiveCursorPagination,
    ArticleCursorPagination,
    SlugCursorPagination,
)
from archive import changes, search, selectors
from archive.curation import Viewer
from archive.instants import instant
from archive.models import Article, Change, ExportJob

INCLUDE_BODY = OpenApiParameter(
    "include",
    OpenApiTypes.STR,
    enum=["body"],
    description="`body` adds each article's full text to the list (the detail always has it).",
)
EXPORT_RESPONSES = {
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, UTF-8 with a BOM."),
    (200, "application/x-ndjson"): OpenApiResponse(
        OpenApiTypes.STR, description="JSON Lines: one JSON object per line."
    ),
    400: OpenApiResponse(description="A filter value is invalid; the body names the parameter."),
}
FORMAT_PARAMETER = OpenApiParameter(
    "export_format",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(export_jobs.FORMATS[ExportJob.Kind.ARTICLES]),
    description="csv (UTF-8 with BOM) or jsonl (JSON Lines).",
)


def include_body(request) -> bool:
    return "body" in request.query_params.getlist("include")


@extend_schema_view(
    list=extend_schema(
        summary="Articles",
        description="Published articles (staff: all). Cursor-paginated; `?q=` searches.",
        parameters=[INCLUDE_BODY],
    ),
    retrieve=extend_schema(
        summary="One article", description="With body, visible annotations, sources and events."
    ),
)
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Article.objects.none()  # for permissions and the schema; see get_queryset
    filter_backends = [ArchiveFilterBackend, OrderingFilter]
    filterset_class = ArticleFilter
    ordering_fields = ["published_on", "title", "id"]
    pagination_class = ArticleCursorPagination
    extra_query_params = ("include", UPDATED_SINCE)

    def get_queryset(self):
        # Once per request: the permission check asks for it before the action does.
        if getattr(self, "_articles", None) is None:
            viewer = Viewer.of(self.request.user)
            if self.action == "retrieve":
                self._articles = annotation_selectors.article_detail(viewer=viewer)
            else:
                # A search reads the bodies for its snippets.
                searching = bool(self.request.query_params.get("q", "").strip())
                self._articles = annotation_selectors.article_list(
                    viewer=viewer, include_body=include_body(self.request) or searching
                )
        return self._articles

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def list(self, request, *args, **kwargs):
        if request.query_params.get("q", "").strip():
            with search.prefer_search_index():
                return super().list(request, *args, **kwargs)
        return super().list(request, *args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["include_body"] = include_body(self.request)
        context["unique_stories"] = self.request.query_params.get("unique_stories") == "true"
        if self.action == "list":
            context["search_query"] = self.request.query_params.get("q", "").strip()
        return context

    @extend_schema(
        summary="Export articles",
        description="The filtered article list as a streamed file (all pages). "
        "Honours every list filter, `?q=` and `?include=body`.",
        parameters=[FORMAT_PARAMETER, INCLUDE_BODY, UPDATED_SINCE_PARAMETER],
        responses=EXPORT_RESPONSES,
    )
    @action(
        detail=False,
        url_path=export_jobs.format_path(ExportJob.Kind.ARTICLES),
        pagination_class=None,
    )
    def export(self, request, export_format: str):
        queryset = self.filter_queryset(self.get_queryset())
        export_jobs.check_streamable(
            request, queryset, kind=ExportJob.Kind.ARTICLES, export_format=export_format
        )
        body = include_body(request)
        serializer = ArticleSerializer(context={"request": request, "include_body": body})
        records = exports.article_records(
            queryset,
            serializer=serializer,
            include_body=body,
            order=UPDATED_SINCE_ORDERING if updated_since(request, self) else ("id",),
            actors=lambda ids: actor_slugs_by_article(ids, user=request.user),
        )
        if export_format == "csv":
            lines = tables.csv_of(records, tables.columns(serializer, extra=("actors",)))
            content_type = "text/csv; charset=utf-8"
        else:
            lines = exports.jsonl_lines(records)
            content_type = "application/x-ndjson"
        return exports.streaming_response(
            lines, content_type=content_type, filename=f"articles.{export_format}"
        )


@extend_schema_view(
    list=extend_schema(summary="Sources", description="Outlets, agencies, ministries, accounts."),
    retrieve=extend_schema(
        summary="One source",
        parameters=[
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The source's slug.")
        ],
    ),
)
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    pagination_class = SlugCursorPagination
    lookup_field = "slug"
    lookup_value_regex = r"[^/]+"
    extra_query_params = (UPDATED_SINCE,)

    def get_queryset(self):
        return selectors.source_list(viewer=Viewer.of(self.request.user))


EVENT_FORMAT_PARAMETER = OpenApiParameter(
    "export_format",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=["csv", "jsonl", "ics"],
    description="csv (UTF-8 with BOM), jsonl (JSON Lines) or ics (an iCalendar feed).",
)


@extend_schema_view(
    list=extend_schema(
        summary="Events",
        description="Confirmed events with at least one report in a published article, and "
        "only those reports (staff: suggested groupings and every report). Each report gives "
        "the date its article states, as far as it states it, and the sentence it is read "
        "from; `spread` is the first and last day the reports allow, `conflicting` says they "
        "cannot all be right.",
    ),
    retrieve=extend_schema(summary="One event"),
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    filter_backends = [ArchiveFilterBackend, OrderingFilter]
    filterset_class = EventFilter
    ordering_fields = ["starts_on", "title", "id"]
    ordering = ("-starts_on", "-id")  # the latest first, as the timeline reads
    extra_query_params = (UPDATED_SINCE,)

    def get_queryset(self):
        return selectors.event_list(viewer=Viewer.of(self.request.user))

    def _records(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        serializer = EventSerializer(context=self.get_serializer_context())
        return exports.event_records(queryset, serializer.to_representation)

    @extend_schema(
        summary="Export events",
        description="The filtered event list as a streamed file: CSV or JSON Lines (one "
        "event a line, as the list writes it), or an iCalendar feed for calendar tools (one "
        "all-day event each, from its start to the last day its dates allow, each report's "
        "date in the description).",
        parameters=[EVENT_FORMAT_PARAMETER, UPDATED_SINCE_PARAMETER],
        responses={
            **EXPORT_RESPONSES,
            (200, "text/calendar"): OpenApiResponse(
                OpenApiTypes.STR, description="iCalendar (RFC 5545)."
            ),
        },
    )
    @action(
        detail=False, url_path=r"export\.(?P<export_format>csv|jsonl|ics)", pagination_class=None
    )
    def export(self, request, export_format: str):
        records = self._records(request)
        if export_format == "csv":
            table = tables.columns(EventSerializer(context=self.get_serializer_context()))
            lines, content_type = tables.csv_of(records, table), "text/csv; charset=utf-8"
        elif export_format == "jsonl":
            lines, content_type = exports.jsonl_lines(records), "application/x-ndjson"
        else:
            lines = exports.event_ics(records, host=request.get_host().split(":")[0])
            content_type = "text/calendar; charset=utf-8"
        return exports.streaming_response(
            lines, content_type=content_type, filename=f"events.{export_format}"
        )

    @extend_schema(
        summary="Timeline rows",
        description="The filtered events shaped for plotting: one row per report, with the "
        "span of days its date allows (`claimed_start`, `claimed_end`; a date without a year "
        "takes the event's, `year_stated` says so). Not paginated.",
        responses={
            200: OpenApiResponse(
                TimelineSerializer, description="`rows`: one per report, by event date."
            ),
            400: OpenApiResponse(description="A filter value is invalid."),
        },
    )
    @action(detail=False, url_path="timeline", pagination_class=None)
    def timeline(self, request):
        events = self.filter_queryset(self.get_queryset()).order_by("starts_on", "id")
        context = self.get_serializer_context()
        rows = list(
            exports.timeline_rows(
                *selectors.timeline_rows(events, viewer=Viewer.of(request.user)),
                event_url=lambda pk: detail_url(context, "api:event-detail", pk),
                article_url=lambda pk: detail_url(context, "api:article-detail", pk),
            )
        )
        return Response({"count": len(rows), "rows": rows})


class CursorGone(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_code = "gone"


CHANGES_PAGE_SIZE = 100
CHANGES_MAX_PAGE_SIZE = 1000


def changes_audience(user) -> str:
    """The feed a user follows: staff who see every article and annotation
    (nothing hidden from them) follow everything; everyone else, the curated
    set the public sees."""
    return changes.STAFF if Viewer.of(user).follows_everything else changes.PUBLIC


def changes_of(audience: str):
    """The audience's change log in cursor order: one range scan of its own
    index on id (``Change.Meta``), however many rows of the other feed lie
    between. The audience is written into the SQL, not bound: a prepared
    statement's generic plan could not use a partial index for a parameter."""
    assert audience in changes.AUDIENCES
    only = RawSQL(f"archive_change.audience = '{audience}'", (), output_field=BooleanField())
    return Change.objects.filter(only).order_by("id")


@extend_schema_view(
    list=extend_schema(
        summary="Changes",
        description="Every change of an article, annotation, event, source or topic in your "
        "view, oldest first: `created` (it entered your view), `updated`, `deleted` (it "
        "left it). The public's view is the curated set, so unpublishing an article or "
        "rejecting or reopening an annotation is a deletion and publishing or approving a "
        "creation; staff who see everything follow everything. Follow `next` (or pass "
        "`cursor` as `since`); `has_more` says whether to read on at once. Rows are kept "
        "for the retention period (see docs/sync.md); an older cursor is a 410.",
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.STR,
                description="A cursor from an earlier page: the changes after it. `latest`: "
                "no rows, only the current cursor (start a mirror with it, then export). "
                "Without it: from the oldest change kept.",
            ),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.INT,
                description=f"Rows per page (default {CHANGES_PAGE_SIZE}, "
                f"at most {CHANGES_MAX_PAGE_SIZE}).",
            ),
            OpenApiParameter(
                "audience",
                OpenApiTypes.STR,
                enum=list(changes.AUDIENCES),
                description="public: the curated set, for anyone; staff: everything, for staff "
                "who see everything (the default for them).",
            ),
        ],
        responses={
            200: ChangePageSerializer,
            400: OpenApiResponse(description="A bad parameter; the body names it."),
            410: OpenApiResponse(
                description="The cursor is older than the changes kept: export again."
            ),
        },
    )
)
class ChangeViewSet(viewsets.GenericViewSet):
    """The changes feed: one range scan of an index of ``archive_change`` a page."""

    queryset = Change.objects.none()  # for permissions and the schema
    filter_backends = []
    pagination_class = None
    extra_query_params = ("since", "page_size", "audience")

    def list(self, request, *args, **kwargs):
        check_query_params(request, self, None)
        audience = self._audience(request)
        size = self._page_size(request)
        since = request.query_params.get("since", "")
        log = changes_of(audience)
        if since == "latest":
            latest = log.order_by("-id").values_list("id", flat=True)[:1]
            return self._page(request, audience, [], latest[0] if latest else 0, False)
        cursor = self._cursor(since)
        columns = ("id", "resource", "object_id", "key", "kind", "at")
        if cursor:
            # The cursor's own row first: if it is gone, so may be what followed it.
            rows = list(log.filter(id__gte=cursor).values_list(*columns)[: size + 2])
            if not rows or rows[0][0] != cursor:
                raise CursorGone(
                    {
                        "since": [
                            _(
                                "Cursor %(cursor)s is not in the %(audience)s feed: it is older "
                                "than the changes kept (%(days)s days), or from another feed. "
                                "Export again and follow the feed from ?since=latest taken "
                                "before the export."
                            )
                            % {
                                "cursor": cursor,
                                "audience": audience,
                                "days": settings.ARCHIVE_CHANGES_RETENTION_DAYS,
                            }
                        ]
                    }
                )
            rows = rows[1:]
        else:
            rows = list(log.values_list(*columns)[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        last = rows[-1][0] if rows else cursor
        return self._page(request, audience, rows, last, has_more)

    def _page(self, request, audience, rows, cursor, has_more):
        context = {"request": request}
        results = []
        for pk, resource, object_id, key, kind, at in rows:
            url_name = changes.tracked(resource).url_name
            results.append(
                {
                    "cursor": str(pk),
                    "resource": resource,
                    "id": object_id,
                    "key": key,
                    "kind": kind,
                    "at": instant(at),
                    "url": detail_url(context, url_name, key),
                }
            )
        next_url = replace_query_param(request.build_absolute_uri(), "since", str(cursor))
        return Response(
            {
                "audience": audience,
                "cursor": str(cursor),
                "has_more": has_more,
                "next": next_url,
                "results": results,
            }
        )

    def _audience(self, request) -> str:
        asked = request.query_params.get("audience")
        allowed = changes_audience(request.user)
        if asked is None:
            return allowed
        if asked not in changes.AUDIENCES:
            raise serializers.ValidationError(
                {
                    "audience": [
                        _("Unknown audience %(audience)s: public or staff.")
                        % {"audience": repr(asked[:40])}
                    ]
                }
            )
        if asked == changes.STAFF and allowed != changes.STAFF:
            raise exceptions.PermissionDenied(
                _("The staff feed is for staff who may view every article and annotation.")
            )
        return asked

    def _page_size(self, request) -> int:
        text = request.query_params.get("page_size")
        if text is None:
            return CHANGES_PAGE_SIZE
        if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= CHANGES_MAX_PAGE_SIZE:
            raise serializers.ValidationError(
                {
                    "page_size": [
                        _("A whole number from 1 to %(max)d.") % {"max": CHANGES_MAX_PAGE_SIZE}
                    ]
                }
            )
        return int(text)

    @staticmethod
    def _cursor(text: str) -> int:
        if not text:
            return 0
        if not text.isascii() or not text.isdigit() or len(text) > 18:
            raise serializers.ValidationError(
                {
                    "since": [
                        _("Not a cursor: %(text)s. Pass the cursor of a page, or latest.")
                        % {"text": repr(text[:40])}
                    ]
                }
            )
        return int(text)


@extend_schema_view(
    list=extend_schema(
        summary="Stories",
        description="One report told by many outlets: the near copies of it among the "
        "articles you may see, with their number. Only stories with a copy you may see.",
    ),
    retrieve=extend_schema(summary="One story", description="With its copies you may see."),
)
class StoryViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [ArchiveFilterBackend]
    filterset_class = StoryFilter
    pagination_class = ArchiveCursorPagination
    extra_query_params = (UPDATED_SINCE,)

    def get_queryset(self):
        return selectors.story_list(viewer=Viewer.of(self.request.user))

    def get_serializer_class(self):
        return StoryDetailSerializer if self.action == "retrieve" else StorySerializer


@extend_schema_view(
    create=extend_schema(
        summary="Start an export job",
        description="Large exports run in the background: the file is written once, then "
        "downloaded from the job's `download` address with Content-Length, its SHA-256 "
        "(ETag, Repr-Digest) and range requests. The job sees what you see (anonymous: "
        "the public's curated data). 202 with the job; poll its `url`.",
        request=ExportJobCreateSerializer,
        responses={
            202: ExportJobSerializer,
            400: OpenApiResponse(description="A parameter is invalid; the body names it."),
        },
    ),
    retrieve=extend_schema(summary="One export job", description="Poll until `status` is done."),
)
class ExportJobViewSet(viewsets.GenericViewSet):
    """Export jobs: anyone may start one; a job is seen only by who started it
    (anonymous jobs: by anyone who has its address, a random UUID)."""

    serializer_class = ExportJobSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = [ArchiveFilterBackend]

    @property
    def throttle_scope(self) -> str | None:
        return "export" if self.action == "create" else None

    def get_queryset(self):
        user = self.request.user
        if user.is_authenticated:
            return ExportJob.objects.filter(created_by=user)
        return ExportJob.objects.filter(created_by=None)

    def create(self, request):
        given = ExportJobCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        job, errors = export_jobs.export_job_start(
            user=request.user,
            kind=data["kind"],
            export_format=data["format"],
            params=data["params"],
            base_url=request.build_absolute_uri("/"),
        )
        if errors:
            return Response({"params": errors}, status=status.HTTP_400_BAD_REQUEST)
        body = ExportJobSerializer(job, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Download an export job's file",
        parameters=[
            OpenApiParameter(
                "Range",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="`bytes=N-` to resume, `bytes=N-M` for a part (206).",
            )
        ],
        responses={
            **{
                (code, media_type): OpenApiResponse(
                    OpenApiTypes.OBJECT
                    if media_type.startswith("application/ld")
                    else OpenApiTypes.STR,
                    description=description,
                )
                for code, description in (
                    (200, "The whole file, with Content-Length."),
                    (206, "The range asked for, with Content-Range."),
                )
                for media_type in (
                    export_jobs.CONTENT_TYPES["jsonld"],
                    export_jobs.CONTENT_TYPES["csv"],
                    export_jobs.CONTENT_TYPES["jsonl"],
                )
            },
            404: OpenApiResponse(description="No such job (or not yours)."),
            409: OpenApiResponse(description="The job is not done (yet)."),
            416: OpenApiResponse(description="The range is outside the file."),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if job.status != ExportJob.Status.DONE:
            return Response(
                {
                    "detail": _("The export job is %(status)s, not done.")
                    % {"status": job.get_status_display()}
                },
                status=status.HTTP_409_CONFLICT,
            )
        return export_jobs.file_response(request, job)
