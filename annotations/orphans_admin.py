"""The editors' queue of orphaned passages: annotations an edit of their
article's text left without a safe place (``archive.anchoring``).

Each row shows the old quote in its old context, why it was orphaned, and the
candidate places found in the new text, each re-attached with one click; or
the editor opens the article's text and selects the new passage. Writes go
through ``annotations.services.annotation_reattach``; who may is
``annotations.permissions.can_edit``.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annotations import permissions
from annotations.models import Annotation, OrphanedAnnotation
from annotations.permissions import WorkflowDenied
from annotations.services import annotation_reattach
from archive.concurrency import StaleVersion

CONTEXT_SHOWN = 40


def in_context(body: str, start: int, end: int) -> str:
    """``body[start:end]`` marked, with some text either side."""
    return format_html(
        '<span dir="rtl" lang="ar" class="orphan-context">…{}<mark>{}</mark>{}…</span>',
        body[max(0, start - CONTEXT_SHOWN) : start],
        body[start:end],
        body[end : end + CONTEXT_SHOWN],
    )


@admin.register(OrphanedAnnotation)
class OrphanedAnnotationAdmin(admin.ModelAdmin):
    list_display = ["id", "old_passage", "candidate_places", "article_title", "topic", "status"]
    list_display_links = None
    list_filter = ["topic", "status"]
    list_select_related = ["article", "topic"]
    ordering = ["-updated_at", "-id"]
    search_fields = ["quote"]
    actions = None
    list_per_page = 50

    # Read-only: who sees annotations sees the queue; re-attaching is checked per row.
    def has_module_permission(self, request):
        return request.user.has_perm("annotations.view_annotation")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("annotations.view_annotation")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_list_display(self, request):
        # The candidates' buttons depend on who asks (thread-safe: no state on self).
        @admin.display(description=gettext_lazy("candidate places in the new text"))
        def candidate_places(annotation: Annotation) -> str:
            return self.candidate_places(annotation, request.user)

        return [
            candidate_places if name == "candidate_places" else name for name in self.list_display
        ]

    @admin.display(description=gettext_lazy("old passage, in its old context"))
    def old_passage(self, annotation: Annotation) -> str:
        return format_html(
            '<span dir="rtl" lang="ar">…{}<mark>{}</mark>{}…</span><br><small>{}</small>',
            annotation.prefix,
            annotation.quote,
            annotation.suffix,
            annotation.flag_reason,
        )

    def candidate_places(self, annotation: Annotation, user) -> str:
        body = annotation.article.body
        may = permissions.can_edit(user, annotation)
        url = reverse("admin:annotations_orphanedannotation_reattach", args=[annotation.pk])
        rows = []
        for candidate in annotation.anchor_candidates:
            start, end = candidate["start"], candidate["end"]
            button = (
                format_html(
                    '<button type="submit" formaction="{}" formmethod="post" name="place" '
                    'value="{}:{}">{}</button>',
                    url,
                    start,
                    end,
                    _("Re-attach here"),
                )
                if may
                else ""
            )
            rows.append((in_context(body, start, end), candidate["score"], button))
        places = format_html_join("", "<li>{} <small>({})</small> {}</li>", rows) or format_html(
            "<li>{}</li>", _("none found")
        )
        select = (
            format_html('<a href="{}">{}</a>', url, _("Select the new passage in the text"))
            if may
            else ""
        )
        return format_html('<ol class="orphan-candidates">{}</ol>{}', places, select)

    @admin.display(description=gettext_lazy("article"), ordering="article__title")
    def article_title(self, annotation: Annotation) -> str:
        url = reverse("admin:archive_article_change", args=[annotation.article_id])
        return format_html('<a href="{}" dir="rtl" lang="ar">{}</a>', url, annotation.article.title)

    def get_urls(self):
        return [
            path(
                "<int:pk>/reattach/",
                self.admin_site.admin_view(self.reattach_view),
                name="annotations_orphanedannotation_reattach",
            ),
            *super().get_urls(),
        ]

    def reattach_view(self, request, pk: int):
        """GET: the article's text, to select the new passage in. POST: re-attach
        at a candidate (``place=start:end``) or at a selection (``start``,
        ``end``, ``quote``)."""
        annotation = get_object_or_404(Annotation.objects.select_related("article"), pk=pk)
        queue = reverse("admin:annotations_orphanedannotation_changelist")
        if not permissions.can_edit(request.user, annotation):
            self.message_user(request, _("You may not re-attach this passage."), messages.ERROR)
            return HttpResponseRedirect(queue)
        if request.method == "POST":
            try:
                start, end, quote = self._chosen_place(request, annotation)
                annotation_reattach(annotation, by=request.user, start=start, end=end, quote=quote)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            except (WorkflowDenied, StaleVersion) as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The passage was re-attached: “%(quote)s”.") % {"quote": annotation.quote},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._next(request, queue))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Re-attach an orphaned passage"),
            "opts": self.opts,
            "annotation": annotation,
            "body": annotation.article.body,
            "candidates": [
                {**c, "context": in_context(annotation.article.body, c["start"], c["end"])}
                for c in annotation.anchor_candidates
            ],
            "queue_url": queue,
        }
        return TemplateResponse(request, "admin/annotations/reattach.html", context)

    @staticmethod
    def _chosen_place(request, annotation: Annotation) -> tuple[int, int, str]:
        place = request.POST.get("place")
        if place:
            # One click on a candidate: it must be one still listed for this passage.
            for candidate in annotation.anchor_candidates:
                if place == f"{candidate['start']}:{candidate['end']}":
                    return candidate["start"], candidate["end"], candidate["quote"]
            raise ValidationError(
                _("That place is no longer a candidate (the text changed); choose again.")
            )
        try:
            start, end = int(request.POST.get("start", "")), int(request.POST.get("end", ""))
        except ValueError:
            raise ValidationError(_("Select the passage in the text first.")) from None
        return start, end, request.POST.get("quote", "")

    @staticmethod
    def _next(request, default: str) -> str:
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
            return target
        return default
