"""The API's filter backend skips a FilterSet when the request names none of
its filters (``ArchiveFilterBackend``): right only while every filter ignores
an absent or empty value. Checked for every FilterSet an API view uses, so a
new filter that does not breaks this test rather than the lists."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def api_filtersets() -> dict[str, type]:
    """The FilterSet of every view under the API's URLs, by view name."""
    found: dict[str, type] = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                filterset = getattr(view, "filterset_class", None)
                if filterset is not None:
                    found[view.__name__] = filterset

    walk(get_resolver().url_patterns)
    return found


def test_the_api_has_filtersets():
    assert {"ArticleViewSet", "AnnotationViewSet", "EventViewSet"} <= set(api_filtersets())


@pytest.mark.parametrize("empty", ["absent", "empty"])
def test_every_filter_ignores_an_empty_value(empty, rf):
    request = rf.get("/api/v1/")
    request.user = AnonymousUser()
    for view, filterset_class in api_filtersets().items():
        queryset = filterset_class._meta.model._default_manager.all()
        data = QueryDict(mutable=True)
        if empty == "empty":
            for name in filterset_class.base_filters:
                data[name] = ""
        filterset = filterset_class(data, queryset=queryset, request=request)
        assert filterset.is_valid(), (view, filterset.errors)
        assert str(filterset.qs.query) == str(queryset.query), (view, empty)
