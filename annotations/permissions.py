"""Who may do what to an annotation: one set of rules for the admin's forms,
actions and JSON endpoints.

Editors (``add/change/delete_annotation``) work on their own drafts and on
machine suggestions (which belong to no one): they may edit them, accept a
suggestion (→ draft) or dismiss it (→ rejected). Reviewers
(``review_annotation``) may also approve or reject anyone's annotation, and
reopen a reviewed one as a draft.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q

from annotations.models import Annotation

Status = Annotation.Status

REVIEW_PERMISSION = "annotations.review_annotation"


def can_review(user: AbstractBaseUser) -> bool:
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def can_create(user: AbstractBaseUser) -> bool:
    return user.is_active and user.has_perm("annotations.add_annotation")


def is_own_work(user: AbstractBaseUser, annotation: Annotation) -> bool:
    """The editor's own draft, or a machine suggestion nobody owns yet."""
    if annotation.status == Status.SUGGESTED:
        return annotation.created_by_id in (None, user.pk)
    return annotation.status == Status.DRAFT and annotation.created_by_id == user.pk


def can_edit(user: AbstractBaseUser, annotation: Annotation) -> bool:
    """May change the topic, note or passage."""
    if not (user.is_active and user.has_perm("annotations.change_annotation")):
        return False
    return can_review(user) or is_own_work(user, annotation)


def can_delete(user: AbstractBaseUser, annotation: Annotation) -> bool:
    if not (user.is_active and user.has_perm("annotations.delete_annotation")):
        return False
    return can_review(user) or is_own_work(user, annotation)


def allowed_statuses(user: AbstractBaseUser, annotation: Annotation) -> list[str]:
    """The statuses ``user`` may move ``annotation`` to, its current one first."""
    current = annotation.status
    allowed = [current]
    if not (user.is_active and user.has_perm("annotations.change_annotation")):
        return allowed
    if can_review(user):
        targets = [Status.DRAFT, Status.APPROVED, Status.REJECTED]
    elif current == Status.SUGGESTED and is_own_work(user, annotation):
        # Accepting or dismissing a machine suggestion is an editor's call.
        targets = [Status.DRAFT, Status.REJECTED]
    else:
        targets = []
    allowed.extend(status for status in targets if status != current)
    return allowed


def can_set_status(user: AbstractBaseUser, annotation: Annotation, status: str) -> bool:
    return status in allowed_statuses(user, annotation)


def accept_status(user: AbstractBaseUser) -> str:
    """Where accepting a suggestion takes it: straight to approved for a reviewer."""
    return Status.APPROVED if can_review(user) else Status.DRAFT


def hidden_from(user: AbstractBaseUser | None) -> Q | None:
    """The annotations ``user`` may not see, whatever their role lets them see,
    as a filter on ``Annotation``; ``None`` when nothing is hidden.

    Independent annotation: while an assignment for double annotation is open
    (``agreement.Assignment``), each editor assigned to it sees only their own
    passages on its articles, not a colleague's nor a machine suggestion. Every
    read of annotations (the annotator, the admin, the API) applies this.
    Asked once per request: the answer is kept on the user object.
    """
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_annotations_hidden_from", _UNASKED)
    if cached is _UNASKED:
        from agreement.selectors import articles_blind_to  # agreement builds on annotations

        articles = articles_blind_to(user)
        cached = None if articles is None else Q(article_id__in=articles) & ~Q(created_by=user)
        user._annotations_hidden_from = cached
    return cached


_UNASKED = object()
