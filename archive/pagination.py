"""Cursor pagination for the large lists: keyset queries stay fast at any depth."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class ArchiveCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = "Results per page (default 50, at most 200)."
    max_page_size = 200
    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        # A search without an explicit ordering is ranked by relevance.
        if request.query_params.get("q", "").strip() and not request.query_params.get("ordering"):
            return ("-search_rank",)
        return super().get_ordering(request, queryset, view)
