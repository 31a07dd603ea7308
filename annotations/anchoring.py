"""Annotations as a kind of anchored span (``archive.spans``): re-anchored
whenever their article's body changes, in the same transaction."""

from __future__ import annotations

from annotations.models import Annotation
from annotations.services import context_around
from archive.anchoring import KEPT, Placement, Span
from archive.models import Article
from archive.spans import check_quote


class AnnotationSpans:
    """Every annotation of the article, whatever its status."""

    name = "annotations"

    def spans(self, article: Article) -> list[Span]:
        annotations = article.annotations.select_for_update().order_by("id")
        return [
            Span(
                annotation,
                annotation.start,
                annotation.end,
                annotation.quote,
                annotation.prefix,
                annotation.suffix,
            )
            for annotation in annotations
        ]

    def apply(self, article: Article, placements: list[Placement], user, old_body: str) -> None:
        body = article.body
        for placement in placements:
            annotation: Annotation = placement.span.key
            annotation.article = article  # the body just saved, not a stale copy
            if placement.orphaned:
                reason = orphan(annotation, placement)
            else:
                prefix, suffix = context_around(body, placement.start, placement.end)
                if (
                    placement.method == KEPT
                    and not annotation.flagged
                    and (annotation.prefix, annotation.suffix) == (prefix, suffix)
                ):
                    continue
                reason = move(annotation, placement, prefix, suffix)
            annotation._change_reason = reason
            if user is not None:
                annotation._history_user = user
            annotation.save()


def move(annotation: Annotation, placement: Placement, prefix: str, suffix: str) -> str:
    """Point the annotation at its new place; return the history's reason."""
    annotation.start, annotation.end, annotation.quote = (
        placement.start,
        placement.end,
        placement.quote,
    )
    check_quote(annotation.article.body, annotation.start, annotation.end, annotation.quote)
    annotation.prefix, annotation.suffix = prefix, suffix
    annotation.flagged, annotation.flag_reason, annotation.anchor_candidates = False, "", []
    annotation.anchored_by = placement.label if placement.method != KEPT else annotation.anchored_by
    # The history rows before and after hold the old and the new quote.
    reason = f"Re-anchored after an edit of the text: {placement.label}"
    if placement.quote_changed and annotation.status == Annotation.Status.APPROVED:
        annotation.status = Annotation.Status.DRAFT
        reason += "; its quote changed: back to review"
    return reason


def orphan(annotation: Annotation, placement: Placement) -> str:
    """Flag the annotation for an editor with the best candidates; its quote,
    offsets and context stay as they were (the old text)."""
    annotation.flagged = True
    annotation.flag_reason = placement.reason[:300]
    annotation.anchored_by = "orphan"
    annotation.anchor_candidates = [candidate.as_dict() for candidate in placement.candidates]
    reason = "Orphaned by an edit of the text: an editor must re-attach it"
    if annotation.status == Annotation.Status.APPROVED:
        # Its offsets no longer hold its quote: not for the public until re-attached.
        annotation.status = Annotation.Status.DRAFT
        reason += "; back to review"
    return reason
