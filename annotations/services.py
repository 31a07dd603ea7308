"""Every write to an annotation goes through here: the admin, the API, the
loader and the shell alike. Validation is ``Annotation.full_clean()`` (the
database constraints plus the quote check in ``Annotation.clean``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from annotations.models import Annotation, Topic
from archive.models import Article

_UNSET = object()


def context_around(body: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix stored beside a quote (W3C TextQuoteSelector)."""
    size = Annotation.CONTEXT_LENGTH
    return body[max(0, start - size) : start], body[end : end + size]


def annotation_create(
    *,
    article: Article,
    topic: Topic,
    start: int,
    end: int,
    quote: str,
    note: str = "",
    status: str = Annotation.Status.DRAFT,
    created_by: AbstractBaseUser | None = None,
) -> Annotation:
    """Create an annotation after checking ``quote == article.body[start:end]``.

    Raises ``django.core.exceptions.ValidationError`` on a mismatch or offsets
    outside the body.
    """
    annotation = Annotation(
        article=article,
        topic=topic,
        start=start,
        end=end,
        quote=quote,
        note=note,
        status=status,
        created_by=created_by,
    )
    _fill_context(annotation)
    annotation.full_clean()
    annotation.save()
    return annotation


def annotation_update(
    annotation: Annotation,
    *,
    topic: Topic | object = _UNSET,
    note: str | object = _UNSET,
    start: int | object = _UNSET,
    end: int | object = _UNSET,
    quote: str | object = _UNSET,
) -> Annotation:
    """Change an annotation's topic, note or passage. A new passage is checked
    against the body like a new annotation; a fixed passage clears the flag."""
    if topic is not _UNSET:
        annotation.topic = topic
    if note is not _UNSET:
        annotation.note = note
    moved = False
    for name, value in (("start", start), ("end", end), ("quote", quote)):
        if value is not _UNSET:
            setattr(annotation, name, value)
            moved = True
    if moved:
        _fill_context(annotation)
        annotation.flagged = False
        annotation.flag_reason = ""
    annotation.full_clean()
    annotation.save()
    return annotation


def annotation_set_status(
    annotation: Annotation, *, status: str, reviewer: AbstractBaseUser | None = None
) -> Annotation:
    """Move an annotation along suggested → draft → approved / rejected.

    ``reviewer`` is who makes the change. Accepting a machine suggestion makes
    it theirs (``created_by``); approving and rejecting record the reviewer; permission checks belong to
    the caller (admin action, API view), which knows who is asking.
    """
    if (
        annotation.status == Annotation.Status.SUGGESTED
        and status != Annotation.Status.REJECTED
        and annotation.created_by_id is None
    ):
        # Accepting a machine suggestion makes it the accepting editor's own work.
        annotation.created_by = reviewer
    annotation.status = status
    if status in (Annotation.Status.APPROVED, Annotation.Status.REJECTED):
        annotation.reviewed_by = reviewer
        annotation.reviewed_at = timezone.now()
    annotation.full_clean()
    annotation.save()
    return annotation


def annotation_delete(annotation: Annotation) -> None:
    annotation.delete()


def _fill_context(annotation: Annotation) -> None:
    body = annotation.article.body
    if 0 <= annotation.start < annotation.end <= len(body):
        annotation.prefix, annotation.suffix = context_around(
            body, annotation.start, annotation.end
        )


@dataclass(frozen=True)
class RelocationReport:
    kept: int = 0
    moved: int = 0
    flagged: int = 0


def annotations_relocate(article: Article, old_body: str) -> RelocationReport:
    """After ``article.body`` changed from ``old_body``, re-anchor its annotations.

    An annotation whose quote is still at its offsets stays. One whose quote
    occurs elsewhere moves there, choosing the occurrence whose surrounding text
    matches the stored prefix/suffix, then the one nearest the old position. One
    whose quote no longer occurs is flagged for an editor: never pointed at
    other text silently.
    """
    body = article.body
    kept = moved = flagged = 0
    with transaction.atomic():
        for annotation in article.annotations.select_for_update().order_by("id"):
            if body[annotation.start : annotation.end] == annotation.quote:
                if not annotation.flagged:
                    kept += 1
                    continue
            position, reason = _best_occurrence(body, annotation)
            if position is None:
                annotation.flagged = True
                annotation.flag_reason = reason
                annotation.save(update_fields=["flagged", "flag_reason", "updated_at"])
                flagged += 1
                continue
            annotation.start = position
            annotation.end = position + len(annotation.quote)
            annotation.prefix, annotation.suffix = context_around(
                body, annotation.start, annotation.end
            )
            annotation.flagged = False
            annotation.flag_reason = ""
            annotation.full_clean()
            annotation.save()
            moved += 1
    return RelocationReport(kept=kept, moved=moved, flagged=flagged)


def _best_occurrence(body: str, annotation: Annotation) -> tuple[int | None, str]:
    """The new start of the annotation's quote, or ``None`` and why not."""
    quote = annotation.quote
    positions = []
    index = body.find(quote)
    while index != -1:
        positions.append(index)
        index = body.find(quote, index + 1)
    if not positions:
        return None, "The quote no longer occurs in the article text."
    if len(positions) == 1:
        return positions[0], ""

    def context_match(position: int) -> int:
        prefix, suffix = context_around(body, position, position + len(quote))
        return _common_suffix(prefix, annotation.prefix) + _common_prefix(suffix, annotation.suffix)

    scored = sorted(positions, key=lambda p: (-context_match(p), abs(p - annotation.start)))
    best, runner_up = scored[0], scored[1]
    if context_match(best) == 0 or context_match(best) == context_match(runner_up):
        return None, f"The quote now occurs {len(positions)} times; an editor must choose."
    return best, ""


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
