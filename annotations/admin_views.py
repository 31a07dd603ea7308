"""JSON endpoints behind the article page's annotator.

Mounted by ``AnnotationAdmin.get_urls`` inside ``admin_site.admin_view`` (staff
login, CSRF, no caching). Thin: parse, check permissions, call
``annotations.services``, answer JSON. Offsets are Unicode code points into
``article.body``; the browser converts from UTF-16 before sending.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annotations import permissions
from annotations.models import Annotation, Topic
from annotations.review import review_actions
from annotations.selectors import without_hidden
from annotations.services import (
    annotation_create,
    annotation_delete,
    annotation_set_status,
    annotation_update,
)
from archive.models import Article


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
        "author": (author.get_full_name() or author.get_username()) if author else "",
        "can_edit": permissions.can_edit(user, annotation),
        "can_delete": permissions.can_delete(user, annotation),
        "statuses": permissions.allowed_statuses(user, annotation),
        "actions": review_actions(user, annotation),
        "rule": annotation.rule,
        "matched": annotation.matched,
        "history_url": reverse("admin:annotations_annotation_history", args=[annotation.pk]),
    }


def _error(message: str, status: int = 400, fields: dict | None = None) -> JsonResponse:
    return JsonResponse({"error": message, "fields": fields or {}}, status=status)


def _validation_error(error: ValidationError) -> JsonResponse:
    if hasattr(error, "error_dict"):
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        message = " ".join(m for messages in fields.values() for m in messages)
    else:
        fields = {}
        message = " ".join(str(m) for m in error.messages)
    return _error(message, fields=fields)


def _payload(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(_("The request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise ValidationError(_("The request body must be a JSON object."))
    return data


def _offset(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({name: [_("A whole number (a code-point offset) is required.")]})
    return value


def _topic(data: dict[str, Any]) -> Topic:
    topic = Topic.objects.filter(pk=data.get("topic")).first() if data.get("topic") else None
    if topic is None:
        raise ValidationError({"topic": [_("Choose a topic.")]})
    return topic


def _note(data: dict[str, Any]) -> str:
    note = data.get("note", "")
    if not isinstance(note, str):
        raise ValidationError({"note": [_("The note must be text.")]})
    return note


@require_POST
def annotation_create_view(request: HttpRequest) -> JsonResponse:
    """Create a draft annotation: ``{article, topic, start, end, quote, note?}``."""
    if not permissions.can_create(request.user):
        return _error(_("You may not create annotations."), status=403)
    try:
        data = _payload(request)
        article = Article.objects.filter(pk=data.get("article")).first()
        if article is None:
            raise ValidationError({"article": [_("No such article.")]})
        quote = data.get("quote")
        if not isinstance(quote, str):
            raise ValidationError({"quote": [_("The quote must be text.")]})
        annotation = annotation_create(
            article=article,
            topic=_topic(data),
            start=_offset(data, "start"),
            end=_offset(data, "end"),
            quote=quote,
            note=_note(data),
            status=Annotation.Status.DRAFT,
            created_by=request.user,
        )
    except ValidationError as error:
        return _validation_error(error)
    return JsonResponse({"annotation": annotation_data(annotation, request.user)}, status=201)


@require_POST
def annotation_update_view(request: HttpRequest, pk: int) -> JsonResponse:
    """Change an annotation's ``topic``, ``note`` and/or ``status``."""
    annotation = get_object_or_404(
        without_hidden(
            Annotation.objects.select_related("article", "created_by"), user=request.user
        ),
        pk=pk,
    )
    user = request.user
    try:
        data = _payload(request)
        changes: dict[str, Any] = {}
        if "topic" in data and data["topic"] != annotation.topic_id:
            changes["topic"] = _topic(data)
        if "note" in data and _note(data) != annotation.note:
            changes["note"] = _note(data)
        status = data.get("status", annotation.status)
        if changes and not permissions.can_edit(user, annotation):
            return _error(_("You may only edit your own drafts and open suggestions."), 403)
        if status != annotation.status and not permissions.can_set_status(user, annotation, status):
            return _error(
                _("You may not set this annotation's status to “%(status)s”.") % {"status": status},
                403,
            )
        with transaction.atomic():
            if changes:
                annotation_update(annotation, **changes)
            if status != annotation.status:
                annotation_set_status(annotation, status=status, reviewer=user)
    except ValidationError as error:
        return _validation_error(error)
    return JsonResponse({"annotation": annotation_data(annotation, user)})


@require_POST
def annotation_delete_view(request: HttpRequest, pk: int) -> JsonResponse:
    annotation = get_object_or_404(
        without_hidden(Annotation.objects.all(), user=request.user), pk=pk
    )
    if not permissions.can_delete(request.user, annotation):
        return _error(_("You may only delete your own drafts and open suggestions."), 403)
    annotation_delete(annotation)
    return JsonResponse({"deleted": pk})
