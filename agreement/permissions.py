"""Who may do what with double annotation: reviewers assign, close, read the
agreement and curate; editors annotate their assigned articles as usual.

The rule that hides colleagues' passages while an assignment is open
(``annotations_hidden_from``) is a restriction of the curation policy
(``archive.curation.restrict``, registered in ``AgreementConfig.ready``).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q

from agreement.selectors import articles_blind_to
from annotations import permissions as annotation_permissions


def can_manage_assignments(user: AbstractBaseUser) -> bool:
    """Create and close assignments, read agreement figures, curate versions."""
    return bool(user and user.is_authenticated and user.is_staff) and (
        annotation_permissions.can_review(user)
    )


def can_be_assigned(user: AbstractBaseUser) -> bool:
    """An editor who may annotate (and so take part in double annotation)."""
    return bool(user.is_staff) and annotation_permissions.can_create(user)


def annotations_hidden_from(user: AbstractBaseUser) -> Q | None:
    """The annotations hidden from ``user``, as a filter on ``Annotation``;
    ``None`` when nothing is hidden. Independent annotation: while an
    assignment for double annotation is open, each editor assigned to it sees
    only their own passages on its articles, not a colleague's nor a machine
    suggestion. Every read of annotations (the annotator, the admin, the API)
    applies it; asked once per user object (``archive.curation.Viewer.of``)."""
    articles = articles_blind_to(user)
    return None if articles is None else Q(article_id__in=articles) & ~Q(created_by=user)
