"""What the article page's annotator reads of a passage beside the API: who
may do what to it (the buttons to show), its author and history link.

Read-only: the annotator writes through the research API
(``/api/v1/annotations/``), the one write API. Mounted by
``AnnotationAdmin.get_urls`` inside ``admin_site.admin_view`` (staff login, no
caching).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from annotations import permissions
from annotations.models import Annotation
from annotations.review import review_actions
from archive.curation import Viewer


def annotation_data(annotation: Annotation, user: AbstractBaseUser) -> dict[str, Any]:
    """What the annotator needs to draw and edit one annotation."""
    author = annotation.created_by
    return {
        "id": annotation.pk,
        "topic": annotation.topic_id,
        "start": annotation.start,
        "end": annotation.end,
        "quote": annotation.quote,
        "note": annotation.note,
        "status": annotation.status,
        "status_label": str(annotation.get_status_display()),
        "flagged": annotation.flagged,
        "version": annotation.version,
        "author": (author.get_full_name() or author.get_username()) if author else "",
        "can_edit": permissions.can_edit(user, annotation),
        "can_delete": permissions.can_delete(user, annotation),
        "statuses": permissions.allowed_statuses(user, annotation),
        "actions": review_actions(user, annotation),
        "rule": annotation.rule,
        "matched": annotation.matched,
        "history_url": reverse("admin:annotations_annotation_history", args=[annotation.pk]),
    }


@require_GET
def annotation_item_view(request: HttpRequest, pk: int) -> JsonResponse:
    """One passage as the annotator draws it, with what ``request.user`` may
    do to it: read after each change the annotator makes through the API."""
    annotation = get_object_or_404(
        Annotation.objects.select_related("created_by", "topic").not_hidden_from(
            Viewer.of(request.user)
        ),
        pk=pk,
    )
    return JsonResponse({"annotation": annotation_data(annotation, request.user)})
