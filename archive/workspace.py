"""The editors' workspace for one article: the text first, the metadata aside.

Mounted by ``ArticleAdmin.get_urls`` at ``<id>/workspace/``. The article's
text is read in the middle, right to left, with the annotator's passages
beside it; the metadata sits in a side panel, open only when the loader
doubted something (no date, a title derived from the text). The full change
form stays one link away.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from annotations.history import article_activity
from annotations.widgets import AnnotatorWidget
from archive.models import Article


def article_doubts(article: Article) -> list[str]:
    """What the loader could not establish, for the editor to settle."""
    doubts = []
    if article.published_on is None:
        doubts.append(_("The file states no publication date: set one if you can."))
    if article.title_derived:
        doubts.append(_("The title was taken from the text: check it."))
    # What else the loader doubted (an uncertain title, body or date), as it said it.
    labels = {"title": _("Title"), "date": _("Date"), "body": _("Text")}
    covered = {"date": article.published_on is None, "title": article.title_derived}
    for kind, reason in ((article.loader_findings or {}).get("doubts") or {}).items():
        if not covered.get(kind):
            doubts.append(f"{labels.get(kind, kind)}: {reason}")
    return doubts


def workspace_view(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    article = (
        Article.objects.prefetch_related("source_links__source", "event_reports__event")
        .filter(pk=unquote(object_id))
        .first()
    )
    if article is None:
        raise Http404(_("No such article."))
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    widget = AnnotatorWidget(article=article, user=request.user)
    doubts = article_doubts(article)
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": article.title,
        # The text needs the width more than the admin's menu does.
        "is_nav_sidebar_enabled": False,
        "subtitle": _("Workspace"),
        "opts": opts,
        "article": article,
        "doubts": doubts,
        "metadata_open": bool(doubts),
        "sources": [link for link in article.source_links.all()],
        "events": [report for report in article.event_reports.all()],
        "annotator": widget.render("body", None),
        "mentions_layer": model_admin.mentions_layer(request, article),
        "media": model_admin.media + widget.media,
        "change_url": reverse("admin:archive_article_change", args=[article.pk]),
        "history_url": reverse("admin:archive_article_history", args=[article.pk]),
        "changelist_url": reverse("admin:archive_article_changelist"),
        "can_change": model_admin.has_change_permission(request, article),
        "activity": article_activity(article, request.user, limit=20),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/archive/article/workspace.html", context)
