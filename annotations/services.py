"""Every write to an annotation goes through here: the admin, the annotator
(through the API), the API, the suggestion rules, the agreement curation and
the shell alike.

Each takes ``by``, who acts (a user, or ``permissions.SYSTEM`` when the
archive itself does), and applies the one editorial policy,
``annotations.permissions``: a refused write raises ``WorkflowDenied`` (a
``PermissionDenied`` with a message) and changes nothing. Validation is
``Annotation.full_clean()`` (the database constraints plus the quote check in
``Annotation.clean``).

Concurrency: a change locks the row (``SELECT … FOR UPDATE``), checks the
policy against the row as it is now, not as the caller read it, and saves with
``UPDATE … WHERE version = V`` (``archive.concurrency``). ``version`` is the
version the caller's user saw (the API's ``If-Match``); without it, the
caller's copy must be the current row. Either way a row that changed since is
never overwritten: ``StaleVersion`` is raised.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations import permissions
from annotations.models import Annotation, Topic
from annotations.permissions import SYSTEM
from archive.concurrency import StaleVersion
from archive.curation import Viewer
from archive.models import Article

_UNSET = object()
Status = Annotation.Status
REVIEWED = (Status.APPROVED, Status.REJECTED)


def context_around(body: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix stored beside a quote (W3C TextQuoteSelector)."""
    size = Annotation.CONTEXT_LENGTH
    return body[max(0, start - size) : start], body[end : end + size]


def _person(by) -> AbstractBaseUser | None:
    return None if by is SYSTEM else by


def _check_article(by, article: Article) -> None:
    """A user annotates only an article they may read: a validation message
    quotes its text."""
    if by is SYSTEM or article.status == Article.Status.PUBLISHED:
        return
    if not Viewer.of(by).sees_drafts:
        raise ValidationError({"article": [_("No such article.")]})


def annotation_create(
    *,
    by,
    article: Article,
    topic: Topic,
    start: int,
    end: int,
    quote: str,
    note: str = "",
    status: str = Status.DRAFT,
    created_by: AbstractBaseUser | None = None,
    rule: str = "",
    matched: str = "",
) -> Annotation:
    """Create an annotation after checking ``quote == article.body[start:end]``.

    A user's annotation is theirs (``created_by``); only a reviewer (curating
    editors' versions) or ``SYSTEM`` names another author, and only ``SYSTEM``
    none (a machine suggestion). Created approved or
    rejected, it records ``by`` as its reviewer. ``rule`` and ``matched``
    record, for a machine suggestion, the keyword rule and the words that
    fired it.

    Raises ``WorkflowDenied`` when ``by`` may not, and
    ``django.core.exceptions.ValidationError`` on a mismatch or offsets
    outside the body.
    """
    permissions.check_create(by, status=status)
    _check_article(by, article)
    person = _person(by)
    if created_by is not None and person is not None and created_by != person:
        if not permissions.can_review(by):
            raise permissions.WorkflowDenied(
                _("Only a reviewer may create an annotation in another editor's name.")
            )
        person = created_by
    annotation = Annotation(
        article=article,
        topic=topic,
        start=start,
        end=end,
        quote=quote,
        note=note,
        status=status,
        created_by=person if person is not None else created_by,  # SYSTEM: as given
        rule=rule,
        matched=matched,
    )
    if status in REVIEWED:
        annotation.reviewed_by = _person(by)
        annotation.reviewed_at = timezone.now()
    _fill_context(annotation)
    annotation.full_clean()
    annotation.save()
    return annotation


def annotation_change(
    annotation: Annotation,
    *,
    by,
    version: int | None = None,
    topic: Topic | object = _UNSET,
    note: str | object = _UNSET,
    start: int | object = _UNSET,
    end: int | object = _UNSET,
    quote: str | object = _UNSET,
    status: str | object = _UNSET,
    reason: str = "",
) -> Annotation:
    """Change an annotation's topic, note or passage and/or move its status,
    in one locked write (one version). A new passage is checked against the
    body like a new annotation and clears the flag; accepting a machine
    suggestion makes it ``by``'s own work; approving and rejecting record the
    reviewer. Updates ``annotation`` in place and returns it."""
    with transaction.atomic():
        current = _locked(annotation, version)
        edits = {
            name: value
            for name, value in (
                ("topic", topic),
                ("note", note),
                ("start", start),
                ("end", end),
                ("quote", quote),
            )
            if value is not _UNSET
        }
        changed = {name: value for name, value in edits.items() if getattr(current, name) != value}
        moved = bool({"start", "end", "quote"} & changed.keys()) or bool(reason)
        if changed or reason:
            permissions.check_edit(by, current)
        if moved:
            _check_article(by, current.article)
        new_status = current.status if status is _UNSET else status
        permissions.check_set_status(by, current, new_status)
        if not changed and new_status == current.status and not reason:
            _copy(current, annotation)
            return annotation
        for name, value in changed.items():
            setattr(current, name, value)
        if moved:
            _fill_context(current)
            current.flagged = False
            current.flag_reason = ""
            current.anchor_candidates = []
            if current.anchored_by == "orphan":
                current.anchored_by = ""
        if new_status != current.status:
            person = _person(by)
            if (
                current.status == Status.SUGGESTED
                and new_status != Status.REJECTED
                and current.created_by_id is None
            ):
                # Accepting a machine suggestion makes it the accepting editor's own work.
                current.created_by = person
            current.status = new_status
            if new_status in REVIEWED:
                current.reviewed_by = person
                current.reviewed_at = timezone.now()
        if reason:
            current.anchored_by = reason
            current._change_reason = "Re-attached by an editor"
        if by is not SYSTEM:
            current._history_user = by
        current.full_clean()
        current.save()
    _copy(current, annotation)
    return annotation


def annotation_update(annotation: Annotation, *, by, version: int | None = None, **changes):
    """Change an annotation's topic, note or passage (``annotation_change``)."""
    if "status" in changes:
        raise TypeError("annotation_update changes no status; use annotation_set_status")
    return annotation_change(annotation, by=by, version=version, **changes)


def annotation_reattach(
    annotation: Annotation, *, by, start: int, end: int, quote: str, version: int | None = None
) -> Annotation:
    """An editor puts an orphaned passage back: at ``start``–``end`` of the
    current body, whose text must be ``quote`` (what the editor saw; it may
    differ from the old quote). Clears the flag and the candidates; the status
    stays (an orphan that was approved went back to review)."""
    return annotation_change(
        annotation,
        by=by,
        version=version,
        start=start,
        end=end,
        quote=quote,
        reason="re-attached",
    )


def annotation_set_status(
    annotation: Annotation, *, status: str, by, version: int | None = None
) -> Annotation:
    """Move an annotation along suggested → draft → approved / rejected, as
    ``by`` may (``permissions.allowed_statuses``)."""
    return annotation_change(annotation, by=by, version=version, status=status)


def suggestion_accept(annotation: Annotation, *, by, version: int | None = None) -> Annotation:
    """Accept a machine suggestion: a draft of ``by``'s, or approved at once
    when ``by`` reviews."""
    if annotation.status != Status.SUGGESTED:
        raise ValidationError({"status": [_("Only a suggestion can be accepted.")]})
    return annotation_set_status(
        annotation, status=permissions.accept_status(by), by=by, version=version
    )


def annotation_delete(annotation: Annotation, *, by, version: int | None = None) -> None:
    with transaction.atomic():
        current = _locked(annotation, version)
        permissions.check_delete(by, current)
        if by is not SYSTEM:
            current._history_user = by
        current.delete()


def _locked(annotation: Annotation, version: int | None) -> Annotation:
    """The row as it is now, locked until the transaction ends; ``StaleVersion``
    unless it is at ``version`` (the caller's copy's, when not given)."""
    expected = annotation.version if version is None else version
    current = (
        Annotation.objects.select_for_update(of=("self",))
        .select_related("article")
        .filter(pk=annotation.pk)
        .first()
    )
    if current is None or current.version != expected:
        raise StaleVersion(
            Annotation, annotation.pk, expected, None if current is None else current.version
        )
    return current


def _copy(source: Annotation, target: Annotation) -> None:
    if source is target:
        return
    for field in Annotation._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.fields_cache = dict(source._state.fields_cache)


def _fill_context(annotation: Annotation) -> None:
    body = annotation.article.body
    if 0 <= annotation.start < annotation.end <= len(body):
        annotation.prefix, annotation.suffix = context_around(
            body, annotation.start, annotation.end
        )
