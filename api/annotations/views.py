"""API views for topics and annotations. Reads come from
``annotations.selectors`` (what the user may see); writes go through
``annotations.services`` so the API checks exactly what the admin checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from actors.selectors import actors_by_annotation
from annotations import permissions, selectors, services
from annotations.models import Annotation
from api import export_jobs, tables
from api.annotations import exports
from api.annotations.filters import AnnotationFilter
from api.annotations.serializers import (
    AnnotationReadSerializer,
    AnnotationSerializer,
    TopicSerializer,
    drf_validation_error,
    record_writer,
)
from api.archive.filters import (
    UPDATED_SINCE,
    UPDATED_SINCE_ORDERING,
    UPDATED_SINCE_PARAMETER,
    ArchiveFilterBackend,
    updated_since,
)
from api.archive.serializers import detail_url
from api.concurrency import etag, if_match, stale_write_error
from api.exports import jsonl_lines, streaming_response
from api.pagination import ArchiveCursorPagination, SlugCursorPagination
from archive.concurrency import StaleVersion
from archive.curation import Viewer
from archive.models import ExportJob


@extend_schema_view(
    list=extend_schema(summary="Topics", description="With the number of visible annotations."),
    retrieve=extend_schema(
        summary="One topic",
        parameters=[
            OpenApiParameter(
                "slug",
                str,
                OpenApiParameter.PATH,
                description="The topic's slug, e.g. training-mou.",
            )
        ],
    ),
)
class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TopicSerializer
    lookup_field = "slug"
    pagination_class = SlugCursorPagination
    extra_query_params = (UPDATED_SINCE,)

    def get_queryset(self):
        return selectors.topic_list(viewer=Viewer.of(self.request.user))


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The ETag read (`"3"`): the write happens only if the annotation is still '
    "at that version (api.concurrency).",
)
REFUSED = OpenApiResponse(description="The editorial policy refuses this write; `detail` says why.")
WRITE_REFUSALS = {
    400: OpenApiResponse(description="Invalid."),
    403: REFUSED,
    409: OpenApiResponse(description="The annotation changed while this request wrote it."),
    412: OpenApiResponse(description="The annotation is no longer at the If-Match version."),
}


class EditorialPolicy(BasePermission):
    """Reads for everyone (the selectors decide what each sees). A write only
    for a user the editorial policy lets make writes of that kind at all,
    asked before the request's data is read, so that not even a validation
    message answers anyone else; which annotation they may change, and how, the
    services decide (``annotations.permissions``)."""

    KINDS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False  # 401, with the authentication scheme to use
        problem = permissions.write_refusal(request.user, self.KINDS.get(request.method, "change"))
        if problem:
            raise PermissionDenied(problem)
        return True


@extend_schema_view(
    list=extend_schema(
        summary="Annotations",
        description="Approved passages on published articles (staff: all). Cursor-paginated.",
        responses=AnnotationReadSerializer(many=True),
    ),
    retrieve=extend_schema(summary="One annotation", responses=AnnotationReadSerializer),
    create=extend_schema(
        summary="Create an annotation (staff)",
        description="The quote must be exactly body[start:end] (code points).",
        responses={
            201: AnnotationReadSerializer,
            400: OpenApiResponse(description="Invalid."),
            403: REFUSED,
        },
    ),
    update=extend_schema(
        summary="Replace an annotation (staff)",
        parameters=[IF_MATCH],
        responses={200: AnnotationReadSerializer, **WRITE_REFUSALS},
    ),
    partial_update=extend_schema(
        summary="Change an annotation (staff)",
        parameters=[IF_MATCH],
        responses={200: AnnotationReadSerializer, **WRITE_REFUSALS},
    ),
    destroy=extend_schema(
        summary="Delete an annotation (staff)",
        parameters=[IF_MATCH],
        responses={204: None, **WRITE_REFUSALS},
    ),
)
class AnnotationViewSet(viewsets.ModelViewSet):
    serializer_class = AnnotationSerializer
    permission_classes = [EditorialPolicy]
    filter_backends = [ArchiveFilterBackend, OrderingFilter]
    filterset_class = AnnotationFilter
    ordering_fields = ["id", "created_at", "updated_at"]
    pagination_class = ArchiveCursorPagination
    extra_query_params = (UPDATED_SINCE,)

    def get_queryset(self):
        # Once per request: the permission check asks for it before the action does.
        if getattr(self, "_annotations", None) is None:
            viewer = Viewer.of(self.request.user)
            if self.action == "list":
                self._annotations = selectors.annotation_list_rows(viewer=viewer)
            else:
                self._annotations = selectors.annotation_list(viewer=viewer)
        return self._annotations

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return AnnotationSerializer
        return AnnotationReadSerializer

    def _respond(self, annotation: Annotation, status_code: int = status.HTTP_200_OK):
        data = self._read(annotation.pk)
        return Response(data, status=status_code, headers={"ETag": etag(data["version"])})

    def _read(self, pk: int) -> dict:
        annotation = self.get_queryset().get(pk=pk)
        return AnnotationReadSerializer(annotation, context=self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag(response.data["version"])
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            annotation = services.annotation_create(
                by=request.user,
                article=data["article"],
                topic=data["topic"],
                start=data["start"],
                end=data["end"],
                quote=data["quote"],
                note=data.get("note", ""),
                status=data.get("status", Annotation.Status.DRAFT),
            )
        except DjangoValidationError as exc:
            raise drf_validation_error(exc) from exc
        return self._respond(annotation, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        annotation = self.get_object()
        version = if_match(request)
        serializer = self.get_serializer(annotation, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "article" in data and data["article"].pk != annotation.article_id:
            raise serializers.ValidationError(
                {"article": [_("An annotation cannot move to another article.")]}
            )
        changes = {
            name: data[name]
            for name in ("topic", "note", "start", "end", "quote", "status")
            if name in data
        }
        try:
            services.annotation_change(annotation, by=request.user, version=version, **changes)
        except DjangoValidationError as exc:
            raise drf_validation_error(exc) from exc
        except StaleVersion as exc:
            raise stale_write_error(exc, version) from exc
        return self._respond(annotation)

    def destroy(self, request, *args, **kwargs):
        annotation = self.get_object()
        version = if_match(request)
        try:
            services.annotation_delete(annotation, by=request.user, version=version)
        except StaleVersion as exc:
            raise stale_write_error(exc, version) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Export annotations",
        description="The filtered annotation list as a streamed file (all pages): `csv` (UTF-8 "
        "with BOM), `jsonl` (JSON Lines) or `jsonld` (a W3C Web Annotation "
        "AnnotationCollection, application/ld+json).",
        parameters=[
            OpenApiParameter(
                "export_format",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(export_jobs.FORMATS[ExportJob.Kind.ANNOTATIONS]),
                description=f"{export_jobs.formats_text(ExportJob.Kind.ANNOTATIONS)}.",
            ),
            UPDATED_SINCE_PARAMETER,
        ],
        responses={
            # The JSON body first: schema checks read the first media type's schema.
            (200, exports.JSONLD_CONTENT_TYPE): OpenApiResponse(
                OpenApiTypes.OBJECT, description="jsonld: an AnnotationCollection; csv with a BOM."
            ),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
            (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR),
            400: OpenApiResponse(description="A filter value is invalid."),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=export_jobs.format_path(ExportJob.Kind.ANNOTATIONS),
        pagination_class=None,
    )
    def export(self, request, export_format: str):
        queryset = self.filter_queryset(self.get_queryset())
        export_jobs.check_streamable(
            request, queryset, kind=ExportJob.Kind.ANNOTATIONS, export_format=export_format
        )
        context = {"request": request}
        serializer = AnnotationReadSerializer(context=context)
        write = record_writer(serializer)
        rows = exports.annotation_rows(
            queryset,
            order=UPDATED_SINCE_ORDERING if updated_since(request, self) else ("id",),
            actors=lambda chunk: actors_by_annotation(chunk, user=request.user),
        )
        # The list's record, and the actors its passage names.
        records = ((write(row, sources), row["actors"]) for row, sources in rows)
        if export_format == "jsonld":
            lines = exports.jsonld_collection(
                records,
                collection_url=request.build_absolute_uri(),
                total=queryset.count(),
                actor_url=lambda slug: detail_url(context, "api:actor-detail", slug),
            )
            content_type = exports.JSONLD_CONTENT_TYPE
        else:
            flat = (
                {**record, "actors": [actor.slug for actor in actors]} for record, actors in records
            )
            if export_format == "csv":
                lines = tables.csv_of(flat, tables.columns(serializer, extra=("actors",)))
                content_type = "text/csv; charset=utf-8"
            else:
                lines = jsonl_lines(flat)
                content_type = "application/x-ndjson"
        return streaming_response(
            lines, content_type=content_type, filename=f"annotations.{export_format}"
        )
