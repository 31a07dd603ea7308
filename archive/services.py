"""Writes to articles and sources. The loader, the admin and the shell all
come through here."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from archive.anchoring import ORPHAN, OffsetMap, reanchor
from archive.importers import ItemDetails
from archive.importers.urls import url_host
from archive.models import Article, ArticleSource, DatePrecision, Source
from archive.normalization import normalize_arabic
from archive.parsing import ArticleFile, ParsedArticle, ParsedDate, SourceMention
from archive.signals import article_bodies_changed
from archive.spans import span_kinds


def source_for_mention(mention: SourceMention, cache: dict[str, Source] | None = None) -> Source:
    """The one source a mention names, created on first sight.

    Unique by normalised name, so ``سانا`` seen twice, or spelt with a
    diacritic, is one source.
    """
    key = normalize_arabic(mention.name).strip()
    if cache is not None and key in cache:
        return cache[key]
    source = Source.objects.filter(normalized_name=key).first()
    if source is None:
        source = Source(
            name=mention.name,
            name_en=mention.name_en,
            kind=mention.kind if mention.kind in Source.Kind.values else Source.Kind.OTHER,
            slug=_unique_source_slug(mention.name_en or mention.name),
        )
        source.save()
    if cache is not None:
        cache[key] = source
    return source


def _unique_source_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True)[:180] or "source"
    slug, n = base, 2
    while Source.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def parsed_date_to_datetime(parsed: ParsedDate | None) -> dt.datetime | None:
    """An aware datetime for a stated time, read in the zone the text states,
    else in ``ARCHIVE_SOURCE_TIME_ZONE``; ``None`` when only a day is stated."""
    if parsed is None or parsed.time is None:
        return None
    naive = dt.datetime.combine(parsed.date, parsed.time)
    if parsed.utc_offset_minutes is not None:
        zone: dt.tzinfo = dt.timezone(dt.timedelta(minutes=parsed.utc_offset_minutes))
    else:
        zone = zoneinfo.ZoneInfo(settings.ARCHIVE_SOURCE_TIME_ZONE)
    return naive.replace(tzinfo=zone).astimezone(dt.UTC)


def article_fields(parsed: ParsedArticle, search_fields: tuple[str, str] | None = None) -> dict:
    """The article columns the loader derives from a parsed file.

    ``search_fields`` (``search_text``, ``rank_terms``) are included only when
    given (the loader's worker computes them for the bulk inserts, which
    bypass ``Article.save()``); otherwise ``Article.save()`` derives them from
    the title, summary and body as saved.
    """
    published, updated = parsed.published, parsed.updated
    fields = {
        "title": parsed.title[:500],
        "title_derived": parsed.title_derived,
        "summary": parsed.summary,
        "caption": parsed.caption,
        "byline": parsed.byline[:300],
        "body": parsed.body,
        "published_on": published.date if published else None,
        "published_at": parsed_date_to_datetime(published),
        "published_precision": published.precision if published else "",
        "published_text": published.text[:300] if published else "",
        "source_updated_at": parsed_date_to_datetime(updated),
        "source_updated_text": updated.text[:300] if updated else "",
        "hijri_date_text": parsed.hijri_text[:100],
        "loader_findings": parsed.findings_record(),
    }
    if search_fields is not None:
        fields["search_text"], fields["rank_terms"] = search_fields
    return fields


def import_fields(details: ItemDetails | None) -> dict:
    """The article columns an imported item states beyond its text."""
    if details is None:
        return {}
    return {"url": details.url, "meta": details.meta, "language": details.language or "ar"}


def publisher_for(
    site_name: str, url: str, cache: dict[str, Source] | None = None
) -> Source | None:
    """The outlet that published an imported article: the source whose web site
    is the URL's host, else the one named ``site_name`` (which then learns its
    web site), else a new source of kind outlet. ``None`` when the item names
    neither a site nor an address."""
    host = url_host(url) if url else ""
    name = " ".join(site_name.split())[:200]
    if not host and not name:
        return None
    key = f"publisher\n{host}\n{normalize_arabic(name).strip()}"
    if cache is not None and key in cache:
        return cache[key]
    source = Source.objects.filter(domain=host).order_by("id").first() if host else None
    if source is None and name:
        source = Source.objects.by_name(name).first()
        if source is not None and host and not source.domain:
            source.domain = host
            source.save(update_fields=["domain", "updated_at"])
    if source is None:
        source = Source(
            name=name or host,
            kind=Source.Kind.OUTLET,
            domain=host,
            slug=_unique_source_slug(host or name),
        )
        source.save()
    if cache is not None:
        cache[key] = source
    return source


def article_source_rows(
    article: Article,
    parsed: ParsedArticle,
    cache: dict[str, Source] | None = None,
    details: ItemDetails | None = None,
) -> list[ArticleSource]:
    """Unsaved publisher, attribution and citation links for ``parsed`` (and the
    site an import names), one per source and role."""
    links: dict[tuple[int, str], ArticleSource] = {}
    publisher = publisher_for(details.site_name, details.url, cache) if details else None
    if publisher is not None:
        role = ArticleSource.Role.PUBLISHER
        links[(publisher.pk, role)] = ArticleSource(article=article, source=publisher, role=role)
    for role, mentions in (
        (ArticleSource.Role.ATTRIBUTION, parsed.attributions),
        (ArticleSource.Role.CITED, parsed.cited_sources),
    ):
        for mention in mentions:
            source = source_for_mention(mention, cache)
            links.setdefault(
                (source.pk, role), ArticleSource(article=article, source=source, role=role)
            )
    return list(links.values())


def article_create(
    file: ArticleFile,
    *,
    publish: bool = False,
    cache: dict[str, Source] | None = None,
    details: ItemDetails | None = None,
) -> Article:
    """Create the article for a file not seen before, with its source links."""
    with transaction.atomic():
        article = Article(
            **article_fields(file.parsed),
            **import_fields(details),
            raw_text=file.raw_text,
            source_file=file.source_file,
            content_hash=file.content_hash,
            status=Article.Status.PUBLISHED if publish else Article.Status.DRAFT,
        )
        article.full_clean()
        article.save()
        ArticleSource.objects.bulk_create(article_source_rows(article, file.parsed, cache, details))
    return article


def article_update_from_file(
    article: Article,
    file: ArticleFile,
    *,
    publish: bool = False,
    cache: dict[str, Source] | None = None,
    details: ItemDetails | None = None,
) -> BodyChange:
    """Bring ``article`` up to date with a changed file.

    What an editor set where the file says nothing is kept: a date given to an
    undated article, a title given in place of a derived one. The new body
    goes through ``change_article_body``, which re-anchors every passage.
    """
    with transaction.atomic():
        fields = {**article_fields(file.parsed), **import_fields(details)}
        new_body = fields.pop("body")
        if file.parsed.published is None and article.published_on is not None:
            for name in ("published_on", "published_at", "published_precision", "published_text"):
                fields.pop(name)
        if file.parsed.title_derived and not article.title_derived:
            fields.pop("title")
            fields.pop("title_derived")
        for name, value in fields.items():
            setattr(article, name, value)
        article.raw_text = file.raw_text
        article.content_hash = file.content_hash
        if publish:
            article.status = Article.Status.PUBLISHED
        change = change_article_body(article, new_body)
        roles = [ArticleSource.Role.ATTRIBUTION, ArticleSource.Role.CITED]
        if details is not None:
            roles.append(ArticleSource.Role.PUBLISHER)
        article.source_links.filter(role__in=roles).delete()
        ArticleSource.objects.bulk_create(article_source_rows(article, file.parsed, cache, details))
        return change


@dataclass(frozen=True)
class BodyChange:
    """What changing an article's body did to the passages pointing into it:
    for each kind of passage (``archive.spans``), how many were placed each
    way (``kept``, ``shifted``, ``exact``, ``fuzzy``, ``orphan``)."""

    article: Article
    changed: bool
    counts: dict[str, Counter] = field(default_factory=dict)

    METHODS = ("kept", "shifted", "exact", "fuzzy", ORPHAN)

    def count(self, kind: str, method: str) -> int:
        return self.counts.get(kind, Counter())[method]

    def summary(self) -> str:
        """One line, e.g. ``annotations: 3 kept, 1 shifted, 1 fuzzy, 1 orphan``."""
        if not self.changed:
            return "text unchanged"
        parts = []
        for kind, counts in self.counts.items():
            placed = ", ".join(f"{counts[m]} {m}" for m in self.METHODS if counts[m])
            if placed:  # a kind the article has none of goes unsaid
                parts.append(f"{kind}: {placed}")
        return "; ".join(parts) or "no passages"


def change_article_body(article: Article, new_body: str, user=None) -> BodyChange:
    """Change ``article.body`` to ``new_body``: the one way an article's text
    changes (the loader, the admin, the API and the shell all call it).

    Saves the article, with any other field the caller changed on it, after
    ``full_clean()``; then, in the same transaction, re-anchors every
    registered kind of passage (``archive.spans``) with
    ``archive.anchoring.reanchor``. ``user`` is who edits (``None`` for the
    loader); the history records them. Once committed, a changed body is
    announced (``archive.signals.article_bodies_changed``). Raises
    ``ValidationError`` (nothing written) on an invalid article, e.g. an
    empty body.
    """
    with transaction.atomic():
        old_body = (
            Article.objects.select_for_update().values_list("body", flat=True).get(pk=article.pk)
        )
        article.body = new_body
        article.full_clean()
        if user is not None:
            article._history_user = user
        article.save(body_change=True)
        if old_body == new_body:
            return BodyChange(article, changed=False)
        _announce_body_change(article.pk)
        offsets = OffsetMap(old_body, new_body)
        counts: dict[str, Counter] = {}
        for kind in span_kinds():
            spans = list(kind.spans(article))
            placements = reanchor(old_body, new_body, spans, offset_map=offsets)
            kind.apply(article, placements, user, old_body)
            counts[kind.name] = Counter(placement.method for placement in placements)
    return BodyChange(article, changed=True, counts=counts)


_LATER = threading.local()


def _announce_body_change(article_id: int) -> None:
    """Once the current transaction commits (nothing if it rolls back), and
    unless within ``body_changes_announced_later()``."""
    if not getattr(_LATER, "active", False):
        transaction.on_commit(
            lambda: article_bodies_changed.send(
                sender=change_article_body, article_ids=[article_id]
            )
        )


@contextmanager
def body_changes_announced_later() -> Iterator[None]:
    """Within it, ``change_article_body`` announces nothing: the caller
    announces every new text it wrote, at its end, in one signal (a load: one
    matcher run for the load, not one per file)."""
    outer = getattr(_LATER, "active", False)
    _LATER.active = True
    try:
        yield
    finally:
        _LATER.active = outer


_KEEP = object()


def article_set_publication(
    article: Article,
    *,
    on: dt.date | None,
    precision: str = DatePrecision.DAY,
    text: str = "",
    at: dt.datetime | None | object = _KEEP,
    user=None,
) -> Article:
    """Set an article's publication date, time and precision together, so that
    ``published_on`` and ``published_at`` never contradict: the one way an
    editor (the admin, the shell) dates an article.

    ``at`` is a stated instant (aware); it must fall on ``on`` in the source's
    zone (``ARCHIVE_SOURCE_TIME_ZONE``) and makes the precision ``minute``.
    Left out, the stored time is kept only while the date stays the one it was
    stated for; a new date, or no date, drops it (the time was the source's
    statement about the old day), and a precision of ``minute`` without a time
    becomes ``day``. Saves the article, with any other field the caller
    changed on it, after ``full_clean()``; raises ``ValidationError`` (nothing
    written) otherwise.
    """
    stored = (
        Article.objects.filter(pk=article.pk).values("published_on", "published_at").first()
        if article.pk is not None
        else None
    ) or {"published_on": None, "published_at": None}
    if at is _KEEP:
        at = stored["published_at"] if on is not None and on == stored["published_on"] else None
    if at is not None:
        local_day = at.astimezone(zoneinfo.ZoneInfo(settings.ARCHIVE_SOURCE_TIME_ZONE)).date()
        if on != local_day:
            raise ValidationError(
                {
                    "published_on": _("The stated time %(at)s falls on %(day)s, not on %(on)s.")
                    % {"at": at.isoformat(), "day": local_day, "on": on}
                }
            )
        precision = DatePrecision.MINUTE
    elif precision == DatePrecision.MINUTE:
        precision = DatePrecision.DAY
    article.published_on = on
    article.published_at = at
    article.published_precision = precision if on is not None else ""
    article.published_text = text
    article.full_clean()
    if user is not None:
        article._history_user = user
    article.save()
    return article


def articles_set_status(articles: Iterable[Article], status: str) -> int:
    """Publish articles (the public API starts serving them) or take them back
    to draft. Returns how many changed; each change is kept in the history."""
    count = 0
    for article in articles:
        if article.status != status:
            article.status = status
            article.save(update_fields=["status", "updated_at"])
            count += 1
    return count
