"""JSON endpoints behind the annotator's mentions layer (admin, staff only):
an article's mentions, and a new alias from a selected passage."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actors import permissions, selectors, services
from actors.models import Actor
from archive.models import Article


def _staff(request) -> None:
    if not permissions.can_view_mentions(request.user):
        raise PermissionDenied


@require_GET
def article_mentions(request, article_id: int) -> JsonResponse:
    """The mentions layer's data for one article (``selectors.mentions_layer``)."""
    _staff(request)
    article = get_object_or_404(Article.objects.only("id"), pk=article_id)
    return JsonResponse(selectors.mentions_layer(article, user=request.user))


@require_POST
def alias_from_passage(request) -> JsonResponse:
    """Add the selected passage as an alias of an actor: ``{"actor": slug,
    "text": passage}``. The matcher then re-runs on the articles it may change."""
    if not permissions.can_add_alias(request.user):
        raise PermissionDenied
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"errors": {"body": [_("Send a JSON object.")]}}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"errors": {"body": [_("Send a JSON object.")]}}, status=400)
    actor = Actor.objects.filter(slug=str(data.get("actor", ""))).first()
    if actor is None:
        return JsonResponse({"errors": {"actor": [_("Choose an actor.")]}}, status=400)
    text = str(data.get("text", "")).strip()
    if len(text) > 200:
        return JsonResponse(
            {"errors": {"text": [_("A spelling has at most 200 characters.")]}}, status=400
        )
    try:
        alias = services.alias_create(actor, text)
    except ValidationError as error:
        return JsonResponse({"errors": error.message_dict}, status=400)
    return JsonResponse({"alias": alias.text, "actor": actor.slug}, status=201)
