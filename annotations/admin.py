"""Admin for topics and annotations. Every write goes through
``annotations.services``; who may do what is ``annotations.permissions``."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from annotations import admin_views, permissions
from annotations.forms import AnnotationAdminForm
from annotations.history import NewsroomHistoryMixin
from annotations.models import Annotation, Topic
from annotations.permissions import WorkflowDenied
from annotations.queue import queue_view
from annotations.services import (
    annotation_change,
    annotation_create,
    annotation_delete,
    annotation_set_status,
)
from annotations.suggestions import topic_precision
from archive.admin_display import TextDirectionMixin
from archive.concurrency import StaleVersion
from archive.curation import Viewer
from archive.models import Article, Source


class EstimatedCountPaginator(Paginator):
    """Counts an unfiltered table from PostgreSQL's statistics.

    ``COUNT(*)`` reads every row; on a large table that dominates the
    changelist's time. When the query has no condition and the planner's
    estimate is large, the estimate is shown instead (off by a little, which a
    page count can bear). Filtered lists and small tables are counted exactly.
    """

    ESTIMATE_ABOVE = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where:
            connection = connections[queryset.db]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                        [queryset.model._meta.db_table],
                    )
                    row = cursor.fetchone()
                if row and row[0] >= self.ESTIMATE_ABOVE:
                    return int(row[0])
        return super().count


class ReadOnlyHistoryMixin(NewsroomHistoryMixin):
    """History is read as a newsroom log, never reverted (``annotations.history``)."""


@admin.register(Topic)
class TopicAdmin(TextDirectionMixin, admin.ModelAdmin):
    rtl_fields = frozenset({"name_ar", "keywords"})
    list_display = [
        "slug",
        "name_ar",
        "name_en",
        "colour_swatch",
        "keyword_count",
        "suggestion_precision",
    ]
    search_fields = ["slug", "name_ar", "name_en"]
    fields = ["slug", "name_ar", "name_en", "colour", "description", "keywords", "rule_precision"]
    readonly_fields = ["rule_precision"]

    @admin.display(description=_("colour"))
    def colour_swatch(self, topic: Topic) -> str:
        return format_html(
            '<span style="display:inline-block;width:1.5em;height:1em;background:{}"></span> {}',
            topic.colour,
            topic.colour,
        )

    @admin.display(description=_("keyword rules"))
    def keyword_count(self, topic: Topic) -> int:
        return len(topic.keyword_list)

    @admin.display(description=_("suggestions accepted ÷ reviewed"))
    def suggestion_precision(self, topic: Topic) -> str:
        total, _rules = topic_precision(topic)
        return _score(total)

    @admin.display(description=_("how editors judged each rule's suggestions"))
    def rule_precision(self, topic: Topic) -> str:
        if topic.pk is None:
            return ""
        total, rules = topic_precision(topic)
        if not total.suggested:
            return _("No suggestions yet.")
        rows = format_html_join(
            "",
            '<tr><td dir="rtl" lang="ar">{}</td><td>{}</td><td>{}</td></tr>',
            ((score.rule, score.suggested, _score(score)) for score in rules),
        )
        return format_html(
            '<table class="archive-rule-scores"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "</tr></thead><tbody>{}</tbody><tfoot><tr><th>{}</th><td>{}</td><td>{}</td></tr>"
            "</tfoot></table>",
            _("rule"),
            _("suggested"),
            _("accepted ÷ reviewed"),
            rows,
            _("all rules"),
            total.suggested,
            _score(total),
        )


def _score(score) -> str:
    """ "5 / 8 (62%)", or a dash before any review."""
    if score.precision is None:
        return "—"
    return f"{score.accepted} / {score.reviewed} ({score.precision:.0%})"


class AuthorFilter(admin.SimpleListFilter):
    title = _("author")
    parameter_name = "author"
    NONE = "none"

    def lookups(self, request, model_admin):
        users = get_user_model().objects.filter(is_staff=True).order_by("username")
        return [(self.NONE, _("nobody (suggested automatically)"))] + [
            (str(user.pk), user.get_username()) for user in users
        ]

    def queryset(self, request, queryset):
        if self.value() == self.NONE:
            return queryset.filter(created_by__isnull=True)
        if self.value():
            return queryset.filter(created_by_id=self.value())
        return queryset


class ArticleSourceFilter(admin.SimpleListFilter):
    title = _("article source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(str(source.pk), str(source)) for source in Source.objects.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            # A subquery, not a join: a source linked in two roles must not double rows.
            articles = Article.objects.filter(source_links__source_id=self.value())
            return queryset.filter(article__in=articles.values("pk"))
        return queryset


def _apply_statuses(modeladmin, request, queryset, status_for, verb) -> None:
    """Move each selected annotation to ``status_for(annotation)`` if allowed."""
    done = skipped = 0
    with transaction.atomic():
        for annotation in queryset.select_related("article", "created_by"):
            status = status_for(annotation)
            if status is None or not permissions.can_set_status(request.user, annotation, status):
                skipped += 1
                continue
            if status != annotation.status:
                annotation_set_status(annotation, status=status, by=request.user)
            done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d annotation %(verb)s.", "%(count)d annotations %(verb)s.", done)
        % {"count": done, "verb": verb},
        messages.SUCCESS,
    )
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d annotation skipped: you may not change it that way.",
                "%(count)d annotations skipped: you may not change them that way.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )


@admin.register(Annotation)
class AnnotationAdmin(TextDirectionMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    rtl_fields = frozenset({"quote"})
    form = AnnotationAdminForm
    list_display = [
        "id",
        "passage_in_context",
        "topic_label",
        "status",
        "flag_column",
        "article_title",
        "author_and_date",
    ]
    list_display_links = ["id"]
    list_filter = [
        "status",
        "topic",
        AuthorFilter,
        ArticleSourceFilter,
        ("article__published_on", admin.DateFieldListFilter),
        "flagged",
    ]
    search_fields = ["quote"]
    list_select_related = ["article", "topic", "created_by"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-id"]
    autocomplete_fields = ["article"]
    readonly_fields = [
        "prefix",
        "suffix",
        "flag_state",
        "created_by",
        "reviewed_by",
        "reviewed_at",
    ]
    actions = ["approve_selected", "reject_selected", "accept_suggestions", "reject_suggestions"]
    history_list_display = ["status", "topic", "quote", "note"]

    # ---- queries -------------------------------------------------------

    def get_queryset(self, request):
        # The list shows titles only: leave the articles' texts in the database.
        # (Selecting related here means the changelist's list_select_related is
        # not applied on top, so the same relations are named.)
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related)
            .defer("article__body", "article__raw_text", "article__summary", "article__caption")
            .not_hidden_from(Viewer.of(request.user))
        )

    # ---- permissions ---------------------------------------------------

    def has_review_permission(self, request) -> bool:
        return permissions.can_review(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return (
            obj is None
            or permissions.can_edit(request.user, obj)
            or (len(permissions.allowed_statuses(request.user, obj)) > 1)
        )

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or permissions.can_delete(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # The bulk delete skips the per-annotation rules; reviewers keep it.
        if not permissions.can_review(request.user):
            actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("article")
            if not permissions.can_edit(request.user, obj):
                readonly += ["topic", "start", "end", "quote", "note"]
        return readonly

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        # The flag speaks only when raised.
        if obj is None or not obj.flagged:
            fields = [name for name in fields if name != "flag_state"]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    # ---- writes, through the services -----------------------------------

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            created = annotation_create(
                by=request.user,
                article=data["article"],
                topic=data["topic"],
                start=data["start"],
                end=data["end"],
                quote=data["quote"],
                note=data.get("note", ""),
                status=data["status"],
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        editable = {"topic", "note", "start", "end", "quote"}
        changes = {name: data[name] for name in form.changed_data if name in editable}
        if data.get("status") not in (None, form.initial.get("status")):
            changes["status"] = data["status"]
        # The form wrote its values into ``obj``; the service starts from the row.
        annotation_change(obj, by=request.user, version=data.get("opened_version"), **changes)

    def delete_model(self, request, obj):
        annotation_delete(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for annotation in queryset:
                annotation_delete(annotation, by=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A refusal or a newer version met at save time (after the form's own
        # checks): nothing was written; say why on the same page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (WorkflowDenied, StaleVersion) as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    # ---- list columns --------------------------------------------------

    @admin.display(description=_("passage (in context)"), ordering="quote")
    def passage_in_context(self, annotation: Annotation) -> str:
        quote = annotation.quote if len(annotation.quote) <= 80 else annotation.quote[:79] + "…"
        url = reverse("admin:archive_article_workspace", args=[annotation.article_id])
        return format_html(
            '<a href="{}?annotation={}#annotation-{}" dir="rtl" lang="ar"{}>{}</a>',
            url,
            annotation.pk,
            annotation.pk,
            format_html(' title="{}"', annotation.quote) if quote != annotation.quote else "",
            quote,
        )

    @admin.display(description=_("topic"), ordering="topic__slug")
    def topic_label(self, annotation: Annotation) -> str:
        topic = annotation.topic
        return format_html(
            '<span class="archive-swatch" style="background-color:{}"></span>'
            '<span lang="ar" dir="rtl" title="{}">{}</span>',
            topic.colour,
            topic.name_en,
            topic.name_ar,
        )

    @admin.display(description=_("by, updated"), ordering="updated_at")
    def author_and_date(self, annotation: Annotation) -> str:
        author = annotation.created_by
        return format_html(
            '{}<br><span class="archive-quiet">{}</span>',
            author.get_username() if author else _("suggested automatically"),
            formats.date_format(timezone.localtime(annotation.updated_at), "SHORT_DATETIME_FORMAT"),
        )

    @admin.display(description=_("flagged"), ordering="flagged", empty_value="")
    def flag_column(self, annotation: Annotation) -> str:
        """Empty for a normal passage; a warning with its reason when flagged."""
        if not annotation.flagged:
            return ""
        reason = annotation.flag_reason or _("The article's text changed under this passage.")
        return format_html('<span class="archive-flag" title="{}">⚠ {}</span>', reason, reason)

    @admin.display(description=_("flagged"))
    def flag_state(self, annotation: Annotation) -> str:
        return self.flag_column(annotation)

    @admin.display(description=_("article"), ordering="article__published_on")
    def article_title(self, annotation: Annotation) -> str:
        title = annotation.article.title
        short = title if len(title) <= 60 else title[:59] + "…"
        return format_html('<span dir="rtl" lang="ar" title="{}">{}</span>', title, short)

    # ---- actions -------------------------------------------------------

    @admin.action(description=_("Approve selected annotations"), permissions=["review"])
    def approve_selected(self, request, queryset):
        _apply_statuses(
            self, request, queryset, lambda a: Annotation.Status.APPROVED, _("approved")
        )

    @admin.action(description=_("Reject selected annotations"), permissions=["review"])
    def reject_selected(self, request, queryset):
        _apply_statuses(
            self, request, queryset, lambda a: Annotation.Status.REJECTED, _("rejected")
        )

    @admin.action(description=_("Accept selected suggestions"), permissions=["change"])
    def accept_suggestions(self, request, queryset):
        target = permissions.accept_status(request.user)
        _apply_statuses(
            self,
            request,
            queryset,
            lambda a: target if a.status == Annotation.Status.SUGGESTED else None,
            _("accepted"),
        )

    @admin.action(description=_("Reject selected suggestions"), permissions=["change"])
    def reject_suggestions(self, request, queryset):
        _apply_statuses(
            self,
            request,
            queryset,
            lambda a: (
                Annotation.Status.REJECTED if a.status == Annotation.Status.SUGGESTED else None
            ),
            _("rejected"),
        )

    # ---- the review queue; what the annotator shows of a passage ---------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "review/",
                wrap(lambda request: queue_view(self, request)),
                name="annotations_annotation_review",
            ),
            path(
                "api/<int:pk>/",
                wrap(admin_views.annotation_item_view),
                name="annotations_annotation_item",
            ),
        ] + super().get_urls()


from annotations import orphans_admin  # noqa: E402, F401  (the orphaned passages' queue)
