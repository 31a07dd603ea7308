"""The research API, versioned from day one: mounted at /api/v1/."""

from django.urls import URLPattern, include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api.actors.views import ActorViewSet
from api.agreement.views import AgreementPairsCsvView, AgreementView
from api.annotations.views import AnnotationViewSet, TopicViewSet
from api.archive.views import (
    ArticleViewSet,
    ChangeViewSet,
    EventViewSet,
    ExportJobViewSet,
    SourceViewSet,
    StoryViewSet,
)
from api.docs import RedocView, SwaggerView

app_name = "api"


class ArchiveRouter(DefaultRouter):
    """Every URL the API writes ends in a slash, as the router names them; each is
    also served without it (so `articles/export.csv` works as typed), by an
    unnamed copy that ``reverse`` never picks. No `.json` format suffixes, which
    would read `export.csv` as an article id with a format."""

    include_format_suffixes = False

    def get_urls(self):
        urls = super().get_urls()
        without_slash = [
            re_path(url.pattern.regex.pattern.removesuffix("/$") + "$", url.callback)
            for url in urls
            if isinstance(url, URLPattern) and url.pattern.regex.pattern.endswith("/$")
        ]
        return urls + without_slash


router = ArchiveRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("annotations", AnnotationViewSet, basename="annotation")
router.register("sources", SourceViewSet, basename="source")
router.register("topics", TopicViewSet, basename="topic")
router.register("events", EventViewSet, basename="event")
router.register("stories", StoryViewSet, basename="story")
router.register("actors", ActorViewSet, basename="actor")
router.register("exports", ExportJobViewSet, basename="export")
router.register("changes", ChangeViewSet, basename="change")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    path("agreement/", AgreementView.as_view(), name="agreement"),
    path("agreement/pairs.csv/", AgreementPairsCsvView.as_view(), name="agreement-pairs-csv"),
    re_path(r"^agreement$", AgreementView.as_view()),
    re_path(r"^agreement/pairs\.csv$", AgreementPairsCsvView.as_view()),
    path("", include(router.urls)),
]
