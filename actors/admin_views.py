"""JSON endpoints behind the annotator's mentions layer (admin, staff only):
an article's mentions, and a new alias from a selected passage."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actors import permissions, services
from actors.models import Actor, Mention
from archive.models import Article


def _staff(request) -> None:
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    if not request.user.has_perm("actors.view_mention"):
        raise PermissionDenied


@require_GET
def article_mentions(request, article_id: int) -> JsonResponse:
    """The article's mentions, rejected ones left out: code points, quote,
    status, actor (or the candidates of an ambiguous one)."""
    _staff(request)
    article = get_object_or_404(Article.objects.only("id"), pk=article_id)
    mentions = (
        Mention.objects.filter(article=article)
        .exclude(status=Mention.Status.REJECTED)
        .select_related("actor")
        .prefetch_related("candidates")
        .order_by("start")
    )
    return JsonResponse(
        {
            "mentions": [
                {
                    "id": m.pk,
                    "start": m.start,
                    "end": m.end,
                    "quote": m.quote,
                    "status": m.status,
                    "actor": m.actor.slug if m.actor else None,
                    "name": str(m.actor) if m.actor else " / ".join(map(str, m.candidates.all())),
                }
                for m in mentions
            ],
            "actors": [
                {"slug": slug, "name": f"{name_ar} ({name_en})" if name_en else name_ar}
                for slug, name_ar, name_en in Actor.objects.order_by("name_ar").values_list(
                    "slug", "name_ar", "name_en"
                )
            ]
            if permissions.can_add_alias(request.user)
            else [],
        }
    )


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
