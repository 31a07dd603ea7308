"""Topics and the annotations that tag passages of an article's body with them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive import curation
from archive.concurrency import Versioned
from archive.curation import CuratedQuerySet
from archive.models import Article, TimeStampedModel
from archive.search import passage_search_text
from archive.spans import check_quote


class TopicQuerySet(models.QuerySet):
    def with_annotation_count(self, viewer: curation.Viewer) -> TopicQuerySet:
        """With ``annotation_count``, the annotations ``viewer`` sees on each
        topic. The public's is the tally the database keeps (``TopicTally``);
        anyone else's a correlated count per topic, read from the (status,
        topic, article) index."""
        if viewer.sees_only_public("annotation"):
            return self.annotate(annotation_count=Coalesce(F("tally__curated"), 0))
        counted = (
            Annotation.objects.visible_to(viewer)
            .filter(topic=OuterRef("pk"))
            .order_by()
            .values("topic")
            .annotate(n=Count("*"))
            .values("n")
        )
        return self.annotate(
            annotation_count=Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)
        )


class Topic(TimeStampedModel):
    """A theme editors tag passages with (counter-terrorism, SDF integration, …)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#ffd54f",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour like #1e88e5."))],
    )
    keywords = models.TextField(
        _("keyword rules"),
        blank=True,
        help_text=_(
            "One rule per line; spelling variants are folded. A word or phrase; words that "
            "must occur near each other, joined by “ + ” (within 6 words, or “~N” at the end "
            "for N); words that must not be in the clause, after “ - ”. A line starting "
            "with “- ” excludes its words for every rule of the topic; “#” starts a comment. "
            "The clause that matches is suggested."
        ),
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]
        indexes = [models.Index(fields=["updated_at", "id"], name="topic_updated_idx")]

    def __str__(self) -> str:
        return f"{self.name_ar} / {self.name_en}"

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class AnnotationQuerySet(CuratedQuerySet):
    curated_as = "annotation"

    def approved(self) -> AnnotationQuerySet:
        return self.filter(status=Annotation.Status.APPROVED)

    def curated(self) -> AnnotationQuerySet:
        """What the public sees: approved annotations on published articles."""
        return self.filter(curation.PUBLIC["annotation"])

    def for_topic(self, topic: Topic | str) -> AnnotationQuerySet:
        if isinstance(topic, Topic):
            return self.filter(topic=topic)
        return self.filter(topic__slug=topic)

    def flagged(self) -> AnnotationQuerySet:
        return self.filter(flagged=True)


class Annotation(Versioned, TimeStampedModel):
    """A passage of ``article.body`` tagged with a topic.

    ``start`` and ``end`` are Unicode code points into the body, as Python
    indexes ``str`` (not the UTF-16 units browsers count); ``quote`` is exactly
    ``body[start:end]``. Writes go through ``annotations.services``.
    """

    CONTEXT_LENGTH = 32

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="annotations", verbose_name=_("article")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="annotations", verbose_name=_("topic")
    )
    start = models.PositiveIntegerField(_("start"), help_text=_("Code-point offset into the body."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Code-point offset, exclusive."))
    quote = models.TextField(_("quote"))
    prefix = models.CharField(_("prefix"), max_length=64, blank=True)
    suffix = models.CharField(_("suffix"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    flagged = models.BooleanField(
        _("flagged"),
        default=False,
        help_text=_(
            "The article's text changed and this quote no longer matches; an editor must look."
        ),
    )
    flag_reason = models.CharField(_("flag reason"), max_length=300, blank=True)
    anchored_by = models.CharField(
        _("re-anchored by"),
        max_length=20,
        blank=True,
        help_text=_(
            "How the passage followed the last edit of the article's text: shifted, exact, "
            "fuzzy 0.93 (its quote changed), or orphan (an editor must re-attach it)."
        ),
    )
    anchor_candidates = models.JSONField(
        _("candidate places"),
        default=list,
        blank=True,
        help_text=_("For an orphan: the best places found in the new text, best first."),
    )
    rule = models.CharField(
        _("suggested by rule"),
        max_length=300,
        blank=True,
        help_text=_("The topic's keyword rule that suggested this passage; empty for an editor's."),
    )
    matched = models.CharField(
        _("words that fired"), max_length=300, blank=True, help_text=_("As written in the text.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annotations_created",
        verbose_name=_("created by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annotations_reviewed",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Normalised, stemmed words of the quote and note (archive.search)."),
    )

    objects = AnnotationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    def save(self, *args, **kwargs):
        # Derived from the quote and note, so passage search never lags behind
        # an edit, whichever service saved which fields.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"quote", "note"} & set(update_fields):
            self.search_text = passage_search_text(self.quote, self.note)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    class Meta:
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0), name="annotation_start_non_negative"),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="annotation_start_before_end"
            ),
        ]
        indexes = [
            models.Index(fields=["topic", "status"], name="annotation_topic_status_idx"),
            models.Index(fields=["article", "start"], name="annotation_article_start_idx"),
            models.Index(fields=["status", "id"], name="annotation_status_id_idx"),
            # Counts per topic of what the public sees, from the index alone.
            models.Index(fields=["status", "topic", "article"], name="annotation_status_topic_idx"),
            # What changed since an instant (?updated_since=), in the order a mirror reads it.
            models.Index(fields=["updated_at", "id"], name="annotation_updated_idx"),
        ]
        permissions = [
            ("review_annotation", _("Can approve or reject annotations")),
        ]

    def __str__(self) -> str:
        quote = self.quote if len(self.quote) <= 60 else self.quote[:59] + "…"
        return f"{self.topic.slug}: {quote}"

    def clean(self) -> None:
        """The quote must be exactly the body between the offsets."""
        super().clean()
        if self.article_id is None or self.start is None or self.end is None:
            return
        check_quote(self.article.body, self.start, self.end, self.quote)


class OrphanedAnnotationManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(flagged=True)


class OrphanedAnnotation(Annotation):
    """An annotation an edit of its article's text left without a safe place:
    the editors' queue of passages to re-attach. (Read through it; write
    through ``Annotation`` and ``annotations.services``.)"""

    objects = OrphanedAnnotationManager()

    class Meta:
        proxy = True
        verbose_name = _("orphaned passage")
        verbose_name_plural = _("orphaned passages")


class TopicTally(models.Model):
    """How many approved annotations on published articles each topic has: what
    the public's ``topics/`` counts, without counting two million rows per
    request. Kept by database triggers on annotations and articles (migration
    0006), so no write path, bulk or raw, can leave it behind."""

    topic = models.OneToOneField(
        Topic, primary_key=True, on_delete=models.CASCADE, related_name="tally"
    )
    curated = models.IntegerField(_("approved annotations on published articles"), default=0)

    class Meta:
        verbose_name = _("topic tally")

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.curated}"
