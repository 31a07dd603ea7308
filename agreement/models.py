"""Double annotation: assignments of articles to several editors, and the
editors' own versions of their passages, kept when an assignment closes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from annotations.models import Annotation, Topic
from archive.models import Article, TimeStampedModel


class AssignmentQuerySet(models.QuerySet):
    def open(self) -> AssignmentQuerySet:
        return self.filter(status=Assignment.Status.OPEN)

    def closed(self) -> AssignmentQuerySet:
        return self.filter(status=Assignment.Status.CLOSED)

    def for_editor(self, user) -> AssignmentQuerySet:
        return self.filter(editors=user)


class Assignment(TimeStampedModel):
    """An article, or a batch of them, given to two or more editors to annotate
    independently. While it is open each editor sees only their own passages
    on its articles; closing it keeps each editor's passages as their version
    (``EditorVersion``), which a reviewer then curates into the final ones."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    articles = models.ManyToManyField(
        Article, related_name="assignments", verbose_name=_("articles")
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="agreement_assignments", verbose_name=_("editors")
    )
    batch_filter = models.CharField(
        _("batch filter"),
        max_length=500,
        blank=True,
        help_text=_("The article filter the batch was chosen with, as a query string."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreement_assignments_created",
        verbose_name=_("created by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="assignment_status_idx")]

    def __str__(self) -> str:
        return self.title


class EditorVersionQuerySet(models.QuerySet):
    def pending(self) -> EditorVersionQuerySet:
        return self.filter(resolved_at__isnull=True)


class EditorVersion(TimeStampedModel):
    """One editor's passage on an assigned article, as it stood when the
    assignment closed. Never public; kept after curation, linked to the final
    annotation it became part of (or to none, if the reviewer discarded it)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="versions", verbose_name=_("assignment")
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="editor_versions", verbose_name=_("article")
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="editor_versions",
        verbose_name=_("editor"),
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="editor_versions", verbose_name=_("topic")
    )
    start = models.PositiveIntegerField(_("start"), help_text=_("Code-point offset into the body."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Code-point offset, exclusive."))
    quote = models.TextField(_("quote"))
    note = models.TextField(_("note"), blank=True)
    annotated_at = models.DateTimeField(_("annotated at"))
    final = models.ForeignKey(
        Annotation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="editor_versions",
        verbose_name=_("final annotation"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="editor_versions_resolved",
        verbose_name=_("resolved by"),
    )

    objects = EditorVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("editor's version")
        verbose_name_plural = _("editors' versions")
        ordering = ["assignment_id", "article_id", "start", "editor_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="editor_version_start_before_end"
            ),
        ]
        indexes = [
            models.Index(fields=["assignment", "article"], name="editor_version_article_idx"),
        ]

    def __str__(self) -> str:
        quote = self.quote if len(self.quote) <= 60 else self.quote[:59] + "…"
        return f"{self.editor}: {self.topic.slug}: {quote}"
