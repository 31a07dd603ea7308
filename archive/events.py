"""Events from the text: the one way mentions, groupings and the reports made
from them are written.

- **Extraction** (``articles_extract_events``): the extractor
  (``archive.parsing.events``) runs over article bodies; each dated event
  mention it finds becomes a *suggested* ``EventMention``. A mention is known
  by its article and its date expression's offsets: a re-run creates no
  duplicate and never touches a mention an editor confirmed, edited or
  dismissed.
- **Review** (``mention_confirm``, ``mention_dismiss``): an editor's decision.
- **Grouping** (``group_mentions``): confirmed mentions join an event of the
  same kind whose dates fit theirs (within ``WINDOW_DAYS`` for a day or a
  week, overlapping for a month or a year) when they share an actor or a
  place, use similar words, or claim the very same day; else they start a
  *suggested* event. Each article's first mention in an event becomes its
  ``EventReport``, with the date that article gives. A mention an editor
  moved (``placed_by_editor``) is never regrouped.
- **Conflicts** (``event_refresh``): an event whose reports give dates that
  cannot all be right is ``conflicting``; its dates span the claims (while
  ``dates_from_reports``).
- **Editors' grouping** (``event_confirm``, ``events_merge``,
  ``report_move_out``, ``event_split``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone, translation
from rapidfuzz import fuzz

from archive.anchoring import KEPT, Placement, Span
from archive.curation import event_is_public
from archive.models import Article, DatePrecision, Event, EventMention, EventReport
from archive.normalization import normalize_arabic
from archive.parsing.events import (
    EventExtractor,
    claim_bounds,
    claims_agree,
    claims_conflict,
    claims_span,
    date_label,
)

WINDOW_DAYS = 3
SIMILAR_WORDING = 0.6
SHARED_ARTICLE_ACTORS = 2
CHUNK = 500


@dataclass
class ExtractionReport:
    articles: int = 0
    found: int = 0
    created: int = 0
    existing: int = 0
    unresolved: int = 0  # created without a resolved date (a weekday alone, …)

    def add(self, other: ExtractionReport) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class GroupingReport:
    mentions: int = 0
    joined: int = 0  # joined an existing event
    new_events: int = 0
    ungrouped: int = 0  # no year stated and no event to join, or no date at all

    def as_dict(self) -> dict:
        return asdict(self)


def build_extractor() -> EventExtractor:
    """The extractor, knowing the places editors keep as actors (their Arabic
    spellings) besides its own list."""
    from actors.models import Actor, Alias

    places = Alias.objects.filter(
        actor__kind__in=[Actor.Kind.PLACE, Actor.Kind.COUNTRY]
    ).values_list("text", flat=True)
    return EventExtractor(places=[text for text in places if not text.isascii()])


def _context(body: str, start: int, end: int) -> tuple[str, str]:
    size = EventMention.CONTEXT_LENGTH
    return body[max(0, start - size) : start], body[end : end + size]


def _new_mentions(article: Article, found, known: set[tuple[int, int]], report: ExtractionReport):
    from archive.spans import check_quote

    for m in found:
        report.found += 1
        key = (m.date_start, m.date_end)
        if key in known:
            report.existing += 1
            continue
        check_quote(article.body, m.start, m.end, m.sentence)
        known.add(key)
        prefix, suffix = _context(article.body, m.start, m.end)
        report.created += 1
        report.unresolved += not m.date.resolved
        yield EventMention(
            article_id=article.pk,
            kind=m.kind,
            start=m.start,
            end=m.end,
            quote=m.sentence,
            prefix=prefix,
            suffix=suffix,
            date_start=m.date_start,
            date_end=m.date_end,
            date_text=m.date_text[:200],
            trigger=m.trigger[:100],
            place=m.place[:200],
            year=m.date.year,
            month=m.date.month,
            day=m.date.day,
            precision=m.date.precision,
            date_note=m.date.note[:300],
        )


def articles_extract_events(
    article_ids: Iterable[int] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    extractor: EventExtractor | None = None,
) -> ExtractionReport:
    """Suggest the dated event mentions of these articles (all when ``None``),
    ``CHUNK`` articles per transaction. ``progress(done, total)`` after each."""
    extractor = extractor or build_extractor()
    articles = Article.objects.order_by("id")
    if article_ids is not None:
        articles = articles.filter(id__in=list(article_ids))
    ids = list(articles.values_list("id", flat=True))
    report = ExtractionReport()
    for index in range(0, len(ids), CHUNK):
        chunk = ids[index : index + CHUNK]
        with transaction.atomic():
            known: dict[int, set[tuple[int, int]]] = defaultdict(set)
            keys = EventMention.objects.filter(article_id__in=chunk).values_list(
                "article_id", "date_start", "date_end"
            )
            for article_id, start, end in keys:
                known[article_id].add((start, end))
            new: list[EventMention] = []
            for article in Article.objects.filter(id__in=chunk).only("id", "body", "published_on"):
                found = extractor.extract(article.body, article.published_on)
                new.extend(_new_mentions(article, found, known[article.pk], report))
                report.articles += 1
            EventMention.objects.bulk_create(new, batch_size=1000)
        if progress is not None:
            progress(min(index + CHUNK, len(ids)), len(ids))
    return report


# ---------------------------------------------------------------------------------------
# Review.


@transaction.atomic
def mention_confirm(mention: EventMention, user, **changes) -> EventMention:
    """Confirm a mention, with an editor's changes (``kind``, ``place``,
    ``year``, ``month``, ``day``, ``precision``) if any."""
    allowed = {"kind", "place", "year", "month", "day", "precision"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
    edited = {name: value for name, value in changes.items() if getattr(mention, name) != value}
    for name, value in edited.items():
        setattr(mention, name, value)
    if edited:
        _check_date(mention)
        mention.edited = True
    mention.status = EventMention.Status.CONFIRMED
    mention.reviewed_by, mention.reviewed_at = user, timezone.now()
    mention.save()
    report = EventReport.objects.filter(mention=mention).first()
    if edited and report is not None:
        _copy_claim(report, mention)
        report.save()
        event_refresh(report.event)
    return mention


def _check_date(mention: EventMention) -> None:
    from django.core.exceptions import ValidationError

    need = {
        DatePrecision.DAY: ("month", "day"),
        DatePrecision.WEEK: ("year", "month", "day"),
        DatePrecision.MONTH: ("month",),
        DatePrecision.YEAR: ("year",),
    }.get(mention.precision, ())
    missing = [name for name in need if getattr(mention, name) is None]
    if missing:
        raise ValidationError(
            {missing[0]: f"A date of precision {mention.precision} needs its {missing[0]}."}
        )
    year = mention.year or 2024
    try:
        claim_bounds(year, mention.month or 1, mention.day or 1, mention.precision or "day")
    except ValueError as error:
        raise ValidationError({"day": f"Not a date: {error}."}) from error


@transaction.atomic
def mention_dismiss(mention: EventMention, user) -> EventMention:
    """Dismiss a mention; if it was grouped, it leaves its event (and its
    report goes, another mention of the same article taking its place)."""
    event = mention.event
    mention.status = EventMention.Status.DISMISSED
    mention.reviewed_by, mention.reviewed_at = user, timezone.now()
    mention.event = None
    mention.save()
    if event is not None:
        EventReport.objects.filter(mention=mention).delete()
        _fill_reports(event)
        event_refresh(event)
    return mention


def mentions_confirm(mentions: Iterable[EventMention], user) -> int:
    count = 0
    for mention in mentions:
        mention_confirm(mention, user)
        count += 1
    return count


def mentions_dismiss(mentions: Iterable[EventMention], user) -> int:
    count = 0
    for mention in mentions:
        mention_dismiss(mention, user)
        count += 1
    return count


# ---------------------------------------------------------------------------------------
# Grouping.


def _claim(mention: EventMention) -> tuple:
    return mention.year, mention.month, mention.day, mention.precision


def _copy_claim(report: EventReport, mention: EventMention) -> None:
    report.mention = mention
    report.reported_year, report.reported_month = mention.year, mention.month
    report.reported_day, report.reported_precision = mention.day, mention.precision
    report.reported_date_text = mention.date_text[:200]
    bounds = claim_bounds(mention.year, mention.month, mention.day, mention.precision)
    report.reported_date = (
        bounds[0] if bounds is not None and mention.precision == DatePrecision.DAY else None
    )


def _words(text: str) -> str:
    return normalize_arabic(text)


class _Profile:
    """What the grouping compares of an event: kind, dates, articles, actors,
    places and sentences."""

    def __init__(self, event: Event):
        self.event = event
        self.articles: set[int] = set()
        self.actors: set[int] = set()  # named in its sentences
        self.article_actors: dict[int, set[int]] = {}  # named anywhere in each article
        self.claims: dict[int, list[tuple]] = defaultdict(list)  # each article's dates
        self.places: set[str] = set()
        self.sentences: list[str] = []
        self.days: set = set()
        if event.place:
            self.places.add(_words(event.place))

    def add(self, mention: EventMention, actors: set[int], article_actors: set[int]) -> None:
        self.articles.add(mention.article_id)
        self.actors |= actors
        self.article_actors[mention.article_id] = article_actors
        self.claims[mention.article_id].append(_claim(mention))
        if mention.place:
            self.places.add(_words(mention.place))
        self.sentences.append(_words(mention.quote))
        if mention.precision == DatePrecision.DAY and mention.year:
            bounds = claim_bounds(*_claim(mention))
            self.days.add(bounds[0])

    def bounds_of(self, mention: EventMention):
        year = mention.year if mention.year is not None else self.event.starts_on.year
        return claim_bounds(year, mention.month, mention.day, mention.precision)

    def score(
        self, mention: EventMention, actors: set[int], article_actors: set[int]
    ) -> tuple | None:
        """How well ``mention`` fits, or ``None`` when it does not."""
        event = self.event
        if mention.kind != event.kind:
            return None
        bounds = self.bounds_of(mention)
        if bounds is None:
            return None
        slack = WINDOW_DAYS if mention.precision in (DatePrecision.DAY, DatePrecision.WEEK) else 0
        window = dt.timedelta(days=slack)
        if bounds[0] - window > event.latest_on or bounds[1] + window < event.starts_on:
            return None
        if not all(
            claims_agree(_claim(mention), c) for c in self.claims.get(mention.article_id, [])
        ):
            return None  # its own article dates this event otherwise: another event
        same_day = mention.precision == DatePrecision.DAY and bounds[0] in self.days
        shared = len(actors & self.actors)
        place = bool(mention.place) and _words(mention.place) in self.places
        in_articles = max(
            (
                len(article_actors & theirs)
                for article_id, theirs in self.article_actors.items()
                if article_id != mention.article_id
            ),
            default=0,
        )
        wording = max(
            (fuzz.token_set_ratio(_words(mention.quote), s) / 100 for s in self.sentences),
            default=0.0,
        )
        if not (
            same_day
            or shared
            or place
            or in_articles >= SHARED_ARTICLE_ACTORS
            or wording >= SIMILAR_WORDING
        ):
            return None
        return (same_day, shared, place, in_articles, wording)


def _actors_by_mention(
    mentions: list[EventMention],
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """The actors named inside each mention's sentence, and in each article
    (any mention of an actor an editor has not rejected)."""
    from actors.models import Mention

    by_article: dict[int, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    found: dict[int, set[int]] = {mention.pk: set() for mention in mentions}
    in_article: dict[int, set[int]] = {article_id: set() for article_id in by_article}
    rows = (
        Mention.objects.filter(article_id__in=list(by_article), actor__isnull=False)
        .exclude(status=Mention.Status.REJECTED)
        .values_list("article_id", "start", "end", "actor_id")
    )
    for article_id, start, end, actor_id in rows.iterator():
        in_article[article_id].add(actor_id)
        for mention in by_article[article_id]:
            if mention.start <= start and end <= mention.end:
                found[mention.pk].add(actor_id)
    return found, in_article


class _Index:
    """Events by kind and calendar month (any year), so a mention is compared
    with the events near its date only, not with every event."""

    def __init__(self, profiles: Iterable[_Profile]):
        self._by: dict[tuple[str, int], list[_Profile]] = defaultdict(list)
        for profile in profiles:
            self.add(profile)

    def add(self, profile: _Profile) -> None:
        event = profile.event
        first = event.starts_on - dt.timedelta(days=WINDOW_DAYS)
        last = (event.latest_on or event.starts_on) + dt.timedelta(days=WINDOW_DAYS)
        months = (last.year - first.year) * 12 + last.month - first.month
        for step in range(min(months, 11) + 1):
            month = (first.month - 1 + step) % 12 + 1
            self._by[(event.kind, month)].append(profile)

    def candidates(self, mention: EventMention) -> list[_Profile]:
        if mention.month is None:  # a year: every month of it
            months = range(1, 13)
        else:
            months = (mention.month,)
        seen: dict[int, _Profile] = {}
        for month in months:
            for profile in self._by.get((mention.kind, month), ()):
                seen.setdefault(profile.event.pk, profile)
        return list(seen.values())


_FINENESS = {DatePrecision.DAY: 0, DatePrecision.WEEK: 1, DatePrecision.MONTH: 2, "year": 3}


def _title(mention: EventMention) -> str:
    words = mention.quote.split()
    title = ""
    for word in words:
        if len(title) + len(word) + 1 > 200:
            return title + " …"
        title = f"{title} {word}".strip()
    return title


def _title_en(mention: EventMention, start, precision: str) -> str:
    with translation.override("en"):
        kind = str(Event.Kind(mention.kind).label)
    day = date_label(start.year, start.month, start.day, precision)
    return f"{kind.capitalize()}, {day}"


@transaction.atomic
def group_mentions() -> GroupingReport:
    """Group the confirmed mentions no event holds yet (see the module's doc)."""
    report = GroupingReport()
    pending = list(
        EventMention.objects.filter(
            status=EventMention.Status.CONFIRMED,
            event__isnull=True,
            placed_by_editor=False,
            flagged=False,
        ).select_related("article")
    )
    if not pending:
        return report
    report.mentions = len(pending)
    kinds = {mention.kind for mention in pending}
    events = list(Event.objects.filter(kind__in=kinds))
    members = list(
        EventMention.objects.filter(event__in=events).exclude(status=EventMention.Status.DISMISSED)
    )
    actors, article_actors = _actors_by_mention(pending + members)
    profiles = {event.pk: _Profile(event) for event in events}
    for member in members:
        profiles[member.event_id].add(member, actors[member.pk], article_actors[member.article_id])
    for event_id, article_id in EventReport.objects.filter(event__in=events).values_list(
        "event_id", "article_id"
    ):
        profiles[event_id].articles.add(article_id)
    index = _Index(profiles.values())
    touched: set[int] = set()
    pending.sort(
        key=lambda m: (
            _FINENESS.get(m.precision, 9),
            m.year is None,
            m.article.published_on or m.article.created_at.date(),
            m.article_id,
            m.start,
        )
    )
    for mention in pending:
        if not mention.precision:
            report.ungrouped += 1
            continue
        mine, in_article = actors[mention.pk], article_actors[mention.article_id]
        scored = [
            (score, profile)
            for profile in index.candidates(mention)
            if (score := profile.score(mention, mine, in_article)) is not None
        ]
        if scored:
            _score, profile = max(scored, key=lambda item: (item[0], -item[1].event.pk))
            report.joined += 1
        else:
            span = claims_span([_claim(mention)])
            if span is None:  # no year stated, and no event to join
                report.ungrouped += 1
                continue
            start, end, precision = span
            event = Event.objects.create(
                title=_title(mention),
                title_en=_title_en(mention, start, precision),
                kind=mention.kind,
                starts_on=start,
                ends_on=end,
                date_precision=precision,
                place=mention.place,
                status=Event.Status.SUGGESTED,
                dates_from_reports=True,
            )
            profile = profiles[event.pk] = _Profile(event)
            index.add(profile)
            report.new_events += 1
        _attach(mention, profile.event, reported=mention.article_id in profile.articles)
        profile.add(mention, mine, in_article)
        touched.add(profile.event.pk)
    for event in Event.objects.filter(pk__in=touched):
        event_refresh(event)
    return report


def _attach(mention: EventMention, event: Event, *, reported: bool) -> None:
    """Put ``mention`` in ``event``; it becomes its article's report unless
    the article already has one there."""
    mention.event = event
    mention.save(update_fields=["event", "updated_at"])
    if not reported:
        report = EventReport(event=event, article_id=mention.article_id)
        _copy_claim(report, mention)
        report.save()


def _fill_reports(event: Event) -> None:
    """After a report left: each article with a mention still in the event
    but no report gets one from its first such mention."""
    reported = set(event.reports.values_list("article_id", flat=True))
    for mention in event.mentions.exclude(status=EventMention.Status.DISMISSED).order_by(
        "article_id", "start"
    ):
        if mention.article_id not in reported:
            report = EventReport(event=event, article_id=mention.article_id)
            _copy_claim(report, mention)
            report.save()
            reported.add(mention.article_id)


def event_refresh(event: Event, *, prune: bool = True) -> Event | None:
    """Mark the event conflicting when its reports disagree (all of them, and
    those of published articles: what the public sees), and let its dates
    span the claims while ``dates_from_reports`` (the published reports'
    claims when there are any, so a draft's date never shows in public). An
    event the archive suggested that has no report left is deleted (``None``)
    when ``prune``. Whether the public sees it is decided here too
    (``archive.curation.event_is_public``)."""
    reports = list(event.reports.select_related("article").only("article__status", *_CLAIM))
    if (
        prune
        and not reports
        and event.status == Event.Status.SUGGESTED
        and event.dates_from_reports
    ):
        event.mentions.update(event=None)
        event.delete()
        return None
    derived = ("conflicting", "conflicting_published", "is_public", *_DATES)
    before = [getattr(event, name) for name in derived]
    claims = [report.claim() for report in reports]
    published = [r.claim() for r in reports if r.article.status == Article.Status.PUBLISHED]
    event.conflicting = claims_conflict(claims)
    event.conflicting_published = claims_conflict(published)
    event.is_public = event_is_public(event.status, [r.article.status for r in reports])
    fields = ["conflicting", "conflicting_published", "is_public", "updated_at"]
    if event.dates_from_reports:
        span = claims_span(published) or claims_span(claims)
        if span is not None:
            event.starts_on, event.ends_on, event.date_precision = span
            fields += _DATES
    if [getattr(event, name) for name in derived] != before:  # else nothing to say
        event.save(update_fields=fields)
    return event


_DATES = ["starts_on", "ends_on", "date_precision"]


_CLAIM = (
    "event_id",
    "reported_date",
    "reported_year",
    "reported_month",
    "reported_day",
    "reported_precision",
)


def article_status_changed(article: Article) -> None:
    """Publishing or unpublishing an article changes what its events'
    published reports say."""
    for event in Event.objects.filter(reports__article=article).distinct():
        event_refresh(event)


# ---------------------------------------------------------------------------------------
# The editors' grouping.


def event_confirm(event: Event, user) -> Event:
    event.status = Event.Status.CONFIRMED
    event.save(update_fields=["status", "updated_at"])
    return event_refresh(event)


@transaction.atomic
def events_merge(target: Event, others: Iterable[Event], user) -> Event:
    """One event of ``target`` and ``others``: their mentions and reports move
    to ``target`` (an article reported twice keeps ``target``'s report), the
    others are deleted."""
    for other in others:
        if other.pk == target.pk:
            continue
        reported = set(target.reports.values_list("article_id", flat=True))
        for report in other.reports.all():
            if report.article_id in reported:
                report.delete()
            else:
                report.event = target
                report.save(update_fields=["event"])
                reported.add(report.article_id)
        other.mentions.update(event=target, placed_by_editor=True)
        other.delete()
    target.mentions.update(placed_by_editor=True)
    event_refresh(target)
    return target


@transaction.atomic
def report_move_out(report: EventReport, user) -> Event:
    """The report (and its article's mentions in the event) leaves for an
    event of its own, suggested, dated by it."""
    source = report.event
    mentions = list(source.mentions.filter(article_id=report.article_id))
    start, end, precision = claims_span([report.claim()]) or (
        source.starts_on,
        source.ends_on,
        source.date_precision,
    )
    evidence = report.mention
    event = Event.objects.create(
        title=_title(evidence) if evidence else source.title,
        title_en=_title_en(evidence, start, precision) if evidence else source.title_en,
        kind=source.kind,
        starts_on=start,
        ends_on=end,
        date_precision=precision,
        place=evidence.place if evidence else "",
        status=Event.Status.SUGGESTED,
        dates_from_reports=True,
    )
    report.event = event
    report.save(update_fields=["event"])
    EventMention.objects.filter(pk__in=[m.pk for m in mentions]).update(
        event=event, placed_by_editor=True
    )
    event_refresh(event)
    event_refresh(source)  # deleted if the archive suggested it and nothing is left
    return event


@transaction.atomic
def event_split(event: Event, user) -> list[Event]:
    """Every report but the first (by article) in an event of its own."""
    reports = list(event.reports.order_by("article_id"))
    moved = [report_move_out(report, user) for report in reports[1:]]
    event.mentions.update(placed_by_editor=True)
    return [event, *moved]


# ---------------------------------------------------------------------------------------
# Re-anchoring the evidence when a body changes (``archive.spans``).


class EventMentionSpans:
    """Every event mention of the article: the sentence, with its date
    expression inside it."""

    name = "event_mentions"

    def spans(self, article: Article) -> list[Span]:
        mentions = EventMention.objects.filter(article=article).select_for_update().order_by("id")
        return [Span(m, m.start, m.end, m.quote, m.prefix, m.suffix) for m in mentions]

    def apply(self, article: Article, placements: list[Placement], user, old_body: str) -> None:
        body = article.body
        for placement in placements:
            mention: EventMention = placement.span.key
            if placement.orphaned:
                _orphan(mention, placement.reason)
                continue
            if placement.method == KEPT and not mention.flagged:
                continue
            offset = mention.date_start - mention.start
            date_start = placement.start + offset
            if body[date_start : date_start + len(mention.date_text)] != mention.date_text:
                found = placement.quote.find(mention.date_text)
                if found < 0:
                    _orphan(mention, "its date is no longer in its sentence")
                    continue
                date_start = placement.start + found
            mention.start, mention.end, mention.quote = (
                placement.start,
                placement.end,
                placement.quote,
            )
            mention.date_start, mention.date_end = date_start, date_start + len(mention.date_text)
            mention.prefix, mention.suffix = _context(body, mention.start, mention.end)
            mention.flagged, mention.flag_reason = False, ""
            if placement.quote_changed and mention.status == EventMention.Status.CONFIRMED:
                mention.status = EventMention.Status.SUGGESTED  # its sentence changed: review
            mention.save()


def _orphan(mention: EventMention, reason: str) -> None:
    mention.flagged = True
    mention.flag_reason = f"The text changed: {reason}"[:300]
    if mention.status == EventMention.Status.CONFIRMED:
        mention.status = EventMention.Status.SUGGESTED
    mention.save(update_fields=["flagged", "flag_reason", "status", "updated_at"])
