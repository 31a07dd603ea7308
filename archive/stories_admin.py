"""Stories in the admin: each story's copies and the annotations made on any
of them; merging stories; on an article, its siblings and a side-by-side diff
of their wording (diff-match-patch)."""

from __future__ import annotations

from diff_match_patch import diff_match_patch
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from annotations.models import Annotation
from archive.models import Article, Story
from archive.stories import story_merge, story_split


def side_by_side(left: str, right: str) -> tuple[str, str]:
    """Two texts as HTML, each marking what the other lacks: words only in the
    left one in ``<del>``, only in the right one in ``<ins>``."""
    dmp = diff_match_patch()
    diffs = dmp.diff_main(left, right)
    dmp.diff_cleanupSemantic(diffs)
    a, b = [], []
    for op, text in diffs:
        if op == 0:
            a.append(format_html("{}", text))
            b.append(format_html("{}", text))
        elif op == -1:
            a.append(format_html("<del>{}</del>", text))
        else:
            b.append(format_html("<ins>{}</ins>", text))
    # Every piece was escaped by format_html.
    return mark_safe("".join(a)), mark_safe("".join(b))  # noqa: S308


def story_siblings_block(article: Article) -> str:
    """The other copies of ``article``'s story, each with a link to the diff."""
    if article.story_id is None:
        return _("In no story.")
    siblings = Article.objects.filter(story=article.story_id).exclude(pk=article.pk)
    rows = format_html_join(
        "",
        '<li><a href="{}" dir="rtl" lang="ar">{}</a> ({}) — <a href="{}">{}</a></li>',
        (
            (
                reverse("admin:archive_article_change", args=[s.pk]),
                s.title,
                s.published_on or "—",
                reverse("admin:archive_article_story_diff", args=[article.pk, s.pk]),
                _("compare wording"),
            )
            for s in siblings.order_by("published_on", "id")
        ),
    )
    story = reverse("admin:archive_story_change", args=[article.story_id])
    if not rows:
        return format_html('<a href="{}">{}</a>: {}', story, _("story"), _("no other copy"))
    return format_html('<a href="{}">{}</a><ul>{}</ul>', story, _("story"), rows)


def story_diff_view(model_admin, request, object_id, other_id):
    """Two copies of one story side by side, their differences marked."""
    article = get_object_or_404(Article, pk=object_id)
    other = get_object_or_404(Article, pk=other_id)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    left, right = side_by_side(article.body, other.body)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "other": other,
        "same_story": article.story_id is not None and article.story_id == other.story_id,
        "left": left,
        "right": right,
        "title": _("Compare wording"),
    }
    return TemplateResponse(request, "admin/archive/story/diff.html", context)


@admin.action(description=_("Take the selected articles out of their story"))
def split_from_story(model_admin, request, queryset):
    if not request.user.has_perm("archive.change_story"):
        raise PermissionDenied
    for article in queryset:
        story_split(article)
    count = queryset.count()
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d article now stands in a story of its own.",
            "%(count)d articles now stand each in a story of its own.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["story_title", "copy_count", "created_at"]
    list_display_links = ["story_title"]
    search_fields = ["representative__title"]
    readonly_fields = ["representative", "copies_block", "annotations_block", "created_at"]
    fields = readonly_fields
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("representative")
            .annotate(copies=Count("articles"))
        )

    def has_add_permission(self, request):
        return False  # stories come from the loader; editors split and merge them

    @admin.display(description=_("story"), ordering="representative__title")
    def story_title(self, story: Story) -> str:
        return format_html('<span dir="rtl" lang="ar">{}</span>', str(story))

    @admin.display(description=_("copies"), ordering="copies")
    def copy_count(self, story: Story) -> int:
        return story.copies

    @admin.display(description=_("copies"))
    def copies_block(self, story: Story) -> str:
        rows = format_html_join(
            "",
            '<tr><td><a href="{}" dir="rtl" lang="ar">{}</a></td><td>{}</td><td>{}</td>'
            "<td>{}</td></tr>",
            (
                (
                    reverse("admin:archive_article_change", args=[a.pk]),
                    a.title,
                    a.published_on or "—",
                    a.get_status_display(),
                    a.url or a.source_file,
                )
                for a in story.articles.order_by("published_on", "id")
            ),
        )
        return format_html("<table>{}</table>", rows)

    @admin.display(description=_("annotations on any copy"))
    def annotations_block(self, story: Story) -> str:
        annotations = (
            Annotation.objects.filter(article__story=story)
            .select_related("topic", "article")
            .order_by("article_id", "start")
        )
        rows = format_html_join(
            "",
            '<tr><td>{}</td><td dir="rtl" lang="ar">{}</td><td dir="rtl" lang="ar">{}</td>'
            "<td>{}</td></tr>",
            ((a.topic, a.quote, a.article.title, a.get_status_display()) for a in annotations),
        )
        return format_html("<table>{}</table>", rows) if rows else _("None yet.")

    @admin.action(description=_("Merge the selected stories"))
    def merge_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        stories = list(queryset)
        if len(stories) < 2:
            self.message_user(request, _("Select two stories or more to merge."), messages.ERROR)
            return
        into = story_merge(stories)
        self.message_user(
            request,
            _("%(count)d stories merged into “%(story)s”.")
            % {"count": len(stories), "story": into},
            messages.SUCCESS,
        )
