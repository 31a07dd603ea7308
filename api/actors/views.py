"""Read-only API views for actors: list, detail, their mentions and the
actors named with them. Querysets come from ``actors.selectors``."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from actors import selectors
from actors.models import Actor, Mention
from api.actors.serializers import (
    ActorSerializer,
    CoMentionQuerySerializer,
    CoMentionSerializer,
    MentionSerializer,
)
from api.archive.filters import UPDATED_SINCE, ArchiveFilterBackend, check_query_params
from api.pagination import ArchiveCursorPagination
from archive.curation import Viewer

SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The actor's slug.")


class ActorPagination(ArchiveCursorPagination):
    ordering = "slug"


class ActorFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices, help_text="Kind of actor.")

    class Meta:
        model = Actor
        fields = []


@extend_schema_view(
    list=extend_schema(
        summary="Actors",
        description="People, organisations, armed groups, state bodies, countries, places "
        "and outlets, with their aliases and the number of mentions you may see (the "
        "public: confirmed mentions in published articles). By slug, cursor-paginated.",
    ),
    retrieve=extend_schema(summary="One actor", parameters=[SLUG]),
)
class ActorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActorSerializer
    filter_backends = [ArchiveFilterBackend]
    filterset_class = ActorFilter
    pagination_class = ActorPagination
    lookup_field = "slug"
    extra_query_params = (UPDATED_SINCE,)
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.actor_list(user=self.request.user)

    @extend_schema(
        summary="Actors named with this one",
        description="The other actors named in the articles that name this one, with the "
        "number of such articles, most first. Only mentions you may see count.",
        parameters=[SLUG, CoMentionQuerySerializer],
        responses=CoMentionSerializer(many=True),
    )
    @action(detail=True, url_path="co-mentions", filter_backends=[], pagination_class=None)
    def co_mentions(self, request, slug=None):
        actor = self.get_object()
        self.extra_query_params = tuple(CoMentionQuerySerializer().fields)
        check_query_params(request, self, None)
        query = CoMentionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        rows = selectors.co_mentions(
            actor,
            user=request.user,
            date_from=params.get("published_from"),
            date_to=params.get("published_to"),
            source=params.get("source"),
        )
        return Response(CoMentionSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Where this actor is named",
        description="Its mentions you may see (the public: confirmed ones in published "
        "articles), newest first, cursor-paginated.",
        parameters=[SLUG],
        responses=MentionSerializer(many=True),
    )
    @action(detail=True, filter_backends=[], pagination_class=ArchiveCursorPagination)
    def mentions(self, request, slug=None):
        actor = self.get_object()
        self.extra_query_params = ()  # the actor list's updated_since is not read here
        check_query_params(request, self, None)
        mentions = (
            Mention.objects.visible_to(Viewer.of(request.user))
            .filter(actor=actor)
            .select_related("actor", "article")
            .defer("article__body", "article__raw_text", "article__search_text")
        )
        page = self.paginate_queryset(mentions)
        data = MentionSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)
