"""Admin for articles, sources and events.

Articles come from files (the loader); editors set what a file could not say
(a date, a title), link articles to events and annotate the body, which the
admin shows through the annotator and never writes back.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from annotations.admin import ReadOnlyHistoryMixin
from annotations.models import Annotation
from annotations.suggestions import articles_suggest
from annotations.widgets import AnnotatorWidget
from archive.admin_display import TextDirectionMixin
from archive.concurrency import StaleVersion
from archive.models import Article, ArticleSource, Event, EventReport, Source
from archive.services import article_set_publication, articles_set_status, change_article_body
from archive.stories_admin import split_from_story, story_diff_view, story_siblings_block
from archive.workspace import workspace_view


class ArticleTextForm(forms.Form):
    """The article's body, as text, for an editor's correction."""

    body = forms.CharField(
        label=_("text"),
        strip=False,
        widget=forms.Textarea(attrs={"dir": "rtl", "lang": "ar", "rows": 30, "cols": 100}),
    )

    def clean_body(self) -> str:
        # Browsers send a textarea's line breaks as CR LF; bodies keep LF.
        return self.cleaned_data["body"].replace("\r\n", "\n")


class SourceFilter(admin.SimpleListFilter):
    title = _("source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(str(source.pk), str(source)) for source in Source.objects.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            linked = ArticleSource.objects.filter(article=OuterRef("pk"), source_id=self.value())
            return queryset.filter(Exists(linked))
        return queryset


class NeedsDateFilter(admin.SimpleListFilter):
    """The one filter for articles whose file stated no date (linked from the index)."""

    title = _("needs a date")
    parameter_name = "needs_date"

    def lookups(self, request, model_admin):
        return [("yes", _("needs a date")), ("no", _("has a publication date"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(published_on__isnull=True)
        if self.value() == "no":
            return queryset.filter(published_on__isnull=False)
        return queryset


class LoaderDoubtFilter(admin.SimpleListFilter):
    """Articles whose title, date or body the loader was unsure of, for an editor to fix."""

    title = _("loader doubted")
    parameter_name = "doubt"
    KINDS = ("title", "date", "body")

    def lookups(self, request, model_admin):
        return [
            ("any", _("anything")),
            ("title", _("the title (derived or uncertain)")),
            ("date", _("the date (none stated or uncertain)")),
            ("body", _("the body (main text uncertain)")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            doubted = Q()
            for kind in self.KINDS:
                doubted |= Q(**{"loader_findings__doubts__has_key": kind})
            return queryset.filter(doubted)
        if value in self.KINDS:
            return queryset.filter(loader_findings__doubts__has_key=value)
        return queryset


class PublishedOnFilter(admin.DateFieldListFilter):
    """Date ranges only: a missing date is ``NeedsDateFilter``'s, not a second filter's."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.links = tuple(
            (title, lookups)
            for title, lookups in self.links
            if not any(key.endswith("__isnull") for key in lookups)
        )


class FlaggedAnnotationsFilter(admin.SimpleListFilter):
    title = _("has flagged annotations")
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request, queryset):
        flagged = Exists(Annotation.objects.filter(article=OuterRef("pk"), flagged=True))
        if self.value() == "yes":
            return queryset.filter(flagged)
        if self.value() == "no":
            return queryset.filter(~flagged)
        return queryset


class ArticleSourceInline(TextDirectionMixin, admin.TabularInline):
    model = ArticleSource
    extra = 0
    autocomplete_fields = ["source"]


class ArticleEventInline(TextDirectionMixin, admin.TabularInline):
    model = EventReport
    rtl_fields = frozenset({"reported_date_text"})
    extra = 0
    autocomplete_fields = ["event"]
    fields = ["event", "reported_date", "reported_date_text", "note"]
    verbose_name = _("event this article reports")
    verbose_name_plural = _("events this article reports")


class ArticleAdminForm(forms.ModelForm):
    """The article's editable fields, with the version the form was opened at:
    saving over someone else's newer change is refused."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        # A form-wide error: the version field is hidden, and so would be its own.
        cleaned = super().clean()
        version = cleaned.get("opened_version")
        if self.instance.pk is not None and version is not None:
            current = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != version:
                self.add_error(
                    None,
                    _(
                        "Someone else changed this article since you opened it; "
                        "reload the page to see their change."
                    ),
                )
            self.instance.version = version
        return cleaned


PUBLICATION_FIELDS = {"published_on", "published_precision", "published_text"}


@admin.register(Article)
class ArticleAdmin(TextDirectionMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    rtl_fields = frozenset(
        {"title", "summary", "caption", "byline", "published_text", "source_updated_text"}
    )

    @property
    def media(self):
        from actors.admin import mentions_layer_media  # the annotator's second layer

        return super().media + mentions_layer_media()

    list_display = [
        "title_rtl",
        "status",
        "published_on",
        "title_derived",
        "annotation_count",
        "suggested_count",
        "flagged_count",
        "source_file",
    ]
    list_display_links = None
    list_filter = [
        "status",
        SourceFilter,
        NeedsDateFilter,
        ("published_on", PublishedOnFilter),
        "title_derived",
        LoaderDoubtFilter,
        FlaggedAnnotationsFilter,
    ]
    search_fields = ["title", "source_file"]
    date_hierarchy = None
    readonly_fields = [
        "status",
        "published_at",
        "source_updated_at",
        "source_updated_text",
        "hijri_date_text",
        "source_file",
        "content_hash",
        "raw_text_block",
        "loader_findings_block",
        "edit_text_link",
        "story_siblings",
    ]
    fieldsets = [
        (None, {"fields": ["title", "title_derived", "status", "opened_version"]}),
        (
            _("publication date"),
            {
                "fields": [
                    "published_on",
                    "published_precision",
                    "published_text",
                    "published_at",
                    "source_updated_at",
                    "source_updated_text",
                    "hijri_date_text",
                ]
            },
        ),
        (_("text"), {"fields": ["summary", "byline", "caption", "edit_text_link", "body"]}),
        (_("what the loader was unsure of"), {"fields": ["loader_findings_block"]}),
        (_("story"), {"fields": ["story_siblings"]}),
        (
            _("file"),
            {"classes": ["collapse"], "fields": ["source_file", "content_hash", "raw_text_block"]},
        ),
    ]
    inlines = [ArticleSourceInline, ArticleEventInline]
    actions = ["publish_selected", "unpublish_selected", "suggest_selected", split_from_story]
    history_list_display = ["status", "title", "published_on"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                annotation_total=Count("annotations"),
                suggested_total=Count(
                    "annotations",
                    filter=Q(annotations__status=Annotation.Status.SUGGESTED),
                ),
                flagged_total=Count("annotations", filter=Q(annotations__flagged=True)),
            )
        )

    def has_add_permission(self, request):
        # Articles come from files, through the loader.
        return False

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("archive.publish_article")

    def has_suggest_permission(self, request) -> bool:
        return request.user.has_perm("annotations.add_annotation")

    def save_model(self, request, obj, form, change):
        if change and PUBLICATION_FIELDS & set(form.changed_data):
            # Date, time and precision together: published_at never contradicts the date.
            data = form.cleaned_data
            article_set_publication(
                obj,
                on=data.get("published_on"),
                precision=data.get("published_precision", ""),
                text=data.get("published_text", ""),
                user=request.user,
            )
            return
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Someone else saved between the form's check and this save: nothing
        # was written; say so on the same page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        body = form.base_fields.get("body")
        if body is not None and obj is not None:
            # Disabled: whatever is posted, the stored body is kept.
            body.disabled = True
            body.required = False
            body.widget = AnnotatorWidget(article=obj, user=request.user)
            body.help_text = ""
        return form

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workspace/",
                self.admin_site.admin_view(
                    lambda request, object_id: workspace_view(self, request, object_id)
                ),
                name="archive_article_workspace",
            ),
            path(
                "<path:object_id>/story-diff/<int:other_id>/",
                self.admin_site.admin_view(
                    lambda request, object_id, other_id: story_diff_view(
                        self, request, object_id, other_id
                    )
                ),
                name="archive_article_story_diff",
            ),
            path(
                "<path:object_id>/text/",
                self.admin_site.admin_view(self.edit_text_view),
                name="archive_article_text",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "workspace_url": reverse("admin:archive_article_workspace", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["mentions_layer"] = self.mentions_layer(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def mentions_layer(self, request, article: Article | None) -> dict | None:
        """The mentions layer's data embedded in the change form and the workspace."""
        from actors.admin import mentions_layer_data

        return mentions_layer_data(article, request.user)

    @admin.display(description=_("title"), ordering="title")
    def title_rtl(self, article: Article) -> str:
        # The title opens the article's reading workspace; the change form is a link away.
        return format_html(
            '<a href="{}" dir="rtl" lang="ar">{}</a>',
            reverse("admin:archive_article_workspace", args=[article.pk]),
            article.title,
        )

    @admin.display(description=_("annotations"), ordering="annotation_total")
    def annotation_count(self, article: Article) -> int:
        return article.annotation_total

    @admin.display(description=_("suggested"), ordering="suggested_total")
    def suggested_count(self, article: Article) -> int:
        return article.suggested_total

    @admin.display(description=_("flagged"), ordering="flagged_total")
    def flagged_count(self, article: Article) -> int:
        return article.flagged_total

    @admin.display(description=_("copies of the same story"))
    def story_siblings(self, article: Article) -> str:
        return story_siblings_block(article)

    @admin.display(description=_("loader findings"))
    def loader_findings_block(self, article: Article) -> str:
        findings = article.loader_findings or {}
        doubts = findings.get("doubts") or {}
        parts = [
            format_html("<li><strong>{}</strong>: {}</li>", kind, reason)
            for kind, reason in doubts.items()
        ]
        parts += [format_html("<li>{}</li>", warning) for warning in findings.get("warnings", [])]
        if findings.get("date_line"):
            parts.append(
                format_html(
                    '<li>{}: <span dir="rtl" lang="ar">{}</span></li>',
                    _("date line used"),
                    findings["date_line"],
                )
            )
        for other in findings.get("other_dates", []):
            parts.append(
                format_html(
                    '<li>{}: <span dir="rtl" lang="ar">{}</span></li>', _("other date"), other
                )
            )
        if findings.get("title_evidence"):
            parts.append(format_html("<li>{}: {}</li>", _("title"), findings["title_evidence"]))
        dropped = findings.get("dropped", [])
        rows = format_html_join(
            "",
            '<tr><td>{}</td><td dir="rtl" lang="ar">{}</td><td>{}</td></tr>',
            ((d["line"], d["text"], d["reason"]) for d in dropped),
        )
        table = ""
        if dropped:
            table = format_html(
                '<table class="archive-loader-dropped"><thead><tr><th>{}</th><th>{}</th>'
                "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
                _("line"),
                _("dropped text"),
                _("why"),
                rows,
            )
        if not parts and not table:
            return _("nothing: the loader read this file without doubts")
        return format_html(
            "<ul>{}</ul>{}", format_html_join("", "{}", ((p,) for p in parts)), table
        )

    @admin.display(description=_("correct the text"))
    def edit_text_link(self, article: Article) -> str:
        if article.pk is None:
            return ""
        return format_html(
            '<a class="button" href="{}">{}</a> <span class="help">{}</span>',
            reverse("admin:archive_article_text", args=[article.pk]),
            _("Edit the text"),
            _("The annotations follow the edit; those that cannot are listed as orphans."),
        )

    def edit_text_view(self, request, object_id):
        """Correct the body (a typo, a lost paragraph): through
        ``change_article_body``, which re-anchors every passage."""
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            form = ArticleTextForm(request.POST)
            if form.is_valid():
                try:
                    change = change_article_body(article, form.cleaned_data["body"], request.user)
                except ValidationError as error:
                    for message in error.message_dict.get("body", error.messages):
                        form.add_error("body", message)
                else:
                    self.message_user(
                        request,
                        _("The text was saved. %(summary)s") % {"summary": change.summary()},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:archive_article_change", args=[article.pk])
                    )
        else:
            form = ArticleTextForm(initial={"body": article.body})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Edit the text of “%(title)s”") % {"title": article.title},
            "opts": self.opts,
            "original": article,
            "form": form,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/archive/article/edit_text.html", context)

    @admin.display(description=_("raw text"))
    def raw_text_block(self, article: Article) -> str:
        return format_html(
            '<pre class="archive-raw-text" dir="rtl" lang="ar">{}</pre>', article.raw_text
        )

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = articles_set_status(queryset, Article.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = articles_set_status(queryset, Article.Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Suggest annotations from topic keywords"), permissions=["suggest"])
    def suggest_selected(self, request, queryset):
        with transaction.atomic():
            report = articles_suggest(queryset)
        self.message_user(
            request,
            _(
                "%(created)d suggestion(s) created on %(articles)d article(s); %(existing)d already there."
            )
            % {"created": report.created, "articles": report.articles, "existing": report.existing},
            messages.SUCCESS,
        )


@admin.register(Source)
class SourceAdmin(TextDirectionMixin, admin.ModelAdmin):
    rtl_fields = frozenset({"name"})
    list_display = ["name", "name_en", "kind", "slug", "article_count"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "normalized_name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = ["name", "name_en", "kind", "slug"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_total=Count("article_links__article", distinct=True))
        )

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, source: Source) -> int:
        return source.article_total


# Events, their mentions and the extraction runs: archive.events_admin.
from archive.events_admin import EventAdmin  # noqa: E402

admin.site.register(Event, EventAdmin)

admin.site.site_header = _("Arabic news archive")
admin.site.site_title = _("Arabic news archive")
admin.site.index_title = _("Editorial archive")
# The breadcrumbs and the index lead everywhere; the side menu would take the
# width the Arabic text and the changelists' columns need on a laptop.
admin.site.enable_nav_sidebar = False

from archive import imports_admin  # noqa: E402,F401  (registers ImportRecord)
