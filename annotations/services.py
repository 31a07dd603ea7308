"""Every write to an annotation goes through here: the admin, the API, the
loader and the shell alike. Validation is ``Annotation.full_clean()`` (the
database constraints plus the quote check in ``Annotation.clean``)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
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
    rule: str = "",
    matched: str = "",
) -> Annotation:
    """Create an annotation after checking ``quote == article.body[start:end]``.

    ``rule`` and ``matched`` record, for a machine suggestion, the keyword rule
    and the words that fired it.

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
        rule=rule,
        matched=matched,
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
        annotation.anchor_candidates = []
        if annotation.anchored_by == "orphan":
            annotation.anchored_by = ""
    annotation.full_clean()
    annotation.save()
    return annotation


def annotation_reattach(annotation: Annotation, *, start: int, end: int, quote: str) -> Annotation:
    """An editor puts an orphaned passage back: at ``start``–``end`` of the
    current body, whose text must be ``quote`` (what the editor saw; it may
    differ from the old quote). Clears the flag and the candidates; the status
    stays (an orphan that was approved went back to review)."""
    annotation.anchored_by = "re-attached"
    annotation._change_reason = "Re-attached by an editor"
    return annotation_update(annotation, start=start, end=end, quote=quote)


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
