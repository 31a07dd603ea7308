"""The kinds of passage that point into ``Article.body``: a small registry.

Annotations, actors' mentions and events' evidence are all spans of code
points into an article's body. When the body changes
(``archive.services.change_article_body``, the one way it changes), every
registered kind is re-anchored in the same transaction. The archive knows no
kind by name: each app registers its own in its ``AppConfig.ready``::

    from archive.spans import register_span_kind

    class AnnotationsConfig(AppConfig):
        def ready(self):
            from annotations.anchoring import AnnotationSpans
            register_span_kind(AnnotationSpans())

A kind is any object with a ``name`` and two methods:

``spans(article) -> Iterable[archive.anchoring.Span]``
    The article's passages of this kind, their rows locked
    (``select_for_update()``; the caller holds a transaction). ``Span.key``
    is whatever identifies a passage to its kind (its primary key).

``apply(article, placements, user, old_body) -> None``
    Write the outcome, one ``archive.anchoring.Placement`` per span, in the
    order ``spans`` gave them: a passage that moved takes its new ``start``,
    ``end``, ``quote`` (and context from the new body); an orphan
    (``placement.orphaned``) is flagged for an editor with
    ``placement.reason`` and ``placement.candidates``. ``user`` is who
    changed the body (``None`` for the loader); ``old_body`` is the text
    before the change.

The rules every kind follows: a passage is never pointed at text other
than its quote; a passage whose quote changed (``placement.quote_changed``,
a fuzzy move) goes back to review if it was approved; the history records
the old and the new quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from archive.anchoring import Placement, Span
    from archive.models import Article


class SpanKind(Protocol):
    name: str

    def spans(self, article: Article) -> Iterable[Span]: ...

    def apply(
        self, article: Article, placements: list[Placement], user: Any, old_body: str
    ) -> None: ...


_KINDS: dict[str, SpanKind] = {}


def register_span_kind(kind: SpanKind) -> SpanKind:
    """Register ``kind`` (once per name: registering a name again replaces it,
    so a reloaded app does not re-anchor twice). Returns it."""
    _KINDS[kind.name] = kind
    return kind


def unregister_span_kind(name: str) -> None:
    _KINDS.pop(name, None)


def span_kinds() -> list[SpanKind]:
    """The registered kinds, in the order they were first registered."""
    return list(_KINDS.values())


@contextmanager
def span_kind_registered(kind: SpanKind) -> Iterator[SpanKind]:
    """Register ``kind`` for the duration of a ``with`` block (tests)."""
    previous = _KINDS.get(kind.name)
    register_span_kind(kind)
    try:
        yield kind
    finally:
        if previous is None:
            unregister_span_kind(kind.name)
        else:
            _KINDS[kind.name] = previous


def check_quote(body: str, start: int, end: int, quote: str) -> None:
    """Raise ``ValidationError`` unless ``0 <= start < end <= len(body)`` and
    ``body[start:end] == quote`` (code points)."""
    if start < 0:
        raise ValidationError({"start": _("The start offset cannot be negative.")})
    if end <= start:
        raise ValidationError({"end": _("The end offset must be greater than the start offset.")})
    if end > len(body):
        raise ValidationError(
            {
                "end": _(
                    "The end offset %(end)s is past the end of the body (%(length)s characters)."
                )
                % {"end": end, "length": len(body)}
            }
        )
    actual = body[start:end]
    if actual != quote:
        raise ValidationError(
            {
                "quote": _(
                    "The quote does not match the article text at %(start)s–%(end)s: the text there is “%(actual)s”."
                )
                % {"start": start, "end": end, "actual": actual[:80]}
            }
        )
