"""Cursor pagination for every list: keyset queries stay fast at any depth, and
each page says how many rows the list holds."""

from __future__ import annotations

import json
import time

from django.core.exceptions import EmptyResultSet
from django.db import connections
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from api.archive.filters import UPDATED_SINCE_ORDERING, updated_since
from archive import search
from archive.curation import Viewer

# Below this many rows (by PostgreSQL's estimate) a list is counted exactly;
# above it the estimate is given and the page says so. An exact count of a
# large filtered list reads every matching row (tens of milliseconds at
# 200,000 annotations: a word's 1,798 articles in one week took 17 ms, each
# row's search vector read to test the word); the planner's estimate costs
# one EXPLAIN.
EXACT_COUNT_BELOW = 1000

# An estimate is kept this long (per process, per query): the pages of one list
# share it, each sparing the EXPLAIN (its planning is most of a millisecond at
# 200,000 articles). It is an estimate, and says so, whatever its age.
ESTIMATE_SECONDS = 60.0
_ESTIMATES: dict[tuple, tuple[float, int]] = {}
_ESTIMATES_KEPT = 512


def forget_estimates() -> None:
    _ESTIMATES.clear()


def _kept(key) -> int | None:
    kept = _ESTIMATES.get(key)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1]
    return None


def _keep(estimate: int, *keys) -> None:
    if len(_ESTIMATES) + len(keys) > _ESTIMATES_KEPT:
        _ESTIMATES.clear()
    until = time.monotonic() + ESTIMATE_SECONDS
    for key in keys:
        _ESTIMATES[key] = (until, estimate)


def list_key(request, view, paginator) -> tuple:
    """What determines a list's rows, whatever the page: the view (its action
    and URL arguments), the kind of viewer (``Viewer.key``, as ``built_once``
    keys the querysets) and the query parameters other than the page's
    position and size. A kept estimate found by it spares compiling the
    count's SQL (0.1 ms a request)."""
    skipped = {paginator.cursor_query_param, paginator.page_size_query_param}
    params = tuple(
        sorted(
            (name, tuple(values))
            for name, values in request.query_params.lists()
            if name not in skipped
        )
    )
    kwargs = tuple(sorted(getattr(view, "kwargs", {}).items()))
    return (type(view), getattr(view, "action", None), kwargs, Viewer.of(request.user).key, params)


def count_rows(queryset, *, key: tuple | None = None) -> tuple[int, bool]:
    """(count, is_estimate) for ``queryset``: exact on SQLite and for small
    lists, PostgreSQL's planner estimate for large ones. ``key`` (``list_key``)
    names the list the queryset is, so that a kept estimate is found without
    compiling the count's SQL."""
    connection = connections[queryset.db]
    listed = None if key is None else (queryset.db, "list", key, EXACT_COUNT_BELOW)
    if listed is not None and connection.vendor == "postgresql":
        kept = _kept(listed)
        if kept is not None:
            return kept, True
    counted = queryset.order_by().values("pk")
    if connection.vendor == "postgresql":
        try:
            planned = search.planner_view(counted)
            sql, params = planned.query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:  # a query that can match nothing (a search of only -words)
            return 0, False
        by_sql = (queryset.db, sql, repr(params), EXACT_COUNT_BELOW)
        kept = _kept(by_sql)
        if kept is not None:
            return kept, True
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        estimate = int(plan[0]["Plan"]["Plan Rows"])
        if estimate >= EXACT_COUNT_BELOW:
            _keep(estimate, *(k for k in (by_sql, listed) if k is not None))
            return estimate, True
        # The estimate can be far too low (before search.planner_view, a
        # phrase in 59,791 articles was estimated at 950): count no further
        # than the threshold.
        exact = counted[:EXACT_COUNT_BELOW].count()
        if exact >= EXACT_COUNT_BELOW:
            return max(estimate, exact), True
        return exact, False
    return counted.count(), False


# A search without ``ordering``: the best first, then the newest.
SEARCH_ORDERING = ("-search_rank", "-id")


def searched_by_rank(request) -> bool:
    return bool(request.query_params.get("q", "").strip()) and not request.query_params.get(
        "ordering"
    )


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
        return super().get_ordering(request, queryset, view)

    def paginate_queryset(self, queryset, request, view=None):
        self.count, self.count_is_estimate = count_rows(queryset, key=list_key(request, view, self))
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


class ArticleCursorPagination(ArchiveCursorPagination):
    """The article list. A search the public ranks (no ``ordering``) is paged
    by ``(score, id)`` through ``archive.search.ranked_page``, which reads the
    best matches' rows rather than ranking every match; its cursors name that
    position. Every other page is paged as the other lists are."""

    def get_ordering(self, request, queryset, view):
        # A search without an explicit ordering is ranked by relevance.
        if searched_by_rank(request) and updated_since(request, view) is None:
            return SEARCH_ORDERING
        return super().get_ordering(request, queryset, view)

    def paginate_queryset(self, queryset, request, view=None):
        self.positions = None
        if (
            searched_by_rank(request)
            and updated_since(request, view) is None
            and not Viewer.of(request.user).sees_drafts
        ):
            self.count, self.count_is_estimate = count_rows(
                queryset, key=list_key(request, view, self)
            )
            page = self._ranked_page(queryset, request)
            if page is not None:
                return page
            return CursorPagination.paginate_queryset(self, queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def _ranked_page(self, queryset, request):
        """DRF's ``CursorPagination.paginate_queryset``, with the rows of the page
        found by ``scored_matches`` or ``ranked_page``; ``None`` where they
        cannot rank them."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = SEARCH_ORDERING
        self.cursor = self.decode_cursor(request)
        offset, reverse, after = 0, False, None
        if self.cursor is not None:
            offset, reverse = self.cursor.offset, self.cursor.reverse
            after = self._decode_position(self.cursor.position)
        query, limit = request.query_params["q"], offset + self.page_size + 1
        rows = None
        if not self.count_is_estimate and self.count < search.RANKED_SCORED_BELOW:
            # Few matches: one query scores them all, rows and all.
            scored = search.scored_matches(queryset, query, after=after, reverse=reverse)
            if scored is None:
                return None
            rows = {row["id"]: row for row in scored[:limit]}
            found = [search.RankedPosition(row["search_score"], pk) for pk, row in rows.items()]
        else:
            found = search.ranked_page(
                queryset, query, after=after, limit=limit, reverse=reverse, matches=self.count
            )
            if found is None:
                return None
        found = found[offset:]
        shown = found[: self.page_size]
        if rows is None:
            page = search.without_search_match(queryset).filter(pk__in=[p.id for p in shown])
            rows = {row["id"]: row for row in page}
        self.positions = {p.id: p for p in found}
        self.page = [rows[p.id] for p in shown]
        following = self._get_position_from_instance(found[-1], self.ordering) if found else None
        more = len(found) > len(shown)
        if reverse:
            self.page.reverse()
            self.has_next, self.next_position = True, self.cursor.position
            self.has_previous, self.previous_position = more, following if more else None
        else:
            self.has_next, self.next_position = more, following if more else None
            self.has_previous = self.cursor is not None
            self.previous_position = self.cursor.position if self.cursor is not None else None
        if (self.has_previous or self.has_next) and self.template is not None:
            self.display_page_controls = True
        return self.page

    def _decode_position(self, text: str | None) -> search.RankedPosition:
        try:
            score, pk = (int(part) for part in (text or "").split(":"))
        except ValueError:
            raise NotFound(self.invalid_cursor_message) from None
        return search.RankedPosition(score, pk)

    def _get_position_from_instance(self, instance, ordering):
        if self.positions is None:
            return super()._get_position_from_instance(instance, ordering)
        if not isinstance(instance, search.RankedPosition):
            instance = self.positions[instance["id"]]
        return f"{instance.score}:{instance.id}"
