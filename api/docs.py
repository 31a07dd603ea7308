"""The API's documentation pages (Swagger UI, ReDoc), served from this server's
own static files and forbidden to load anything from elsewhere: a reader
behind a closed network, or one who does not want to be tracked by a font or
logo host, gets the same page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

# Swagger UI and ReDoc style and start themselves with inline code, and ReDoc
# runs its search in a worker made from a blob: URL.
OWN_ORIGIN_ONLY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' blob:",
        "worker-src 'self' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
    ]
)


class OwnOriginOnly:
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = OWN_ORIGIN_ONLY
        return response


class SwaggerView(OwnOriginOnly, SpectacularSwaggerView):
    pass


class RedocView(OwnOriginOnly, SpectacularRedocView):
    template_name = "api/redoc.html"
