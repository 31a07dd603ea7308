"""Who may do what to an annotation: the one editorial policy, applied by
``annotations.services`` below every interface (the admin, the annotator, the
API and the shell get the same answer), and asked by the interfaces to show
only what a user may do.

Only active staff accounts write (``is_staff``), and only with the model's
permissions, which the "Editors" and "Reviewers" groups grant. Editors
(``add/change/delete_annotation``) work on their own drafts and on machine
suggestions (which belong to no one): they may edit them, accept a suggestion
(→ draft) or dismiss it (→ rejected), and create drafts. Reviewers
(``review_annotation``) may also edit, approve, reject or delete anyone's
annotation, create approved or rejected ones, and reopen a reviewed one as a
draft. Nobody moves an annotation back to ``suggested``: that status is the
suggestion rules' (``SYSTEM``).

``check_*`` raise ``WorkflowDenied`` (a ``PermissionDenied``) with a message
saying why; ``can_*`` answer yes or no.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from annotations.models import Annotation

Status = Annotation.Status

REVIEW_PERMISSION = "annotations.review_annotation"


class _System:
    """The archive itself acting: the loader, the suggestion rules, a data
    migration. Not a user; the policy does not apply to it."""

    def __repr__(self) -> str:
        return "SYSTEM"


#: Pass as ``by=`` when no person acts (a machine suggestion, a fixture).
SYSTEM = _System()


class WorkflowDenied(PermissionDenied):
    """The editorial policy refuses this write; ``message`` says why."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def is_writer(user: AbstractBaseUser | None) -> bool:
    """An active staff account: the only kind that writes annotations."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
    )


def _has(user, codename: str) -> bool:
    return is_writer(user) and user.has_perm(f"annotations.{codename}")


def can_review(user: AbstractBaseUser) -> bool:
    return is_writer(user) and user.has_perm(REVIEW_PERMISSION)


def can_create(user: AbstractBaseUser) -> bool:
    return _has(user, "add_annotation")


def creatable_statuses(user: AbstractBaseUser) -> list[str]:
    """The statuses a new annotation of ``user``'s may start in."""
    if not can_create(user):
        return []
    if can_review(user):
        return [Status.DRAFT, Status.APPROVED, Status.REJECTED]
    return [Status.DRAFT]


def is_own_work(user: AbstractBaseUser, annotation: Annotation) -> bool:
    """The editor's own draft, or a machine suggestion nobody owns yet."""
    if annotation.status == Status.SUGGESTED:
        return annotation.created_by_id in (None, user.pk)
    return annotation.status == Status.DRAFT and annotation.created_by_id == user.pk


def can_edit(user: AbstractBaseUser, annotation: Annotation) -> bool:
    """May change the topic, note or passage."""
    if not _has(user, "change_annotation"):
        return False
    return can_review(user) or is_own_work(user, annotation)


def can_delete(user: AbstractBaseUser, annotation: Annotation) -> bool:
    if not _has(user, "delete_annotation"):
        return False
    return can_review(user) or is_own_work(user, annotation)


def allowed_statuses(user: AbstractBaseUser, annotation: Annotation) -> list[str]:
    """The statuses ``user`` may move ``annotation`` to, its current one first."""
    current = annotation.status
    allowed = [current]
    if not _has(user, "change_annotation"):
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


# ---- the checks the services make -------------------------------------


def _not_a_writer(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return _("Log in with a staff account to change annotations.")
    if not (user.is_active and user.is_staff):
        return _(
            "Only staff accounts may change annotations; ask an administrator for one "
            "in the Editors group."
        )
    return None


WRITE_PERMISSIONS = {
    "add": "annotations.add_annotation",
    "change": "annotations.change_annotation",
    "delete": "annotations.delete_annotation",
}


def write_refusal(user, kind: str) -> str | None:
    """Why ``user`` may not make any write of ``kind`` (``add``, ``change``,
    ``delete``) at all, whatever the annotation; ``None`` when they may make
    some. Interfaces ask it before reading a request's data."""
    if user is SYSTEM:
        return None
    if problem := _not_a_writer(user):
        return problem
    if not user.has_perm(WRITE_PERMISSIONS[kind]):
        return {
            "add": _("You may not create annotations (your groups do not allow it)."),
            "change": _("You may not change annotations (your groups do not allow it)."),
            "delete": _("You may not delete annotations (your groups do not allow it)."),
        }[kind]
    return None


def check_create(user, *, status: str = Status.DRAFT) -> None:
    if user is SYSTEM:
        return
    if problem := write_refusal(user, "add"):
        raise WorkflowDenied(problem)
    if status not in creatable_statuses(user):
        raise WorkflowDenied(
            _("You may not create an annotation with the status “%(status)s”.") % {"status": status}
        )


def check_edit(user, annotation: Annotation) -> None:
    """May change the topic, note or passage (moving or re-attaching it)."""
    if user is SYSTEM:
        return
    if problem := write_refusal(user, "change"):
        raise WorkflowDenied(problem)
    if not can_edit(user, annotation):
        raise WorkflowDenied(_("You may only edit your own drafts and open suggestions."))


def check_set_status(user, annotation: Annotation, status: str) -> None:
    if user is SYSTEM or status == annotation.status:
        return
    if problem := write_refusal(user, "change"):
        raise WorkflowDenied(problem)
    if not can_set_status(user, annotation, status):
        raise WorkflowDenied(
            _("You may not set this annotation's status to “%(status)s”.") % {"status": status}
        )


def check_delete(user, annotation: Annotation) -> None:
    if user is SYSTEM:
        return
    if problem := write_refusal(user, "delete"):
        raise WorkflowDenied(problem)
    if not can_delete(user, annotation):
        raise WorkflowDenied(_("You may only delete your own drafts and open suggestions."))
