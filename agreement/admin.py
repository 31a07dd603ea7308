"""Double annotation in the admin: assignments (create, close), the agreement
report, and the curation of the editors' versions. Thin: forms and templates
around ``agreement.services`` and ``agreement.reports``."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreement import permissions, services
from agreement.charts import figures_chart
from agreement.forms import ReportFilterForm
from agreement.models import Assignment, EditorVersion
from agreement.reports import agreement_report
from agreement.selectors import version_clusters
from annotations.models import Topic
from archive.models import Article


class AssignmentForm(forms.ModelForm):
    articles = forms.ModelMultipleChoiceField(
        label=_("articles"),
        queryset=Article.objects.order_by("-published_on", "-id"),
        required=False,
        widget=admin.widgets.FilteredSelectMultiple(_("articles"), is_stacked=False),
    )
    editors = forms.ModelMultipleChoiceField(
        label=_("editors"),
        queryset=get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("username"),
        required=False,
        widget=admin.widgets.FilteredSelectMultiple(_("editors"), is_stacked=False),
        help_text=_("Two or more; each annotates without seeing the others' passages."),
    )

    class Meta:
        model = Assignment
        fields = ["title", "editors", "articles", "batch_filter"]
        help_texts = {
            "batch_filter": _(
                "Or (and) a batch chosen with the research API's article filter, e.g. "
                "topic=sdf-integration&published_from=2025-03-01&published_to=2025-10-31."
            )
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        articles = list(data.get("articles") or [])
        batch_failed = False
        if data.get("batch_filter"):
            try:
                articles += services.articles_from_filter(data["batch_filter"], user=self.user)
            except ValidationError as error:
                self._add_errors(error)
                batch_failed = True
        data["all_articles"] = list(dict.fromkeys(articles))
        try:
            services.assignment_check(
                title=data.get("title") or "",
                articles=data["all_articles"],
                editors=list(data.get("editors") or []),
            )
        except ValidationError as error:
            if batch_failed:  # the batch is unknown, not empty: its error says why
                error.error_dict.pop("articles", None)
            self._add_errors(error)
        return data

    def _add_errors(self, error: ValidationError) -> None:
        for field, messages_ in error.message_dict.items():
            for message in messages_:
                self.add_error(field if field in self.fields else None, message)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "editor_names",
        "article_count",
        "created_by",
        "created_at",
        "links",
    ]
    list_filter = ["status"]
    search_fields = ["title"]
    actions = ["close_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .prefetch_related("editors")
            .annotate(
                article_total=Count("articles", distinct=True),
                pending_total=Count(
                    "versions", filter=Q(versions__resolved_at__isnull=True), distinct=True
                ),
            )
        )

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_assignments(request.user)

    def has_add_permission(self, request):
        return permissions.can_manage_assignments(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_assignments(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # the editors' versions are records: an assignment stays

    def has_module_permission(self, request):
        return permissions.can_manage_assignments(request.user)

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, fields=["title"], **kwargs)
        form = super().get_form(request, obj, form=AssignmentForm, **kwargs)

        class WithUser(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return WithUser

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["status", "editor_names", "article_list", "batch_filter", "created_by", "closed_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title", "editors", "articles", "batch_filter"]
        return ["title", *self.get_readonly_fields(request, obj)]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["title", "updated_at"])
            return
        data = form.cleaned_data
        created = services.assignment_create(
            title=data["title"],
            articles=data["all_articles"],
            editors=list(data["editors"]),
            created_by=request.user,
            batch_filter=data.get("batch_filter", ""),
        )
        obj.pk, obj.created_at, obj.created_by = created.pk, created.created_at, request.user

    def save_related(self, request, form, formsets, change):
        pass  # the service set the articles and editors

    @admin.display(description=_("editors"))
    def editor_names(self, assignment: Assignment) -> str:
        return ", ".join(sorted(e.get_username() for e in assignment.editors.all()))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, assignment: Assignment) -> int:
        return assignment.article_total

    @admin.display(description=_("articles"))
    def article_list(self, assignment: Assignment) -> str:
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li lang="ar" dir="rtl">{}</li>',
                ((a.title,) for a in assignment.articles.order_by("pk")),
            ),
        )

    @admin.display(description=_("agreement and curation"))
    def links(self, assignment: Assignment) -> str:
        report = reverse("admin:agreement_assignment_report") + f"?assignment={assignment.pk}"
        if assignment.status == Assignment.Status.OPEN:
            return format_html('<a href="{}">{}</a>', report, _("agreement"))
        curate = reverse("admin:agreement_assignment_curate", args=[assignment.pk])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            report,
            _("agreement"),
            curate,
            ngettext(
                "curate (%(n)s to resolve)", "curate (%(n)s to resolve)", assignment.pending_total
            )
            % {"n": assignment.pending_total},
        )

    @admin.action(description=_("Close the selected assignments (keep the editors' versions)"))
    def close_selected(self, request, queryset):
        closed = kept = 0
        for assignment in queryset.filter(status=Assignment.Status.OPEN):
            kept += services.assignment_close(assignment, closed_by=request.user)
            closed += 1
        self.message_user(
            request,
            _("%(closed)s assignment(s) closed; %(kept)s editors' passages kept for curation.")
            % {"closed": closed, "kept": kept},
            messages.SUCCESS,
        )

    # ---- pages ---------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("report/", wrap(self.report_view), name="agreement_assignment_report"),
            path("<int:pk>/curate/", wrap(self.curate_view), name="agreement_assignment_curate"),
            path(
                "<int:pk>/curate/<int:article_pk>/",
                wrap(self.curate_article_view),
                name="agreement_assignment_curate_article",
            ),
            *super().get_urls(),
        ]

    def _check(self, request: HttpRequest) -> None:
        if not permissions.can_manage_assignments(request.user):
            raise PermissionDenied

    def report_view(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        form = ReportFilterForm(request.GET or None)
        report = (
            agreement_report(**form.report_arguments())
            if form.is_valid() or not request.GET
            else None
        )
        names = {t.slug: t for t in Topic.objects.all()}

        def rows(topics):
            return [
                {
                    "topic": names.get(row.topic) if row.topic else None,
                    "figures": row.figures,
                    "chart": figures_chart(row.figures, title=row.topic or str(_("every topic"))),
                }
                for row in topics
            ]

        context = {
            **self.admin_site.each_context(request),
            "title": _("Agreement between editors"),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "pooled": [(p, rows(p.topics)) for p in report.pooled] if report else [],
            "batches": [(b, rows(b.topics)) for b in report.batches] if report else [],
            "pairs": report.pairs if report else [],
            "csv_url": reverse("api:agreement-pairs-csv")
            + (f"?{request.GET.urlencode()}" if request.GET else ""),
        }
        return TemplateResponse(request, "admin/agreement/report.html", context)

    def curate_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._check(request)
        assignment = get_object_or_404(Assignment, pk=pk)
        pending = dict(
            EditorVersion.objects.filter(assignment=assignment)
            .pending()
            .values_list("article_id")
            .annotate(n=Count("id"))
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Curate: %(title)s") % {"title": assignment.title},
            "opts": self.model._meta,
            "assignment": assignment,
            "articles": [
                (article, pending.get(article.pk, 0))
                for article in assignment.articles.order_by("pk").only("pk", "title")
            ],
        }
        return TemplateResponse(request, "admin/agreement/curate.html", context)

    def curate_article_view(self, request: HttpRequest, pk: int, article_pk: int) -> HttpResponse:
        self._check(request)
        assignment = get_object_or_404(Assignment, pk=pk)
        article = get_object_or_404(assignment.articles.all(), pk=article_pk)
        url = reverse("admin:agreement_assignment_curate_article", args=[pk, article_pk])
        if request.method == "POST":
            return self._resolve(request, assignment, article, url)
        editors = sorted(assignment.editors.all(), key=lambda u: u.get_username())
        topics = list(Topic.objects.order_by("slug"))
        clusters = []
        for cluster in version_clusters(assignment, article):
            low, high = cluster.start, cluster.end
            context_start = max(0, article.body.rfind("\n", 0, low) + 1, low - 160)
            newline = article.body.find("\n", high)
            context_end = min(
                len(article.body), newline if newline != -1 else len(article.body), high + 160
            )
            columns = []
            for editor in editors:
                own = [v for v in cluster.versions if v.editor_id == editor.pk]
                columns.append(
                    {
                        "editor": editor,
                        "versions": own,
                        "text": _marked(article.body, context_start, context_end, own),
                    }
                )
            clusters.append(
                {
                    "cluster": cluster,
                    "topic": next(t for t in topics if t.pk == cluster.topic_id),
                    "columns": columns,
                    "union_text": article.body[low:high],
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Curate: %(title)s") % {"title": article.title},
            "opts": self.model._meta,
            "assignment": assignment,
            "article": article,
            "clusters": clusters,
            "topics": topics,
            "resolved": EditorVersion.objects.filter(
                assignment=assignment, article=article, resolved_at__isnull=False
            ).select_related("editor", "topic", "final"),
            "back_url": reverse("admin:agreement_assignment_curate", args=[pk]),
        }
        return TemplateResponse(request, "admin/agreement/curate_article.html", context)

    def _resolve(self, request, assignment, article, url) -> HttpResponse:
        ids = [int(part) for part in request.POST.get("versions", "").split("-") if part.isdigit()]
        versions = list(
            EditorVersion.objects.filter(assignment=assignment, article=article, pk__in=ids)
        )
        choice = request.POST.get("resolution", "")
        editor_id = None
        if choice.startswith("take:"):
            choice, _sep, editor = choice.partition(":")
            editor_id = int(editor) if editor.isdigit() else None
        topic = Topic.objects.filter(pk=request.POST.get("topic") or 0).first()
        try:
            finals = services.versions_curate(
                versions,
                resolution=choice,
                reviewer=request.user,
                editor_id=editor_id,
                quote=request.POST.get("quote", ""),
                topic=topic,
            )
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            if finals:
                self.message_user(
                    request,
                    _("Approved: %(quotes)s") % {"quotes": " · ".join(f.quote for f in finals)},
                    messages.SUCCESS,
                )
            else:
                self.message_user(request, _("Discarded: no passage kept."), messages.SUCCESS)
        return HttpResponseRedirect(url)


def _marked(body: str, start: int, end: int, versions) -> str:
    """``body[start:end]`` as HTML, with the versions' spans in ``<mark>``."""
    spans = sorted((max(v.start, start), min(v.end, end)) for v in versions)
    parts, position = [], start
    for low, high in spans:
        if low < position:
            low = position
        if low >= high:
            continue
        parts.append(format_html("{}", body[position:low]))
        parts.append(format_html("<mark>{}</mark>", body[low:high]))
        position = high
    parts.append(format_html("{}", body[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    return format_html("{}{}{}", prefix, mark_safe("".join(parts)), suffix)  # noqa: S308 (escaped parts)


@admin.register(EditorVersion)
class EditorVersionAdmin(admin.ModelAdmin):
    """The editors' versions, read-only: records of what each one coded."""

    list_display = ["quote", "editor", "topic", "assignment", "article", "final", "resolved_at"]
    list_filter = ["assignment", "editor", "topic"]
    list_select_related = ["editor", "topic", "assignment", "article", "final"]

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_assignments(request.user)

    def has_module_permission(self, request):
        return permissions.can_manage_assignments(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
