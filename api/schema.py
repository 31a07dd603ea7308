"""OpenAPI schema hooks (drf-spectacular)."""

from __future__ import annotations


def canonical_paths_only(endpoints):
    """Each route is served with and without its trailing slash
    (``config.api_urls.ArchiveRouter``); the schema documents the form the API
    writes, with the slash."""
    return [endpoint for endpoint in endpoints if endpoint[0].endswith("/")]
