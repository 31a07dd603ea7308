"""Article addresses: one canonical spelling per URL, and the host it names."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

MAX_URL_LENGTH = 2000
# Query parameters that say how a reader arrived, not which page they read.
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_[a-z]+|igshid|_ga)$", re.I)
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
# Characters left as they are in a path or query; everything else is percent-encoded.
_SAFE = "/:@!$&'()*+,;=-._~%"


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the translation catalogue (``makemessages`` finds
    it by this name) without importing Django: the loader reports in English,
    and the API says the same reason in the reader's language."""
    return message


class BadURL(ValueError):
    """Not an http(s) address we can keep: ``reason`` % ``params`` in English,
    ``reason`` also a msgid of the catalogue for interfaces that translate it."""

    def __init__(self, reason: str, **params):
        self.reason, self.params = reason, params
        super().__init__(reason % params if params else reason)


def canonical_url(value: str) -> str:
    """``value`` as the one spelling the archive keeps: http(s) only, host in
    lower case, non-ASCII characters and escapes percent-encoded in upper case,
    no fragment, no tracking parameters (``utm_*``, ``fbclid``…). Raises
    ``BadURL`` with the reason."""
    text = value.strip()
    if not text:
        raise BadURL(gettext_noop("empty"))
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = parts.port
    except ValueError as error:
        raise BadURL(gettext_noop("not a valid URL (%(error)s)"), error=str(error)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise BadURL(gettext_noop("not an http(s) address"))
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise BadURL(gettext_noop("the host name is not valid")) from None
    netloc = host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    path = _ESCAPE.sub(lambda m: m.group(0).upper(), quote(parts.path or "/", safe=_SAFE))
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ],
        quote_via=quote,
    )
    url = urlunsplit((scheme, netloc, path, query, ""))
    if len(url) > MAX_URL_LENGTH:
        raise BadURL(gettext_noop("longer than %(max)d characters"), max=MAX_URL_LENGTH)
    return url


def url_host(url: str) -> str:
    """The site an address belongs to: its host without ``www.``/``m.``/``amp.``."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host
