"""The review queue: suggestions and drafts across articles, oldest first.

Mounted by ``AnnotationAdmin.get_urls`` at ``review/``. Filter by status,
topic and outlet; each passage opens in its article's workspace; selected
passages are accepted, dismissed, approved or rejected in bulk. Which move a
user may make on each passage is ``annotations.review.review_actions`` (that
is, ``annotations.permissions``); a passage the user may not move that way is
skipped and counted.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from annotations.models import Annotation, Topic
from annotations.review import ACTIONS, review_actions
from annotations.services import annotation_set_status
from archive.curation import Viewer
from archive.models import ArticleSource, Source

Status = Annotation.Status
QUEUE_STATUSES = (Status.SUGGESTED, Status.DRAFT)
PAGE_SIZE = 50


def queue_queryset(user, *, status: str = "", topic: str = "", source: str = ""):
    """Suggestions and drafts ``user`` may see, oldest first, optionally by
    status, topic and outlet."""
    queryset = (
        Annotation.objects.not_hidden_from(Viewer.of(user))
        .filter(status__in=QUEUE_STATUSES)
        .select_related("article", "topic", "created_by")
        .defer("article__body", "article__raw_text", "article__summary", "article__caption")
        .order_by("created_at", "id")
    )
    if status in QUEUE_STATUSES:
        queryset = queryset.filter(status=status)
    if topic.isdigit():
        queryset = queryset.filter(topic_id=int(topic))
    if source.isdigit():
        linked = ArticleSource.objects.filter(article=OuterRef("article_id"), source_id=int(source))
        queryset = queryset.filter(Exists(linked))
    return queryset


def review_apply(user, annotations, name: str) -> tuple[int, int]:
    """Make the review move ``name`` on each annotation where ``user`` may.

    Returns ``(done, skipped)``."""
    done = skipped = 0
    with transaction.atomic():
        for annotation in annotations:
            action = next((a for a in review_actions(user, annotation) if a["name"] == name), None)
            if action is None:
                skipped += 1
                continue
            annotation_set_status(annotation, status=action["status"], by=user)
            done += 1
    return done, skipped


def queue_view(model_admin, request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    filters = {name: params.get(name, "") for name in ("status", "topic", "source")}
    queryset = queue_queryset(request.user, **filters)
    if request.method == "POST":
        name = request.POST.get("action", "")
        ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
        if name not in ACTIONS:
            messages.error(request, _("Choose what to do with the selected passages."))
        elif not ids:
            messages.warning(request, _("Select the passages first."))
        else:
            done, skipped = review_apply(
                request.user, queryset.filter(pk__in=ids).select_for_update(of=("self",)), name
            )
            label = str(ACTIONS[name][0])
            messages.success(
                request,
                ngettext("%(action)s: %(count)d passage.", "%(action)s: %(count)d passages.", done)
                % {"action": label, "count": done},
            )
            if skipped:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d passage skipped: you may not do that to it.",
                        "%(count)d passages skipped: you may not do that to them.",
                        skipped,
                    )
                    % {"count": skipped},
                )
        query = "&".join(f"{key}={value}" for key, value in filters.items() if value)
        url = reverse("admin:annotations_annotation_review")
        return HttpResponseRedirect(f"{url}?{query}" if query else url)

    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for annotation in page.object_list:
        rows.append(
            {
                "annotation": annotation,
                "actions": review_actions(request.user, annotation),
                "url": reverse("admin:archive_article_workspace", args=[annotation.article_id])
                + f"?annotation={annotation.pk}",
            }
        )
    # Bulk buttons: every move someone may make on at least one row shown.
    names = {action["name"] for row in rows for action in row["actions"]}
    bulk = [
        {"name": name, "label": str(label)}
        for name, (label, _key) in ACTIONS.items()
        if name in names
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Review queue"),
        "opts": model_admin.model._meta,
        "rows": rows,
        "page": page,
        "bulk": bulk,
        "filters": filters,
        "statuses": [(value, Status(value).label) for value in QUEUE_STATUSES],
        "topics": Topic.objects.order_by("slug"),
        "sources": Source.objects.filter(article_links__isnull=False).distinct().order_by("name"),
        "total": page.paginator.count,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/annotations/annotation/review_queue.html", context)
