"""Writes of double annotation: creating and closing assignments, and curating
the editors' versions into final, approved annotations. The admin, the API and
the shell all go through here."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreement import permissions
from agreement.models import Assignment, EditorVersion
from agreement.selectors import assignment_annotations
from annotations.models import Annotation
from annotations.services import annotation_delete
from archive.models import Article


def assignment_create(
    *,
    title: str,
    articles: Iterable[Article],
    editors: Iterable[AbstractBaseUser],
    created_by: AbstractBaseUser,
    batch_filter: str = "",
) -> Assignment:
    """Assign ``articles`` to two or more ``editors`` for independent annotation.

    From now until the assignment closes, each of them sees only their own
    passages on these articles. Raises ``PermissionDenied`` unless
    ``created_by`` is a reviewer, ``ValidationError`` (naming the field) for
    fewer than two editors, an editor who may not annotate, or no article.
    """
    if not permissions.can_manage_assignments(created_by):
        raise PermissionDenied(_("Only reviewers may assign articles for double annotation."))
    articles, editors = list(dict.fromkeys(articles)), list(dict.fromkeys(editors))
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the assignment a title.")]
    if not articles:
        errors["articles"] = [_("Choose at least one article.")]
    if len(editors) < 2:
        errors["editors"] = [_("Double annotation needs at least two editors.")]
    refused = [str(editor) for editor in editors if not permissions.can_be_assigned(editor)]
    if refused:
        errors.setdefault("editors", []).append(
            _("These users may not annotate: %(names)s.") % {"names": ", ".join(refused)}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assignment = Assignment(
            title=title.strip(), created_by=created_by, batch_filter=batch_filter
        )
        assignment.full_clean()
        assignment.save()
        assignment.articles.set(articles)
        assignment.editors.set(editors)
    return assignment


def assignment_close(assignment: Assignment, *, closed_by: AbstractBaseUser) -> int:
    """Close ``assignment``: each editor's passages on its articles become their
    own records (``EditorVersion``), never public, and the drafts leave the
    live annotations, for a reviewer to curate. Returns how many versions were
    kept. Raises ``PermissionDenied`` unless ``closed_by`` is a reviewer and
    ``ValidationError`` if the assignment is already closed."""
    if not permissions.can_manage_assignments(closed_by):
        raise PermissionDenied(_("Only reviewers may close an assignment."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if assignment.status != Assignment.Status.OPEN:
            raise ValidationError({"status": [_("This assignment is already closed.")]})
        annotations = list(
            assignment_annotations(assignment).select_for_update().order_by("article_id", "id")
        )
        EditorVersion.objects.bulk_create(
            EditorVersion(
                assignment=assignment,
                article_id=annotation.article_id,
                editor_id=annotation.created_by_id,
                topic_id=annotation.topic_id,
                start=annotation.start,
                end=annotation.end,
                quote=annotation.quote,
                note=annotation.note,
                annotated_at=annotation.created_at,
            )
            for annotation in annotations
        )
        for annotation in annotations:
            if annotation.status == Annotation.Status.DRAFT:
                annotation_delete(annotation)
        assignment.status = Assignment.Status.CLOSED
        assignment.closed_at = timezone.now()
        assignment.save(update_fields=["status", "closed_at", "updated_at"])
    return len(annotations)
