"""URL routes: the admin, language switching, and the research API under /api/v1/."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls", namespace="api")),
]

handler400 = "api.errors.bad_request"
handler404 = "api.errors.page_not_found"
