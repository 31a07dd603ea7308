"""Admin for actors and their mentions. Every write goes through
``actors.services``; who may do what is ``actors.permissions``."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from actors import admin_views, permissions, selectors, services
from actors.models import Actor, Alias, Mention, Role
from actors.signals import aliases_edited_together


def mentions_layer_media() -> forms.Media:
    """The annotator's mentions layer (``actors/mentions.js``), its URLs and
    labels on its script tag; for the article change page."""
    config = {
        "mentions": reverse("admin:actors_mention_for_article", args=[0]).replace("/0/", "/{id}/"),
        "addAlias": reverse("admin:actors_mention_add_alias"),
        "labels": {
            "show": str(_("Show the actors named")),
            "actor": str(_("actor (slug)")),
            "addAlias": str(_("Add the selection as an alias")),
            "selectFirst": str(_("Select a passage of the text first.")),
            "added": str(_("Alias added:")),
        },
    }
    return forms.Media(
        js=[forms.Script("actors/mentions.js", **{"data-config": json.dumps(config)})]
    )


def mentions_layer_data(article, user) -> dict | None:
    """The layer's data for the article's pages, embedded so the bar is laid
    out with the text (a bar that arrived later would push the text down under
    the editor's pointer); ``None`` for users who may not view mentions."""
    if article is None or not permissions.can_view_mentions(user):
        return None
    return selectors.mentions_layer(article, user=user)


class AliasInline(admin.TabularInline):
    model = Alias
    fields = ["text", "allows_article", "normalized"]
    readonly_fields = ["normalized"]
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    fk_name = "actor"
    fields = ["title_ar", "title_en", "organisation", "starts_on", "ends_on"]
    autocomplete_fields = ["organisation"]
    extra = 0


def _in_context(mention: Mention, size: int = 40) -> str:
    before, after = mention.context(size)
    return format_html(
        '<span dir="rtl" lang="ar">…{}<mark>{}</mark>{}…</span>', before, mention.quote, after
    )


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name_ar", "name_en", "kind", "slug", "alias_count", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["slug", "name_ar", "name_en", "aliases__text"]
    inlines = [AliasInline, RoleInline]
    readonly_fields = ["counts_by_source", "counts_by_month", "recent_mentions"]
    fieldsets = [
        (None, {"fields": ["slug", "kind", "name_ar", "name_en", "description", "wikidata_id"]}),
        (
            _("Mentions"),
            {"fields": ["counts_by_source", "counts_by_month", "recent_mentions"]},
        ),
    ]
    actions = ["merge_actors", "find_mentions"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_aliases=Count("aliases", distinct=True),
                n_mentions=Count(
                    "mentions",
                    filter=~Q(mentions__status=Mention.Status.REJECTED),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("aliases"), ordering="n_aliases")
    def alias_count(self, actor: Actor) -> int:
        return actor.n_aliases

    @admin.display(description=_("mentions"), ordering="n_mentions")
    def mention_count(self, actor: Actor) -> str:
        url = reverse("admin:actors_mention_changelist") + f"?actor__id__exact={actor.pk}"
        return format_html('<a href="{}">{}</a>', url, actor.n_mentions)

    def _table(self, rows, heading: str) -> str:
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            heading,
            _("count"),
            format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("articles per source"))
    def counts_by_source(self, actor: Actor) -> str:
        if not actor.pk:
            return "—"
        return self._table(
            selectors.mention_counts_by_source(actor, user=self._request_user), _("source")
        )

    @admin.display(description=_("mentions per month"))
    def counts_by_month(self, actor: Actor) -> str:
        if not actor.pk:
            return "—"
        rows = [
            (month or _("undated"), n)
            for month, n in selectors.mention_counts_by_month(actor, user=self._request_user)
        ]
        return self._table(rows, _("month"))

    @admin.display(description=_("latest mentions"))
    def recent_mentions(self, actor: Actor) -> str:
        if not actor.pk:
            return "—"
        mentions = (
            actor.mentions.exclude(status=Mention.Status.REJECTED)
            .select_related("article")
            .order_by("-article__published_on", "-article_id", "start")[:30]
        )
        rows = [
            (
                reverse("admin:actors_mention_change", args=[m.pk]),
                m.article.title[:60],
                _in_context(m),
                m.get_status_display(),
            )
            for m in mentions
        ]
        if not rows:
            return "—"
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join(
                "", '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>', rows
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._request_user = request.user
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        self._request_user = request.user
        return super().add_view(request, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        # The aliases edited in one form: one re-run of the matcher.
        with aliases_edited_together():
            super().save_related(request, form, formsets, change)

    @admin.action(description=_("Merge two selected actors"))
    def merge_actors(self, request, queryset):
        if not permissions.can_merge(request.user):
            raise PermissionDenied
        actors = list(queryset.order_by("pk"))
        if len(actors) != 2:
            self.message_user(request, _("Select exactly two actors to merge."), messages.ERROR)
            return None
        if request.POST.get("confirm"):
            keep = next((a for a in actors if str(a.pk) == request.POST.get("keep")), None)
            if keep is None:
                self.message_user(request, _("Choose the actor to keep."), messages.ERROR)
                return None
            other = actors[1] if keep is actors[0] else actors[0]
            with aliases_edited_together():
                services.actors_merge(other, keep, user=request.user)
            self.message_user(
                request,
                _("Merged “%(other)s” into “%(keep)s”.") % {"other": other, "keep": keep},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge two actors"),
            "actors": actors,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/actors/merge.html", context)

    @admin.action(description=_("Find the selected actors' mentions again (background)"))
    def find_mentions(self, request, queryset):
        from actors.tasks import find_mentions_for_aliases

        texts = sorted(set(Alias.objects.filter(actor__in=queryset).values_list("text", flat=True)))
        find_mentions_for_aliases.enqueue(texts)
        self.message_user(
            request,
            _("Queued: a task worker re-runs the matcher on the articles holding their aliases."),
            messages.SUCCESS,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.can_merge(request.user):
            actions.pop("merge_actors", None)
        return actions


class AmbiguousFilter(admin.SimpleListFilter):
    title = _("ambiguous")
    parameter_name = "ambiguous"

    def lookups(self, request, model_admin):
        return [("yes", _("ambiguous: choose the actor")), ("no", _("one actor"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(actor__isnull=True)
        if self.value() == "no":
            return queryset.filter(actor__isnull=False)
        return queryset


class MentionAdminForm(forms.ModelForm):
    class Meta:
        model = Mention
        fields = ["actor", "status"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Mention.Status.CONFIRMED and not cleaned.get("actor"):
            self.add_error(
                "actor", _("This name is ambiguous: choose which actor it names before confirming.")
            )
        return cleaned


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    """Review of the matcher's suggestions: confirm, reject, or choose the
    actor an ambiguous name stands for."""

    list_display = ["in_context", "actor", "candidate_list", "article_link", "status"]
    list_filter = ["status", AmbiguousFilter, "actor__kind", "actor"]
    list_select_related = ["actor", "article"]
    search_fields = ["quote", "matched_alias", "actor__name_ar", "actor__name_en"]
    readonly_fields = [
        "article",
        "in_context",
        "quote",
        "start",
        "end",
        "matched_alias",
        "alias",
        "candidate_list",
        "confirmed_by",
        "confirmed_at",
    ]
    fields = ["in_context", "actor", "status", "article", *readonly_fields[2:]]
    actions = ["confirm", "reject", "back_to_suggested"]
    form = MentionAdminForm
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("candidates")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "article/<int:article_id>/json/",
                wrap(admin_views.article_mentions),
                name="actors_mention_for_article",
            ),
            path(
                "add-alias/", wrap(admin_views.alias_from_passage), name="actors_mention_add_alias"
            ),
            *super().get_urls(),
        ]

    def has_add_permission(self, request):
        return False  # mentions come from the matcher

    def has_change_permission(self, request, obj=None):
        return permissions.can_review_mentions(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # rejecting keeps the decision; a deleted mention would be suggested again

    @admin.display(description=_("in context"))
    def in_context(self, mention: Mention) -> str:
        return _in_context(mention)

    @admin.display(description=_("candidates"))
    def candidate_list(self, mention: Mention) -> str:
        return ", ".join(a.slug for a in mention.candidates.all()) or "—"

    @admin.display(description=_("article"), ordering="article")
    def article_link(self, mention: Mention) -> str:
        url = reverse("admin:archive_article_change", args=[mention.article_id])
        return format_html('<a href="{}">{}</a>', url, mention.article.title[:60])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        mention_id = (
            request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        )
        if db_field.name == "actor" and mention_id:
            candidates = Actor.objects.filter(candidate_mentions__pk=mention_id)
            if candidates.exists():
                field.queryset = candidates
        return field

    def save_model(self, request, obj, form, change):
        if not permissions.can_review_mentions(request.user):
            raise PermissionDenied
        fresh = Mention.objects.get(pk=obj.pk)
        services.mention_set_status(
            fresh,
            status=form.cleaned_data["status"],
            user=request.user,
            actor=form.cleaned_data.get("actor"),
        )

    def _set_status(self, request, queryset, status: str) -> None:
        if not permissions.can_review_mentions(request.user):
            raise PermissionDenied
        changed, skipped = services.mentions_set_status(queryset, status=status, user=request.user)
        self.message_user(
            request,
            ngettext("%(n)d mention changed.", "%(n)d mentions changed.", changed) % {"n": changed},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d ambiguous mention skipped: open it to choose its actor.",
                    "%(n)d ambiguous mentions skipped: open each to choose its actor.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Confirm selected mentions"))
    def confirm(self, request, queryset):
        self._set_status(request, queryset, Mention.Status.CONFIRMED)

    @admin.action(description=_("Reject selected mentions"))
    def reject(self, request, queryset):
        self._set_status(request, queryset, Mention.Status.REJECTED)

    @admin.action(description=_("Back to suggested"))
    def back_to_suggested(self, request, queryset):
        self._set_status(request, queryset, Mention.Status.SUGGESTED)
