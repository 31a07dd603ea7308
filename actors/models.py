"""People, organisations and places, their names, and where articles name them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.matching import match_key
from archive import curation
from archive.curation import CuratedQuerySet
from archive.models import Article, TimeStampedModel


class Actor(TimeStampedModel):
    """Someone or something the articles name: a minister, the SDF, Ankara."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")
        ARMED_GROUP = "armed_group", _("armed group")
        STATE_BODY = "state_body", _("state body")
        COUNTRY = "country", _("country")
        PLACE = "place", _("place")
        OUTLET = "outlet", _("outlet")

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("For the API: ?actor=sdf.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata item id, like Q1234."))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name_en", "name_ar", "id"]
        indexes = [models.Index(fields=["updated_at", "id"], name="actor_updated_idx")]
        permissions = [("merge_actor", _("Can merge two actors"))]

    def __str__(self) -> str:
        return f"{self.name_ar} ({self.name_en})" if self.name_en else self.name_ar

    @property
    def wikidata_iri(self) -> str:
        return f"http://www.wikidata.org/entity/{self.wikidata_id}" if self.wikidata_id else ""


class Alias(models.Model):
    """One spelling of an actor's name, Arabic or Latin: قسد, قوات سوريا الديمقراطية, SDF."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("actor")
    )
    text = models.CharField(_("spelling"), max_length=200)
    normalized = models.CharField(
        _("normalised spelling"),
        max_length=200,
        editable=False,
        db_index=True,
        help_text=_("What the matcher compares: spelling variants folded, Latin in lower case."),
    )
    allows_article = models.BooleanField(
        _("may take ال"),
        default=True,
        help_text=_(
            "Off for names whose form with the article is another word: السورية is "
            "“the Syrian”, not سورية."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["actor_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "normalized"], name="alias_actor_unique")
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.text = self.text.strip()
        self.normalized = match_key(self.text)  # derived: never disagrees with the spelling
        super().save(*args, **kwargs)

    @property
    def script(self) -> str:
        return "ar" if any("\u0600" <= c <= "\u06ff" for c in self.text) else "latin"


class Role(models.Model):
    """A position a person holds, over a time when known (defence minister from 2023)."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    title_ar = models.CharField(_("Arabic title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="role_holders",
        verbose_name=_("organisation"),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["actor_id", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="role_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ar


class MentionQuerySet(CuratedQuerySet):
    curated_as = "mention"

    def visible_to(self, viewer: curation.Viewer, **kwargs) -> MentionQuerySet:
        """The mentions ``viewer`` sees, each naming an actor (never an
        ambiguous one, which names no actor yet)."""
        return super().visible_to(viewer, **kwargs).filter(actor__isnull=False)

    def confirmed(self) -> MentionQuerySet:
        return self.filter(status=Mention.Status.CONFIRMED)

    def curated(self) -> MentionQuerySet:
        """What the public sees: confirmed mentions in published articles."""
        return self.filter(curation.PUBLIC["mention"])

    def ambiguous(self) -> MentionQuerySet:
        return self.filter(actor__isnull=True)


class Mention(TimeStampedModel):
    """An actor named in ``article.body``: ``quote == body[start:end]`` (code
    points), the name itself without its proclitics. Found by the matcher
    (suggested); an editor confirms or rejects it. An ambiguous one has no
    actor until an editor picks one of its ``candidates``. Writes go through
    ``actors.services``."""

    CONTEXT_LENGTH = 40

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("article")
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mentions",
        verbose_name=_("actor"),
        help_text=_("Empty while the alias is ambiguous: pick one of the candidates."),
    )
    candidates = models.ManyToManyField(
        Actor, blank=True, related_name="candidate_mentions", verbose_name=_("candidates")
    )
    alias = models.ForeignKey(
        Alias,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
        verbose_name=_("alias matched"),
    )
    matched_alias = models.CharField(
        _("alias as matched"), max_length=200, blank=True, help_text=_("Normalised.")
    )
    start = models.PositiveIntegerField(_("start"), help_text=_("Code-point offset into the body."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Code-point offset, exclusive."))
    quote = models.CharField(_("quote"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUGGESTED)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions_reviewed",
        verbose_name=_("confirmed or rejected by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed or rejected at"), null=True, blank=True)

    objects = MentionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="mention_span_unique"),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="mention_start_before_end"
            ),
        ]
        indexes = [
            # Per actor, what the public sees: counts, filters, co-mentions.
            models.Index(fields=["actor", "status", "article"], name="mention_actor_status_idx"),
            models.Index(fields=["status", "article"], name="mention_status_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.quote} → {self.actor or '?'}"

    def clean(self) -> None:
        """The quote must be exactly the body between the offsets."""
        from archive.spans import check_quote

        super().clean()
        if self.article_id is None or self.start is None or self.end is None:
            return
        check_quote(self.article.body, self.start, self.end, self.quote)

    def context(self, size: int | None = None) -> tuple[str, str]:
        size = size or self.CONTEXT_LENGTH
        body = self.article.body
        return body[max(0, self.start - size) : self.start], body[self.end : self.end + size]
