"""The review buttons an editor sees on a passage, named for what they do.

Which moves a user may make is ``annotations.permissions``; this module only
names them for the workspace (a suggestion is *accepted* or *dismissed*, an
editor's passage *approved*, *rejected* or *reopened*) and gives each its key.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from annotations import permissions
from annotations.models import Annotation

Status = Annotation.Status

#: name -> (label, key); the keys are documented in the workspace's help overlay.
ACTIONS = {
    "accept": (_("Accept"), "a"),
    "dismiss": (_("Dismiss"), "d"),
    "approve": (_("Approve"), "a"),
    "reject": (_("Reject"), "r"),
    "reopen": (_("Reopen"), "o"),
}


def review_actions(user: AbstractBaseUser, annotation: Annotation) -> list[dict[str, str]]:
    """The moves ``user`` may make on ``annotation``, as ``{name, status, label, key}``."""
    allowed = set(permissions.allowed_statuses(user, annotation)) - {annotation.status}
    moves: list[tuple[str, str]] = []
    if annotation.status == Status.SUGGESTED:
        accept = permissions.accept_status(user)
        if accept in allowed:
            moves.append(("accept", accept))
        if Status.REJECTED in allowed:
            moves.append(("dismiss", Status.REJECTED))
    else:
        if Status.APPROVED in allowed:
            moves.append(("approve", Status.APPROVED))
        if Status.REJECTED in allowed:
            moves.append(("reject", Status.REJECTED))
        if annotation.status in (Status.APPROVED, Status.REJECTED) and Status.DRAFT in allowed:
            moves.append(("reopen", Status.DRAFT))
    return [
        {"name": name, "status": status, "label": str(ACTIONS[name][0]), "key": ACTIONS[name][1]}
        for name, status in moves
    ]
