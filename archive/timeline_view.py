"""The timeline page's data: the events an editor asked for (the API's event
filters: kind, topic, actor, place, source, dates, conflicting), drawn by
``archive.timeline``."""

from __future__ import annotations

from django.urls import reverse

from actors.models import Actor
from annotations.models import Topic
from api.archive.filters import EventFilter
from archive import selectors, timeline
from archive.curation import Viewer
from archive.models import Event, Source

FILTERS = ("kind", "topic", "actor", "place", "source", "date_from", "date_to", "conflicting")


def timeline_context(request) -> dict:
    viewer = Viewer.of(request.user)
    events = selectors.event_list(viewer=viewer)
    params = request.GET.copy()
    zoom = params.pop("zoom", [""])[-1]
    zoom = zoom if zoom in ("day", "month") else ""
    filterset = EventFilter(data=params, queryset=events, request=request)
    errors = []
    if filterset.is_valid():
        events = filterset.qs
    else:
        errors = [f"{name}: {' '.join(e)}" for name, e in filterset.errors.items()]
        events = events.none()
    change = reverse("admin:archive_event_change", args=[0]).replace("/0/", "/{}/")
    article = reverse("admin:archive_article_change", args=[0]).replace("/0/", "/{}/")
    rows, reports = selectors.timeline_rows(events, viewer=viewer)
    bars = timeline.bars_from_rows(
        rows, reports, event_url=change.format, article_url=article.format
    )
    data = filterset.form.cleaned_data if not errors else {}
    drawing = timeline.draw(bars, start=data.get("date_from"), end=data.get("date_to"), zoom=zoom)
    query = {k: v for k, v in request.GET.items() if k in FILTERS and v}
    return {
        "drawing": drawing,
        "errors": errors,
        "query": query,
        "kinds": Event.Kind.choices,
        "topics": Topic.objects.order_by("slug").values_list("slug", "name_en"),
        "actors": Actor.objects.order_by("slug").values_list("slug", "name_en"),
        "sources": Source.objects.order_by("name").values_list("slug", "name"),
        "colours": timeline.KIND_COLOURS,
    }
