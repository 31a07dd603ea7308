"""The research API, versioned from day one: mounted at /api/v1/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from annotations.views import AnnotationViewSet, TopicViewSet
from archive.views import ArticleViewSet, EventViewSet, SourceViewSet

app_name = "api"

# Optional trailing slash (so `articles/export.csv` works), and no `.json` format
# suffixes, which would read `export.csv` as an article id with a format.
router = DefaultRouter()
router.trailing_slash = "/?"
router.include_format_suffixes = False
router.register("articles", ArticleViewSet, basename="article")
router.register("annotations", AnnotationViewSet, basename="annotation")
router.register("sources", SourceViewSet, basename="source")
router.register("topics", TopicViewSet, basename="topic")
router.register("events", EventViewSet, basename="event")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
