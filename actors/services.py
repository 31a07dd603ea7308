"""Every write to actors, aliases and mentions goes through here: the admin,
the tasks, the management command and the shell alike.

Finding mentions (``articles_find_mentions``) is safe to re-run. What the
matcher finds becomes a *suggested* mention; an editor's decision is kept:

- a confirmed or rejected mention whose quote is still at its offsets stays
  as it is, whatever the matcher now finds (a rejected one is not suggested
  again; a confirmed one outlives the removal of its alias);
- one whose quote has moved (the body changed) follows it when the matcher
  finds that quote for that actor exactly once in the new body; otherwise it
  is deleted (its history is kept) and the matcher's findings are suggested
  afresh, never pinned silently onto other text;
- suggestions the matcher no longer makes are deleted, new ones created.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, update_change_reason

from actors.matching import AliasSpec, Match, Matcher, match_key
from actors.models import Actor, Alias, Mention
from archive.models import Article
from archive.normalization import normalize_arabic

Status = Mention.Status
CHUNK = 500


def matcher_from_database() -> Matcher:
    """One automaton over every alias in the archive."""
    return Matcher(
        AliasSpec(text, actor_id, allows_article, ref=pk)
        for pk, text, actor_id, allows_article in Alias.objects.order_by("actor_id", "id")
        .values_list("pk", "text", "actor_id", "allows_article")
        .iterator(chunk_size=2000)
    )


@dataclass
class MentionReport:
    articles: int = 0
    created: int = 0
    removed: int = 0
    kept: int = 0
    moved: int = 0

    def add(self, other: MentionReport) -> None:
        for name in ("articles", "created", "removed", "kept", "moved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def __str__(self) -> str:
        return (
            f"{self.articles} article(s): {self.created} mention(s) suggested, "
            f"{self.removed} removed, {self.moved} moved, {self.kept} unchanged."
        )


def articles_find_mentions(
    article_ids: Iterable[int] | None = None,
    *,
    matcher: Matcher | None = None,
    on_progress: Callable[[int], None] = lambda done: None,
) -> MentionReport:
    """Run the matcher over ``article_ids`` (default: every article), a chunk
    of articles per transaction; ``on_progress`` gets the number done so far."""
    matcher = matcher or matcher_from_database()
    report = MentionReport()
    if article_ids is None:
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(article_ids))
    for index in range(0, len(ids), CHUNK):
        chunk = ids[index : index + CHUNK]
        with transaction.atomic():
            report.add(_find_in_chunk(chunk, matcher))
        on_progress(min(index + CHUNK, len(ids)))
    return report


def article_find_mentions(article: Article, *, matcher: Matcher | None = None) -> MentionReport:
    """Run the matcher over one article (after its body changed, say)."""
    return articles_find_mentions([article.pk], matcher=matcher)


@dataclass
class _Plan:
    create: list[tuple[Match, tuple]]  # (match, candidate actor ids)
    delete: list[int]
    move: list[Mention]
    kept: int


def _find_in_chunk(article_ids: Sequence[int], matcher: Matcher) -> MentionReport:
    bodies = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "body"))
    existing: dict[int, list[Mention]] = {pk: [] for pk in bodies}
    for mention in (
        Mention.objects.filter(article_id__in=bodies)
        .select_for_update()
        .only("id", "article_id", "actor_id", "start", "end", "quote", "status", "alias_id")
        .order_by("article_id", "start", "id")
    ):
        existing[mention.article_id].append(mention)
    candidates: dict[int, set[int]] = {}
    through = Mention.candidates.through
    for mention_id, actor_id in through.objects.filter(mention__article_id__in=bodies).values_list(
        "mention_id", "actor_id"
    ):
        candidates.setdefault(mention_id, set()).add(actor_id)

    report = MentionReport(articles=len(bodies))
    new: list[Mention] = []
    new_candidates: list[tuple[Mention, tuple]] = []
    deletions: list[int] = []
    moves: list[Mention] = []
    for article_id, body in bodies.items():
        plan = _plan(body, matcher.find(body), existing[article_id], candidates)
        report.kept += plan.kept
        deletions.extend(plan.delete)
        moves.extend(plan.move)
        for match, actors in plan.create:
            if len(match.quote) > Mention._meta.get_field("quote").max_length:
                continue  # a name spelt with more marks than a quote holds: never cut short
            mention = Mention(
                article_id=article_id,
                actor_id=actors[0] if len(actors) == 1 else None,
                alias_id=match.refs[0] if len(actors) == 1 else None,
                matched_alias=match.alias[:200],
                start=match.start,
                end=match.end,
                quote=match.quote,
                status=Status.SUGGESTED,
            )
            new.append(mention)
            if len(actors) > 1:
                new_candidates.append((mention, actors))
    if deletions:
        Mention.objects.filter(pk__in=deletions).delete()
    for mention in moves:
        mention.save(update_fields=["start", "end", "updated_at"])
    if new:
        bulk_create_with_history(new, Mention, batch_size=1000)
        if new_candidates:
            # bulk_create_with_history returns no ids on every database: read them back.
            spans = {
                (m.article_id, m.start, m.end): m.pk
                for m in Mention.objects.filter(
                    article_id__in={mention.article_id for mention, _ in new_candidates},
                    actor__isnull=True,
                ).only("id", "article_id", "start", "end")
            }
            through.objects.bulk_create(
                [
                    through(mention_id=spans[(m.article_id, m.start, m.end)], actor_id=actor_id)
                    for m, actors in new_candidates
                    for actor_id in actors
                ],
                ignore_conflicts=True,
            )
    report.created += len(new)
    report.removed += len(deletions)
    report.moved += len(moves)
    return report


def _plan(
    body: str, matches: list[Match], existing: list[Mention], candidates: dict[int, set[int]]
) -> _Plan:
    """What to create, delete and move so that the article's mentions are the
    matcher's findings plus the editors' decisions."""
    by_span = {(match.start, match.end): match for match in matches}
    delete: list[int] = []
    move: list[Mention] = []
    kept = 0
    reserved: set[tuple[int, int]] = set()  # spans an existing mention holds
    confirmed_spans: list[tuple[int, int]] = []
    decided = [m for m in existing if m.status != Status.SUGGESTED]
    suggested = [m for m in existing if m.status == Status.SUGGESTED]

    for mention in decided:
        span = (mention.start, mention.end)
        if body[mention.start : mention.end] == mention.quote:
            reserved.add(span)
            kept += 1
        else:
            places = [
                match
                for match in matches
                if match.quote == mention.quote
                and mention.actor_id in match.actors
                and (match.start, match.end) not in reserved
            ]
            if len(places) != 1:
                delete.append(mention.pk)
                continue
            mention.start, mention.end = places[0].start, places[0].end
            span = (mention.start, mention.end)
            reserved.add(span)
            move.append(mention)
        if mention.status == Status.CONFIRMED:
            confirmed_spans.append(span)

    for mention in suggested:
        span = (mention.start, mention.end)
        match = by_span.get(span)
        same = (
            match is not None
            and span not in reserved
            and body[mention.start : mention.end] == mention.quote
            and _actors_of(mention, candidates) == set(match.actors)
        )
        if same:
            reserved.add(span)
            kept += 1
        else:
            delete.append(mention.pk)

    create = []
    for match in matches:
        span = (match.start, match.end)
        if span in reserved:
            continue
        if any(match.start < end and start < match.end for start, end in confirmed_spans):
            continue  # an editor's confirmed mention stands there
        create.append((match, match.actors))
    return _Plan(create=create, delete=delete, move=move, kept=kept)


def _actors_of(mention: Mention, candidates: dict[int, set[int]]) -> set[int]:
    if mention.actor_id is not None:
        return {mention.actor_id}
    return candidates.get(mention.pk, set())


def articles_containing(texts: Iterable[str]) -> list[int]:
    """Ids of the articles whose body holds any of ``texts`` once normalised
    (the articles an alias edit may change), plus those with a mention
    matched through one of them."""
    keys = {match_key(text) for text in texts} - {""}
    if not keys:
        return []
    ids = set(Mention.objects.filter(matched_alias__in=keys).values_list("article_id", flat=True))
    for pk, body in Article.objects.values_list("pk", "body").iterator(chunk_size=500):
        folded = normalize_arabic(body).lower()
        if any(key in folded for key in keys):
            ids.add(pk)
    return sorted(ids)


# --- editors' decisions ---------------------------------------------------


def mention_set_status(
    mention: Mention,
    *,
    status: str,
    user: AbstractBaseUser | None,
    actor: Actor | None = None,
) -> Mention:
    """Confirm or reject a mention, or send it back to suggested. Confirming an
    ambiguous one needs ``actor``, one of its candidates. Permission checks
    belong to the caller (``actors.permissions``), which knows who asks."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    if actor is not None and actor.pk != mention.actor_id:
        allowed = set(mention.candidates.values_list("pk", flat=True))
        if mention.actor_id is not None:
            allowed.add(mention.actor_id)
        if allowed and actor.pk not in allowed:
            raise ValidationError(
                {"actor": _("“%(actor)s” is not a candidate for this mention.") % {"actor": actor}}
            )
        mention.actor = actor
    if status == Status.CONFIRMED and mention.actor_id is None:
        raise ValidationError(
            {"actor": _("This name is ambiguous: choose which actor it names before confirming.")}
        )
    mention.status = status
    if status == Status.SUGGESTED:
        mention.confirmed_by, mention.confirmed_at = None, None
    else:
        mention.confirmed_by, mention.confirmed_at = user, timezone.now()
    mention.full_clean()
    mention.save()
    return mention


def mentions_set_status(
    mentions: Iterable[Mention], *, status: str, user: AbstractBaseUser | None
) -> tuple[int, int]:
    """Confirm or reject many; returns (changed, skipped: ambiguous ones cannot be
    confirmed without choosing their actor)."""
    changed = skipped = 0
    with transaction.atomic():
        for mention in mentions:
            if status == Status.CONFIRMED and mention.actor_id is None:
                skipped += 1
                continue
            if mention.status != status:
                mention_set_status(mention, status=status, user=user)
                changed += 1
    return changed, skipped


def alias_create(actor: Actor, text: str, *, allows_article: bool = True) -> Alias:
    """Add a spelling; the matcher re-runs on the articles it may change."""
    alias = Alias(actor=actor, text=text, allows_article=allows_article)
    alias.text = alias.text.strip()
    alias.normalized = match_key(alias.text)
    if not any(character.isalpha() for character in alias.normalized):
        raise ValidationError({"text": _("A spelling needs at least one letter.")})
    alias.full_clean(exclude=["normalized"])
    if Alias.objects.filter(actor=actor, normalized=alias.normalized).exists():
        raise ValidationError(
            {"text": _("“%(actor)s” already has this spelling.") % {"actor": actor}}
        )
    alias.save()
    return alias


def actors_merge(source: Actor, target: Actor, *, user: AbstractBaseUser | None = None) -> Actor:
    """Merge ``source`` into ``target``: its aliases, mentions, candidacies and
    roles move to ``target``, then ``source`` is deleted. Every moved row and
    the deleted actor keep their history, with the merge as the reason."""
    if source.pk == target.pk:
        raise ValidationError({"target": _("An actor cannot be merged into itself.")})
    from actors.signals import aliases_edited_together

    reason = f"merged {source.slug} into {target.slug}"
    with transaction.atomic(), aliases_edited_together():
        for alias in source.aliases.all():
            if target.aliases.filter(normalized=alias.normalized).exists():
                alias.mentions.update(alias=target.aliases.get(normalized=alias.normalized))
                alias._change_reason = reason
                alias.delete()
                continue
            alias.actor = target
            alias._change_reason = reason
            alias.save()
        for mention in source.mentions.all():
            mention.actor = target
            mention._change_reason = reason
            mention.save()
        through = Mention.candidates.through
        for link in through.objects.filter(actor=source):
            if not through.objects.filter(mention_id=link.mention_id, actor=target).exists():
                through.objects.create(mention_id=link.mention_id, actor=target)
            link.delete()
        # A mention whose candidates are now one actor is no longer ambiguous.
        for mention in Mention.objects.filter(actor__isnull=True, candidates=target):
            if mention.candidates.count() == 1:
                mention.actor = target
                mention._change_reason = reason
                mention.save()
        source.roles.update(actor=target)
        source.role_holders.update(organisation=target)
        source._change_reason = reason
        source.delete()
        target.save()
        update_change_reason(target, reason)
    return target
