"""Articles, the sources behind them and the events they report."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive import curation
from archive.concurrency import Versioned
from archive.curation import CuratedQuerySet
from archive.normalization import normalize_arabic
from archive.search import article_search_fields
from archive.spans import check_quote


class BodyChangeError(Exception):
    """An article's body was saved without ``change_article_body``."""


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    WEEK = "week", _("week")
    DAY = "day", _("day")
    MINUTE = "minute", _("minute")


class SourceQuerySet(CuratedQuerySet):
    curated_as = "source"

    def with_article_count(self, viewer: curation.Viewer) -> SourceQuerySet:
        """With ``article_count``, the articles ``viewer`` sees each source stand
        behind. The public's is the tally itself; staff's one grouped join (a
        correlated count per source took half a second on 20,000 articles)."""
        if not viewer.sees_drafts:
            return self.annotate(article_count=models.F("tally__published_articles"))
        return self.annotate(article_count=models.Count("article_links__article", distinct=True))

    def by_name(self, name: str) -> SourceQuerySet:
        """Sources whose normalised name equals ``name`` normalised (سانا == ســانا)."""
        return self.filter(normalized_name=normalize_arabic(name).strip())


class Source(TimeStampedModel):
    """An outlet, agency, broadcaster, ministry channel or social account."""

    class Kind(models.TextChoices):
        OUTLET = "outlet", _("news outlet")
        AGENCY = "agency", _("news agency")
        BROADCASTER = "broadcaster", _("broadcaster")
        MINISTRY = "ministry", _("ministry channel")
        SOCIAL = "social", _("social media account")
        OTHER = "other", _("other")

    name = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    domain = models.CharField(
        _("web site"),
        max_length=253,
        blank=True,
        db_index=True,
        help_text=_("The host of the outlet's pages (youm7.com): imported pages map to it."),
    )
    normalized_name = models.CharField(
        _("normalised name"),
        max_length=200,
        unique=True,
        editable=False,
        help_text=_("The name with Arabic spelling variants folded; one source per spelling."),
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]
        indexes = [models.Index(fields=["updated_at", "id"], name="source_updated_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.name_en})" if self.name_en else self.name

    def save(self, *args, **kwargs):
        # Derived from the name, so it can never disagree with it.
        self.normalized_name = normalize_arabic(self.name).strip()
        super().save(*args, **kwargs)


class ArticleQuerySet(CuratedQuerySet):
    curated_as = "article"

    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED)

    def without_date(self) -> ArticleQuerySet:
        return self.filter(published_on__isnull=True)


class Article(Versioned, TimeStampedModel):
    """One news article, loaded from a text file and curated by editors."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=500)
    title_derived = models.BooleanField(
        _("derived title"),
        default=False,
        help_text=_("The file stated no title; this one was made from the first sentence."),
    )
    summary = models.TextField(_("summary"), blank=True)
    caption = models.TextField(_("photo caption"), blank=True)
    byline = models.CharField(
        _("byline"), max_length=300, blank=True, help_text=_("The author line, as written.")
    )
    body = models.TextField(
        _("body"), help_text=_("Clean article text. Annotations point into it by offset.")
    )
    raw_text = models.TextField(_("raw text"), help_text=_("The file exactly as read."))
    language = models.CharField(_("language"), max_length=10, default="ar")

    published_on = models.DateField(_("publication date"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Only when the source states a time."),
    )
    published_precision = models.CharField(
        _("publication date precision"), max_length=10, choices=DatePrecision, blank=True
    )
    published_text = models.CharField(_("publication date as written"), max_length=300, blank=True)
    source_updated_at = models.DateTimeField(_("last updated (as stated)"), null=True, blank=True)
    source_updated_text = models.CharField(_("last updated as written"), max_length=300, blank=True)
    hijri_date_text = models.CharField(_("Hijri date as written"), max_length=100, blank=True)
    loader_findings = models.JSONField(
        _("loader findings"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "What the loader dropped from the file and why, the date line it used, and what "
            "it doubted (title, date, body)."
        ),
    )

    source_file = models.CharField(
        _("source file"),
        max_length=2000,
        unique=True,
        help_text=_(
            "A stable identity for re-loading: the canonical URL when the input states one, "
            "else the file name (and line, for JSON Lines and CSV)."
        ),
    )
    url = models.CharField(
        _("URL"),
        max_length=2000,
        blank=True,
        default="",
        help_text=_("The article's canonical address, when the input states one."),
    )
    meta = models.JSONField(
        _("metadata"),
        default=dict,
        blank=True,
        help_text=_("Free metadata an import record carried (JSON Lines or CSV `meta`)."),
    )
    content_hash = models.CharField(
        _("content hash"), max_length=64, help_text=_("SHA-256 of the file.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Normalised, stemmed words of title, summary and body (archive.search)."),
    )
    rank_terms = models.TextField(
        _("rank terms"),
        blank=True,
        default="",
        editable=False,
        help_text=_(
            "The stems that rank the article in a search: title | lede | body (archive.search)."
        ),
    )

    sources = models.ManyToManyField(
        Source, through="ArticleSource", related_name="articles", verbose_name=_("sources")
    )
    story = models.ForeignKey(
        "Story",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("The story this article is a copy of (one story, many outlets)."),
    )
    signature = models.BinaryField(
        _("near-duplicate signature"),
        blank=True,
        default=b"",
        editable=False,
        help_text=_("MinHash of the body's word shingles (archive.signatures)."),
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "raw_text",
            "search_text",
            "rank_terms",
            "loader_findings",
            "signature",
            "story",
        ]
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["published_on", "id"], name="article_published_on_idx"),
            models.Index(fields=["status", "published_on"], name="article_status_date_idx"),
            models.Index(fields=["updated_at", "id"], name="article_updated_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_url_unique")
        ]
        permissions = [("publish_article", _("Can publish or unpublish articles"))]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, body_change: bool = False, **kwargs):
        # The body changes only through archive.services.change_article_body,
        # which re-anchors the passages pointing into it.
        stored = self.__dict__.get("_stored_body")
        update_fields = kwargs.get("update_fields")
        if (
            not body_change
            and stored is not None
            and self.body != stored
            and (update_fields is None or "body" in update_fields)
        ):
            raise BodyChangeError(
                "An article's body changes only through "
                "archive.services.change_article_body(article, new_body, user), "
                "which re-anchors the passages pointing into it."
            )
        # The search index is derived from the text, so it can never lag behind
        # an editor's change of title or summary. (The loader's bulk path sets it
        # itself.)
        if update_fields is None or {"title", "summary", "body"} & set(update_fields):
            self.search_text, self.rank_terms = article_search_fields(
                *self._text_as_saved(update_fields)
            )
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text", "rank_terms"}
        super().save(*args, **kwargs)
        if "body" in self.__dict__ and (update_fields is None or "body" in update_fields):
            self._stored_body = self.body  # what the row now holds (not an unwritten body)

    def _text_as_saved(self, update_fields) -> tuple[str, str, str]:
        """The title, summary and body as the row will hold them after a save
        of ``update_fields``: one the save does not write is read as stored,
        not as changed in memory, so the search index describes the stored
        text."""
        names = ("title", "summary", "body")
        if update_fields is None or self._state.adding:
            return self.title, self.summary, self.body
        values = {name: getattr(self, name) for name in names if name in update_fields}
        unwritten = [name for name in names if name not in values]
        if "body" in unwritten and self.__dict__.get("_stored_body") is not None:
            values["body"] = self._stored_body
            unwritten.remove("body")
        if unwritten:
            stored = type(self)._base_manager.filter(pk=self.pk).values(*unwritten).first()
            values.update(stored or {name: getattr(self, name) for name in unwritten})
        return values["title"], values["summary"], values["body"]

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        if "body" in field_names:
            article._stored_body = values[field_names.index("body")]
        return article

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        if "body" in self.__dict__:
            self._stored_body = self.body


class ArticleSource(models.Model):
    """How a source stands behind an article."""

    class Role(models.TextChoices):
        PUBLISHER = "publisher", _("publisher")
        ATTRIBUTION = "attribution", _("attribution line")
        CITED = "cited", _("cited in the body")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="source_links")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="article_links")
    role = models.CharField(_("role"), max_length=20, choices=Role)

    class Meta:
        verbose_name = _("article source")
        verbose_name_plural = _("article sources")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "source", "role"], name="article_source_role_unique"
            )
        ]
        indexes = [models.Index(fields=["source", "role"], name="articlesource_source_role_idx")]

    def __str__(self) -> str:
        return f"{self.source} — {self.get_role_display()}"


class StoryQuerySet(models.QuerySet):
    def visible_to(self, viewer: curation.Viewer) -> StoryQuerySet:
        """The stories with a copy ``viewer`` sees, each with ``copies``, the
        number of those copies."""
        copies = (
            Article.objects.visible_to(viewer)
            .filter(story=models.OuterRef("pk"))
            .order_by()
            .values("story")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            copies=models.Subquery(copies, output_field=models.IntegerField())
        ).filter(copies__gt=0)


class Story(TimeStampedModel):
    """One report told by many outlets: the articles whose bodies are near
    copies of each other (``archive.stories``), with the one that stands for
    them. Editors split and merge stories; the loader only adds copies."""

    representative = models.ForeignKey(
        Article,
        verbose_name=_("representative article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-id"]
        indexes = [models.Index(fields=["updated_at", "id"], name="story_updated_idx")]

    def __str__(self) -> str:
        if self.representative_id is None:
            return f"#{self.pk}"
        return self.representative.title


class StoryBand(models.Model):
    """One LSH band key of an article's signature: articles sharing a key are
    the candidates a new copy is compared with (an index lookup, not a scan)."""

    # No foreign-key constraint in the database: an article with no copy yet
    # adds 32 rows, and checking each against the article table cost more
    # than inserting it (EXPLAIN ANALYZE: 22 µs a row against 17). Deleting an article deletes its rows
    # (Django's cascade); a row left by a raw delete names no article, and
    # grouping, which reads the candidates' signatures, passes it by.
    #
    # The key leads the primary key: one B-tree answers "who has this key"
    # and keeps a row unique, with no row id (on SQLite a WITHOUT ROWID
    # table, migration 0024): an insert writes two B-trees, not three.
    pk = models.CompositePrimaryKey("key", "article")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="story_bands", db_constraint=False
    )
    key = models.BigIntegerField(_("band key"))

    class Meta:
        verbose_name = _("story band")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.key}"


class EventQuerySet(CuratedQuerySet):
    curated_as = "event"

    def conflicting(self, viewer: curation.Viewer, value: bool) -> EventQuerySet:
        """The events whose reports ``viewer`` sees disagree (``value``), or
        do not: by the stored flag that matches those reports."""
        field = "conflicting" if viewer.sees_every("event") else "conflicting_published"
        return self.filter(**{field: value})


class Event(TimeStampedModel):
    """Something that happened, as the archive's articles report it."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("agreement signing")
        MEETING = "meeting", _("meeting")
        STATEMENT = "statement", _("statement")
        MILITARY_ACTION = "military_action", _("military action")
        VISIT = "visit", _("visit")
        CONFERENCE = "conference", _("conference")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested grouping")
        CONFIRMED = "confirmed", _("confirmed")

    title = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.OTHER)
    starts_on = models.DateField(_("date (or start)"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )
    latest_on = models.DateField(
        _("last possible day"),
        null=True,
        editable=False,
        help_text=_("The end date, else the last day the start's precision allows (derived)."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.CONFIRMED,
        help_text=_(
            "Events the archive groups from the text are suggestions until an editor "
            "confirms them; the public sees confirmed events only."
        ),
    )
    conflicting = models.BooleanField(
        _("reports disagree"),
        default=False,
        editable=False,
        help_text=_("Two reporting articles give dates that cannot both be right (derived)."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        editable=False,
        help_text=_(
            "Confirmed, with a report in a published article: the public sees it (derived, "
            "archive.curation.event_is_public)."
        ),
    )
    conflicting_published = models.BooleanField(
        _("published reports disagree"),
        default=False,
        editable=False,
        help_text=_("The same, among the reports of published articles: what the public sees."),
    )
    dates_from_reports = models.BooleanField(
        _("dates follow the reports"),
        default=False,
        help_text=_(
            "The dates span what the reports claim, and follow them as reports join or "
            "leave. Off once an editor sets the dates."
        ),
    )
    articles = models.ManyToManyField(
        Article, through="EventReport", related_name="events", verbose_name=_("articles")
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "id"]
        indexes = [
            models.Index(fields=["starts_on", "id"], name="event_starts_on_idx"),
            models.Index(fields=["updated_at", "id"], name="event_updated_idx"),
            models.Index(fields=["is_public", "starts_on"], name="event_public_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%Y-%m-%d})"

    # Kept by archive.events.event_refresh from the reports: a save of a copy
    # read before the reports changed must not write them back.
    DERIVED = ("conflicting", "conflicting_published", "is_public")

    def save(self, *args, **kwargs):
        # Derived from the dates, so it can never disagree with them.
        self.latest_on = last_day(self.starts_on, self.ends_on, self.date_precision)
        if kwargs.get("update_fields") is None and not self._state.adding and self.pk:
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.DERIVED
            ]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"starts_on", "ends_on", "date_precision"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "latest_on"}
        super().save(*args, **kwargs)


def last_day(starts_on, ends_on, precision: str):
    """The last day an event may be on: its end, else its start's period."""
    import calendar
    import datetime as dt

    if ends_on is not None or starts_on is None:
        return ends_on or starts_on
    if isinstance(starts_on, str):
        starts_on = dt.date.fromisoformat(starts_on)
    if precision == DatePrecision.YEAR:
        return dt.date(starts_on.year, 12, 31)
    if precision == DatePrecision.MONTH:
        days = calendar.monthrange(starts_on.year, starts_on.month)[1]
        return dt.date(starts_on.year, starts_on.month, days)
    if precision == DatePrecision.WEEK:
        return starts_on + dt.timedelta(days=6)
    return starts_on


class EventMention(TimeStampedModel):
    """A sentence of ``article.body`` that names an event and dates it, as
    the extractor found it (``archive.parsing.events``): a suggestion an
    editor confirms, edits or dismisses. ``quote == body[start:end]`` (the
    sentence) and ``date_text == body[date_start:date_end]`` (code points).
    The date is what *this article* says, resolved against its own date:
    ``year`` may be unknown (``10 آذار`` in an undated article). Confirmed
    mentions are grouped into events (``event``), each article's best one
    becoming its report. Writes go through ``archive.events``."""

    CONTEXT_LENGTH = 32

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="event_mentions", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Event.Kind)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUGGESTED)
    start = models.PositiveIntegerField(_("start"), help_text=_("Code-point offset into the body."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Code-point offset, exclusive."))
    quote = models.TextField(_("sentence"))
    prefix = models.CharField(_("text before"), max_length=64, blank=True)
    suffix = models.CharField(_("text after"), max_length=64, blank=True)
    date_start = models.PositiveIntegerField(_("date start"))
    date_end = models.PositiveIntegerField(_("date end"))
    date_text = models.CharField(_("date as written"), max_length=200)
    trigger = models.CharField(_("event word"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    precision = models.CharField(
        _("precision"),
        max_length=10,
        choices=DatePrecision,
        blank=True,
        help_text=_("Empty when the text does not say enough to resolve the date."),
    )
    date_note = models.CharField(_("note on the date"), max_length=300, blank=True)
    edited = models.BooleanField(
        _("edited by an editor"), default=False, help_text=_("Kind, date or place changed.")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
        verbose_name=_("event"),
    )
    placed_by_editor = models.BooleanField(
        _("placed by an editor"),
        default=False,
        help_text=_("Moved, split or merged by an editor: the grouping never moves it again."),
    )
    flagged = models.BooleanField(_("needs re-attaching"), default=False)
    flag_reason = models.CharField(_("why"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_mentions_reviewed",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event mention")
        verbose_name_plural = _("event mentions")
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "date_start", "date_end"], name="event_mention_date_unique"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="event_mention_start_before_end"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind"], name="event_mention_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.date_text}"

    def clean(self) -> None:
        super().clean()
        if self.article_id is None or self.start is None or self.end is None:
            return
        body = self.article.body
        check_quote(body, self.start, self.end, self.quote)
        if self.date_start is not None and body[self.date_start : self.date_end] != self.date_text:
            raise ValidationError({"date_text": _("The date is not the text at its offsets.")})

    @property
    def date_label(self) -> str:
        from archive.parsing.events import date_label

        return date_label(self.year, self.month, self.day, self.precision)

    def context(self, size: int | None = None) -> tuple[str, str]:
        size = size or self.CONTEXT_LENGTH
        body = self.article.body
        return body[max(0, self.start - size) : self.start], body[self.end : self.end + size]


class EventReportQuerySet(CuratedQuerySet):
    curated_as = "report"


class EventReport(models.Model):
    """An article reporting an event, with the date *that article* gives it.

    Articles disagree (one dates the SDF agreement to 8 March, another to 10
    March); the archive records each report rather than silently picking one.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reports")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="event_reports")
    reported_date = models.DateField(
        _("date reported"), null=True, blank=True, help_text=_("When the report gives a full day.")
    )
    reported_date_text = models.CharField(_("date as written"), max_length=200, blank=True)
    reported_year = models.PositiveSmallIntegerField(_("year reported"), null=True, blank=True)
    reported_month = models.PositiveSmallIntegerField(_("month reported"), null=True, blank=True)
    reported_day = models.PositiveSmallIntegerField(_("day reported"), null=True, blank=True)
    reported_precision = models.CharField(
        _("precision reported"), max_length=10, choices=DatePrecision, blank=True
    )
    mention = models.OneToOneField(
        EventMention,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report",
        verbose_name=_("evidence"),
        help_text=_("The sentence the date is read from."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = EventReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")
        constraints = [
            models.UniqueConstraint(fields=["event", "article"], name="event_article_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.event}"

    def claim(self) -> tuple[int | None, int | None, int | None, str]:
        """(year, month, day, precision) this report claims; a bare
        ``reported_date`` (typed by hand) is a day."""
        return self.claim_of(
            self.reported_date,
            self.reported_year,
            self.reported_month,
            self.reported_day,
            self.reported_precision,
        )

    CLAIM_FIELDS = (
        "reported_date",
        "reported_year",
        "reported_month",
        "reported_day",
        "reported_precision",
    )

    @staticmethod
    def claim_of(reported_date, year, month, day, precision) -> tuple:
        """``claim()`` from the columns of ``CLAIM_FIELDS`` (rows, not models)."""
        if precision:
            return year, month, day, precision
        if reported_date is not None:
            return reported_date.year, reported_date.month, reported_date.day, DatePrecision.DAY
        return None, None, None, ""


class ExtractionRun(models.Model):
    """One run of the event extractor over articles (a background task):
    its progress while it runs, and its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    reason = models.CharField(_("started by"), max_length=100, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    article_ids = models.JSONField(
        _("articles"), null=True, blank=True, help_text=_("Empty: every article.")
    )
    total = models.PositiveIntegerField(_("articles to read"), default=0)
    done = models.PositiveIntegerField(_("articles read"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("extraction run")
        verbose_name_plural = _("extraction runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class SourceTally(models.Model):
    """How many published articles each source stands behind (any role, each
    article once): what the public's ``sources/`` counts. Kept by database
    triggers on source links and articles (migration 0009)."""

    source = models.OneToOneField(
        Source, primary_key=True, on_delete=models.CASCADE, related_name="tally"
    )
    published_articles = models.IntegerField(_("published articles"), default=0)

    class Meta:
        verbose_name = _("source tally")

    def __str__(self) -> str:
        return f"{self.source_id}: {self.published_articles}"


class Change(models.Model):
    """One change of a curated resource, as one audience sees it: what the
    changes feed (``/api/v1/changes/``) serves. Written by database triggers
    in the same transaction as the change (``archive.changes``); never by hand.
    The id is the feed's cursor: it only grows."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("the public (curated data)")
        STAFF = "staff", _("staff (everything)")

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")

    id = models.BigAutoField(primary_key=True)
    audience = models.CharField(_("audience"), max_length=6, choices=Audience)
    resource = models.CharField(_("resource"), max_length=30)
    object_id = models.BigIntegerField(_("object id"))
    key = models.CharField(_("key"), max_length=200, help_text=_("The id or slug in its URL."))
    kind = models.CharField(_("kind"), max_length=7, choices=Kind)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [
            # A page of a feed: one range scan of its audience's index on id. (Not
            # an index on (audience, id): PostgreSQL would rather scan the primary
            # key and skip the other audience's rows, however many lie between.)
            *(
                models.Index(
                    fields=["id"], condition=Q(audience=audience), name=f"change_{audience}_idx"
                )
                for audience in ("public", "staff")
            ),
            models.Index(fields=["at"], name="change_at_idx"),  # pruning
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.audience} {self.kind} {self.resource} {self.key}"


class ImportRecord(models.Model):
    """One load started from the admin: who uploaded what, when, and what
    became of each item (the per-item report ``load_seeds`` prints)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    files = models.JSONField(_("files"), default=list, help_text=_("The names uploaded."))
    publish = models.BooleanField(_("publish"), default=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    total = models.IntegerField(_("items to load"), default=0)
    done = models.IntegerField(_("items loaded"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    report = models.JSONField(
        _("report"),
        default=list,
        blank=True,
        help_text=_("One line per item: name, status, detail."),
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        names = ", ".join(self.files[:3]) + ("…" if len(self.files) > 3 else "")
        return f"{names} ({self.get_status_display()})"


class ExportJob(models.Model):
    """A large export written to a file in the background (``api.export_jobs``):
    who asked, for what, and the file it made, with its size and SHA-256."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Kind(models.TextChoices):
        ARTICLES = "articles", _("articles")
        ANNOTATIONS = "annotations", _("annotations")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("created by"),
        help_text=_("Empty for an anonymous request: the job sees what the public sees."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    format = models.CharField(_("format"), max_length=10)
    params = models.JSONField(_("query parameters"), default=dict, blank=True)
    base_url = models.CharField(_("base URL"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    file = models.CharField(_("file"), max_length=300, blank=True)
    size = models.BigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} ({self.status})"

    @property
    def filename(self) -> str:
        return f"{self.kind}.{self.format}"
