"""Read-only API views for articles, sources and events. Querysets come from
``archive.selectors`` (what the user may see); filters from ``archive.filters``."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter

from actors.selectors import actor_slugs_by_article
from archive import exports, search, selectors
from archive.filters import (
    UPDATED_SINCE,
    UPDATED_SINCE_ORDERING,
    UPDATED_SINCE_PARAMETER,
    ArchiveFilterBackend,
    ArticleFilter,
    EventFilter,
    SourceFilter,
    updated_since,
)
from archive.models import Article
from archive.pagination import ArchiveCursorPagination, SlugCursorPagination
from archive.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    EventSerializer,
    SourceSerializer,
    detail_url,
)

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
    enum=["csv", "jsonl"],
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
    pagination_class = ArchiveCursorPagination
    extra_query_params = ("include", UPDATED_SINCE)

    def get_queryset(self):
        # Once per request: the permission check asks for it before the action does.
        if getattr(self, "_articles", None) is None:
            user = self.request.user
            if self.action == "retrieve":
                self._articles = selectors.article_detail(user=user)
            else:
                # A search reads the bodies for its snippets.
                searching = bool(self.request.query_params.get("q", "").strip())
                self._articles = selectors.article_list(
                    user=user, include_body=include_body(self.request) or searching
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
    @action(detail=False, url_path=r"export\.(?P<export_format>csv|jsonl)", pagination_class=None)
    def export(self, request, export_format: str):
        queryset = self.filter_queryset(self.get_queryset())
        context = {"request": request}
        body = include_body(request)
        records = exports.article_records(
            queryset,
            url=lambda pk: detail_url(context, "api:article-detail", pk),
            include_body=body,
            order=UPDATED_SINCE_ORDERING if updated_since(request, self) else ("id",),
            actors=lambda ids: actor_slugs_by_article(ids, user=request.user),
        )
        if export_format == "csv":
            lines = exports.article_csv(records, include_body=body)
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
        return selectors.source_list(user=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Events", description="Events with the visible articles reporting them."
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
        return selectors.event_list(user=self.request.user)
