"""Cursor pagination for every list: keyset queries stay fast at any depth, and
each page says how many rows the list holds."""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db import connections
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from api.archive.filters import UPDATED_SINCE_ORDERING, updated_since

# Below this many rows (by PostgreSQL's estimate) a list is counted exactly;
# above it the estimate is given and the page says so. An exact count of a
# large filtered list reads every matching row (tens of milliseconds at
# 200,000 annotations); the planner's estimate costs one EXPLAIN.
EXACT_COUNT_BELOW = 5000


def count_rows(queryset) -> tuple[int, bool]:
    """(count, is_estimate) for ``queryset``: exact on SQLite and for small
    lists, PostgreSQL's planner estimate for large ones."""
    counted = queryset.order_by().values("pk")
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        try:
            sql, params = counted.query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:  # a query that can match nothing (a search of only -words)
            return 0, False
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        estimate = int(plan[0]["Plan"]["Plan Rows"])
        if estimate >= EXACT_COUNT_BELOW:
            return estimate, True
    return counted.count(), False


class ArchiveCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = "Results per page (default 50, at most 200)."
    max_page_size = 200
    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        # A mirror resuming from an instant reads the rows in the order they changed.
        if updated_since(request, view) is not None:
            return UPDATED_SINCE_ORDERING
        # A search without an explicit ordering is ranked by relevance.
        if request.query_params.get("q", "").strip() and not request.query_params.get("ordering"):
            return ("-search_rank",)
        return super().get_ordering(request, queryset, view)

    def paginate_queryset(self, queryset, request, view=None):
        self.count, self.count_is_estimate = count_rows(queryset)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "count_is_estimate": self.count_is_estimate,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "count_is_estimate", *response.get("required", [])]
        response["properties"] = {
            "count": {
                "type": "integer",
                "example": 123,
                "description": "Rows in the whole list (every page). Exact below "
                f"{EXACT_COUNT_BELOW:,} rows; above, PostgreSQL's estimate.",
            },
            "count_is_estimate": {
                "type": "boolean",
                "description": "true when `count` is the database's estimate.",
            },
            **response["properties"],
        }
        return response


class SlugCursorPagination(ArchiveCursorPagination):
    """For the short lists of named things with a unique slug (sources, topics)."""

    ordering = ("slug",)
