"""``agreement/`` in the research API, for reviewers: the agreement report as
JSON, and its pairwise figures as CSV. Both read ``agreement.reports``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from agreement import permissions
from agreement.forms import ReportFilterForm
from agreement.reports import agreement_report, report_dict
from api.agreement.exports import pair_csv_lines
from api.archive.filters import check_query_params
from api.exports import streaming_response


class CanManageAssignments(drf_permissions.BasePermission):
    message = _("The agreement figures are for reviewers (staff with the review permission).")

    def has_permission(self, request, view) -> bool:
        return permissions.can_manage_assignments(request.user)


PARAMETERS = [
    OpenApiParameter(
        "assignment",
        OpenApiTypes.INT,
        description="An assignment's id (repeat for several); none: every assignment.",
        many=True,
    ),
    OpenApiParameter(
        "published_from",
        OpenApiTypes.DATE,
        description="Count only the articles published on or after this date (YYYY-MM-DD).",
    ),
    OpenApiParameter(
        "published_to",
        OpenApiTypes.DATE,
        description="Count only the articles published on or before this date (YYYY-MM-DD).",
    ),
]


class _ReportView(APIView):
    permission_classes = [CanManageAssignments]
    filter_backends: list = []
    extra_query_params = ("assignment", "published_from", "published_to")

    def report(self, request):
        check_query_params(request, self, None)
        form = ReportFilterForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(
                {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            )
        return agreement_report(**form.report_arguments())


class AgreementView(_ReportView):
    @extend_schema(
        summary="Agreement between editors (reviewers only)",
        description="Krippendorff's unitizing and nominal alpha, Cohen's kappa (two editors), "
        "Fleiss' kappa and span F1 (exact and overlap), per topic and overall: for each "
        "assignment (`batches`), pooled over the assignments with the same number of "
        "editors (`pooled`), and for each pair of editors (`pairs`). Positions are the "
        "articles' words; an undefined figure is null.",
        parameters=PARAMETERS,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT),
            400: OpenApiResponse(description="A filter value is invalid."),
            403: OpenApiResponse(description="Not a reviewer."),
        },
    )
    def get(self, request):
        return Response(report_dict(self.report(request)))


class AgreementPairsCsvView(_ReportView):
    @extend_schema(
        summary="Pairwise agreement as CSV (reviewers only)",
        description="One row per pair of editors, topic (empty: every topic) and scope (an "
        "assignment, or `all`). UTF-8 with a BOM.",
        parameters=PARAMETERS,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a BOM."),
            400: OpenApiResponse(description="A filter value is invalid."),
            403: OpenApiResponse(description="Not a reviewer."),
        },
    )
    def get(self, request):
        return streaming_response(
            pair_csv_lines(self.report(request)),
            content_type="text/csv; charset=utf-8",
            filename="agreement-pairs.csv",
        )
