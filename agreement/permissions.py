"""Who may do what with double annotation: reviewers assign, close, read the
agreement and curate; editors annotate their assigned articles as usual.

The rule that hides colleagues' passages while an assignment is open is part
of the annotations' visibility policy (``annotations.permissions.hidden_from``).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser

from annotations import permissions as annotation_permissions


def can_manage_assignments(user: AbstractBaseUser) -> bool:
    """Create and close assignments, read agreement figures, curate versions."""
    return bool(user and user.is_authenticated and user.is_staff) and (
        annotation_permissions.can_review(user)
    )


def can_be_assigned(user: AbstractBaseUser) -> bool:
    """An editor who may annotate (and so take part in double annotation)."""
    return bool(user.is_staff) and annotation_permissions.can_create(user)
