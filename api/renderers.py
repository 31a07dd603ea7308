"""JSON for the research API, rendered by orjson.

The same JSON as DRF's ``JSONRenderer`` (compact, UTF-8, U+2028/U+2029 escaped
for JavaScript), several times faster on a page of fifty
articles. Whatever orjson does not know (dates and times, decimals, lazy
translations, querysets) goes through DRF's own ``JSONEncoder.default``, so a
datetime reads exactly as DRF writes it. Indented output (``Accept:
application/json; indent=4``) and anything orjson refuses (integers beyond 64
bits, say) fall back to DRF's renderer.
"""

from __future__ import annotations

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_DEFAULT = JSONEncoder().default
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


class ORJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is None:
            try:
                content = orjson.dumps(data, default=_DEFAULT, option=_OPTIONS)
            except (orjson.JSONEncodeError, ValueError):
                pass
            else:
                if b"\xe2\x80\xa8" in content or b"\xe2\x80\xa9" in content:
                    content = content.replace(b"\xe2\x80\xa8", b"\\u2028")
                    content = content.replace(b"\xe2\x80\xa9", b"\\u2029")
                return content
        return super().render(data, accepted_media_type, renderer_context)
