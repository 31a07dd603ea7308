"""Imports in the admin: a maintainer uploads article files or a .zip; the
load runs as a background task; its page shows the progress and, item by item,
the report ``load_seeds`` prints."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from archive.imports import UPLOAD_SUFFIXES, UploadError, import_create
from archive.models import ImportRecord


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("files"),
        help_text=_(
            "Article files (.txt, .html, .htm, .jsonl, .csv) or .zip files of them. A zip "
            "with a file outside its folder is refused whole."
        ),
    )
    publish = forms.BooleanField(label=_("publish the loaded articles"), required=False)
    dry_run = forms.BooleanField(
        label=_("dry run"), required=False, help_text=_("Read and report; write nothing.")
    )


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "files_text", "status", "progress", "counts_text"]
    list_filter = ["status"]
    readonly_fields = [
        "user",
        "created_at",
        "started_at",
        "finished_at",
        "files_text",
        "publish",
        "dry_run",
        "status",
        "progress",
        "counts_text",
        "error",
        "report_table",
    ]
    fields = readonly_fields
    change_form_template = "admin/archive/importrecord/change_form.html"

    def has_change_permission(self, request, obj=None):
        return False  # a record of what happened

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("files"))
    def files_text(self, record: ImportRecord) -> str:
        return ", ".join(record.files)

    @admin.display(description=_("progress"))
    def progress(self, record: ImportRecord) -> str:
        if record.total:
            return f"{record.done} / {record.total}"
        return "—"

    @admin.display(description=_("results"))
    def counts_text(self, record: ImportRecord) -> str:
        counts = record.counts or {}
        return ", ".join(
            f"{counts[k]} {k}" for k in ("created", "updated", "unchanged", "failed") if k in counts
        )

    @admin.display(description=_("report"))
    def report_table(self, record: ImportRecord) -> str:
        rows = format_html_join(
            "",
            '<tr class="import-{}"><td>{}</td><td>{}</td><td dir="auto">{}</td></tr>',
            ((r["status"], r["status"], r["name"], r["detail"]) for r in record.report),
        )
        return format_html("<table>{}</table>", rows) if rows else "—"

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                record = import_create(
                    form.cleaned_data["files"],
                    user=request.user,
                    publish=form.cleaned_data["publish"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except UploadError as error:
                form.add_error("files", str(error))
            else:
                self.message_user(
                    request, _("The load is queued; this page shows its progress."), messages.INFO
                )
                return HttpResponseRedirect(
                    reverse("admin:archive_importrecord_change", args=[record.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Upload articles"),
        }
        return TemplateResponse(request, "admin/archive/importrecord/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        running = record is not None and record.status in (
            ImportRecord.Status.QUEUED,
            ImportRecord.Status.RUNNING,
        )
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), "refresh": running}
        )
