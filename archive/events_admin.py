"""Admin for events from the text: the review queue of suggested mentions
(the sentence with its date and event word marked, one key to accept or
dismiss, bulk actions), the events with their groupings (confirm, merge,
split, move a report out), the timeline, and the extraction runs (start one,
watch its progress, read its report). Every write goes through
``archive.events``."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive import events as services
from archive.admin_display import TextDirectionMixin
from archive.models import Event, EventMention, EventReport, ExtractionRun
from archive.tasks import start_extraction


def highlighted(mention: EventMention):
    """The sentence, its date expression in <mark>, its event word in bold."""
    quote, offset = mention.quote, mention.start
    spans = [(mention.date_start - offset, mention.date_end - offset, "mark")]
    if mention.trigger:
        found = quote.find(mention.trigger)
        if found >= 0 and not (spans[0][0] < found + len(mention.trigger) and found < spans[0][1]):
            spans.append((found, found + len(mention.trigger), "strong"))
    spans.sort()
    pieces, position = [], 0
    for start, end, tag in spans:
        if start < position or start < 0 or end > len(quote):
            continue
        pieces.append(escape(quote[position:start]))
        pieces.append(f"<{tag}>{escape(quote[start:end])}</{tag}>")
        position = end
    pieces.append(escape(quote[position:]))
    return mark_safe(f'<span dir="rtl" lang="ar">{"".join(pieces)}</span>')  # noqa: S308 (escaped)


@admin.register(EventMention)
class EventMentionAdmin(TextDirectionMixin, admin.ModelAdmin):
    """The review queue: suggested mentions first, oldest first."""

    change_list_template = "admin/archive/eventmention/change_list.html"
    rtl_fields = frozenset({"place"})
    list_display = [
        "sentence",
        "kind",
        "date",
        "place",
        "status",
        "event",
        "article_link",
        "review_buttons",
    ]
    list_filter = ["status", "kind", "precision", "flagged", "edited"]
    list_select_related = ["article", "event"]
    search_fields = ["quote", "date_text", "place"]
    actions = ["confirm_selected", "dismiss_selected"]
    list_per_page = 50
    fields = [
        "article",
        "sentence",
        "kind",
        "date_text",
        ("year", "month", "day", "precision"),
        "date_note",
        "place",
        "status",
        "event",
        "flag_reason",
    ]
    readonly_fields = ["article", "sentence", "date_text", "date_note", "status", "event"]
    readonly_fields += ["flag_reason"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("article__body", "article__raw_text", "article__search_text")
        )

    def get_ordering(self, request):
        return ["-status", "created_at", "id"]  # suggested before dismissed and confirmed

    def has_add_permission(self, request):
        return False  # mentions come from the text

    @admin.display(description=_("sentence"))
    def sentence(self, mention: EventMention):
        return highlighted(mention)

    @admin.display(description=_("date"), ordering="year")
    def date(self, mention: EventMention):
        return format_html(
            '{}<br><small dir="rtl" lang="ar">{}</small>', mention.date_label, mention.date_text
        )

    @admin.display(description=_("article"))
    def article_link(self, mention: EventMention):
        url = reverse("admin:archive_article_change", args=[mention.article_id])
        return format_html('<a href="{}">{}</a>', url, mention.article.title[:60])

    @admin.display(description=_("review"))
    def review_buttons(self, mention: EventMention):
        if mention.status != EventMention.Status.SUGGESTED:
            return ""
        return format_html(
            '<button type="submit" form="mention-review" name="confirm" value="{}" '
            'class="button" data-key="a">{}</button> '
            '<button type="submit" form="mention-review" name="dismiss" value="{}" '
            'class="button" data-key="d">{}</button>',
            mention.pk,
            _("Accept"),
            mention.pk,
            _("Dismiss"),
        )

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        fresh = EventMention.objects.get(pk=obj.pk)
        try:
            services.mention_confirm(fresh, request.user, **changes)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)

    @admin.action(description=_("Accept the selected mentions"), permissions=["change"])
    def confirm_selected(self, request, queryset):
        count = services.mentions_confirm(queryset, request.user)
        self.message_user(
            request,
            ngettext("%(count)d mention accepted.", "%(count)d mentions accepted.", count)
            % {"count": count},
        )

    @admin.action(description=_("Dismiss the selected mentions"), permissions=["change"])
    def dismiss_selected(self, request, queryset):
        count = services.mentions_dismiss(queryset, request.user)
        self.message_user(
            request,
            ngettext("%(count)d mention dismissed.", "%(count)d mentions dismissed.", count)
            % {"count": count},
        )

    def get_urls(self):
        return [
            path(
                "review/",
                self.admin_site.admin_view(self.review_view),
                name="archive_eventmention_review",
            ),
            *super().get_urls(),
        ]

    def review_view(self, request):
        """One mention accepted or dismissed (the row's buttons, or its key)."""
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        name = "confirm" if "confirm" in request.POST else "dismiss"
        pk = request.POST.get(name, "")
        mention = get_object_or_404(EventMention, pk=pk if pk.isdigit() else 0)
        if name == "confirm":
            services.mention_confirm(mention, request.user)
            self.message_user(request, _("Accepted: %s") % mention.date_text)
        else:
            services.mention_dismiss(mention, request.user)
            self.message_user(request, _("Dismissed: %s") % mention.date_text)
        back = request.POST.get("next", "")
        if not back.startswith("/"):
            back = reverse("admin:archive_eventmention_changelist")
        return HttpResponseRedirect(back)


class EventReportInline(TextDirectionMixin, admin.TabularInline):
    model = EventReport
    rtl_fields = frozenset({"reported_date_text"})
    extra = 1
    autocomplete_fields = ["article"]
    fields = [
        "article",
        "reported_date",
        "reported_date_text",
        "claimed",
        "evidence",
        "note",
        "move_out",
    ]
    readonly_fields = ["claimed", "evidence", "move_out"]

    @admin.display(description=_("date this article gives"))
    def claimed(self, report: EventReport):
        from archive.parsing.events import date_label

        return date_label(*report.claim()) if report.pk else ""

    @admin.display(description=_("evidence"))
    def evidence(self, report: EventReport):
        if report.pk is None or report.mention is None:
            return ""
        return highlighted(report.mention)

    @admin.display(description=_("grouping"))
    def move_out(self, report: EventReport):
        if report.pk is None:
            return ""
        url = reverse("admin:archive_event_move_out", args=[report.pk])
        return format_html(
            '<button type="submit" formaction="{}" formmethod="post" class="button">{}</button>',
            url,
            _("Move to an event of its own"),
        )


class EventAdmin(TextDirectionMixin, admin.ModelAdmin):
    change_list_template = "admin/archive/event/change_list.html"
    rtl_fields = frozenset({"title", "place"})
    list_display = [
        "title",
        "title_en",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "place",
        "conflict",
        "report_count",
    ]
    list_filter = ["status", "conflicting", "kind", "date_precision"]
    search_fields = ["title", "title_en", "place"]
    date_hierarchy = "starts_on"
    inlines = [EventReportInline]
    actions = ["confirm_selected", "merge_selected", "split_selected", "group_now"]
    fields = [
        "title",
        "title_en",
        "kind",
        "status",
        ("starts_on", "ends_on"),
        "date_precision",
        "dates_from_reports",
        "place",
        "description",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_total=Count("reports"))

    @admin.display(description=_("reports"), ordering="report_total")
    def report_count(self, event: Event) -> int:
        return event.report_total

    @admin.display(description=_("reports disagree"), boolean=True, ordering="conflicting")
    def conflict(self, event: Event) -> bool:
        return event.conflicting

    def save_model(self, request, obj, form, change):
        if change and {"starts_on", "ends_on", "date_precision"} & set(form.changed_data):
            obj.dates_from_reports = False  # an editor's dates are kept
        super().save_model(request, obj, form, change)

    def move_out_view(self, request, report_id: int):
        """The report leaves its event for one of its own (the inline's button)."""
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        report = get_object_or_404(EventReport, pk=report_id)
        moved = services.report_move_out(report, request.user)
        self.message_user(request, _("The report is now an event of its own."))
        return HttpResponseRedirect(reverse("admin:archive_event_change", args=[moved.pk]))

    @admin.action(description=_("Confirm the selected groupings"), permissions=["change"])
    def confirm_selected(self, request, queryset):
        for event in queryset:
            services.event_confirm(event, request.user)
        self.message_user(request, _("Confirmed: %d.") % queryset.count())

    @admin.action(
        description=_("Merge the selected events into the earliest"), permissions=["change"]
    )
    def merge_selected(self, request, queryset):
        chosen = list(queryset.order_by("starts_on", "id"))
        if len(chosen) < 2:
            self.message_user(request, _("Select two events or more to merge."), messages.WARNING)
            return
        target = services.events_merge(chosen[0], chosen[1:], request.user)
        self.message_user(request, _("Merged into “%s”.") % target.title)

    @admin.action(
        description=_("Split the selected events, one per report"), permissions=["change"]
    )
    def split_selected(self, request, queryset):
        made = sum(len(services.event_split(event, request.user)) for event in queryset)
        self.message_user(request, _("%d events now.") % made)

    @admin.action(description=_("Group the confirmed mentions now"), permissions=["change"])
    def group_now(self, request, queryset):
        report = services.group_mentions()
        self.message_user(
            request,
            _("%(joined)d joined an event, %(new)d new events, %(ungrouped)d left ungrouped.")
            % {"joined": report.joined, "new": report.new_events, "ungrouped": report.ungrouped},
        )

    def get_urls(self):
        return [
            path(
                "timeline/",
                self.admin_site.admin_view(self.timeline_view),
                name="archive_event_timeline",
            ),
            path(
                "reports/<int:report_id>/move-out/",
                self.admin_site.admin_view(self.move_out_view),
                name="archive_event_move_out",
            ),
            *super().get_urls(),
        ]

    def timeline_view(self, request):
        from archive.timeline_view import timeline_context

        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), **timeline_context(request)}
        context["opts"] = self.model._meta
        context["title"] = _("Timeline of events")
        return TemplateResponse(request, "admin/archive/event/timeline.html", context)


@admin.register(ExtractionRun)
class ExtractionRunAdmin(admin.ModelAdmin):
    change_list_template = "admin/archive/extractionrun/change_list.html"
    list_display = ["created_at", "status", "reason", "progress", "summary", "requested_by"]
    list_filter = ["status", "reason"]
    readonly_fields = [
        "created_at",
        "started_at",
        "finished_at",
        "status",
        "reason",
        "requested_by",
        "total",
        "done",
        "report",
        "error",
    ]
    exclude = ["article_ids"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def progress(self, run: ExtractionRun):
        return format_html(
            '<progress max="100" value="{}"></progress> {} / {}', run.percent, run.done, run.total
        )

    @admin.display(description=_("report"))
    def summary(self, run: ExtractionRun):
        extraction = run.report.get("extraction") or {}
        grouping = run.report.get("grouping") or {}
        if not extraction:
            return ""
        return _(
            "%(created)d new mentions (%(existing)d known); %(new)d new events, %(joined)d joined"
        ) % {
            "created": extraction.get("created", 0),
            "existing": extraction.get("existing", 0),
            "new": grouping.get("new_events", 0),
            "joined": grouping.get("joined", 0),
        }

    def get_urls(self):
        return [
            path(
                "start/",
                self.admin_site.admin_view(self.start_view),
                name="archive_extractionrun_start",
            ),
            *super().get_urls(),
        ]

    def start_view(self, request):
        if request.method != "POST" or not request.user.has_perm("archive.change_eventmention"):
            raise PermissionDenied
        run = start_extraction(None, reason="admin", user=request.user)
        self.message_user(request, _("Extraction queued (run %d).") % run.pk)
        return HttpResponseRedirect(reverse("admin:archive_extractionrun_changelist"))
