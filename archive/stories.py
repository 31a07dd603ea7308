"""Stories: grouping near copies of one report, and the editors' corrections.

On load, each new article's signature (``archive.signatures``) is looked up by
its LSH band keys in ``StoryBand`` (an index lookup: only articles sharing a
key are compared); when the best-agreeing candidate reaches ``THRESHOLD``,
the article joins that candidate's story, else it starts a story of its own
and stands for it. Editors split an article out of its story or merge
stories; a changed body gets a new signature but keeps its story (grouping
never undoes an editor's decision).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Min

from archive.models import Article, Story, StoryBand
from archive.signatures import NUM_PERM, SIGNATURE_BYTES, THRESHOLD, band_keys, signature

# Keys per query: SQLite allows 32,766 bound values, older builds 999.
_CHUNK = 900
# Copies of one story whose band keys are indexed; later copies are grouped
# (they agree with those) but not indexed, so a key never names more than this
# many articles of one story, and grouping stays a few comparisons per article.
INDEXED_COPIES = 16


def _matrix(signatures: list[bytes]) -> np.ndarray:
    """Signatures as the rows of one array (``NUM_PERM`` values each)."""
    return np.frombuffer(b"".join(signatures), "<u4").reshape(len(signatures), NUM_PERM)


def _candidates(keys: set[int]) -> dict[int, set[int]]:
    """Articles already in the archive sharing any of ``keys``: key -> ids."""
    found: dict[int, set[int]] = {}
    ordered = sorted(keys)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one query, the keys as one array
            cursor.execute(
                "SELECT key, article_id FROM archive_storyband WHERE key = ANY(%s::bigint[])",
                [ordered],
            )
            rows = cursor.fetchall()
        else:
            rows = []
            for start in range(0, len(ordered), _CHUNK):
                chunk = ordered[start : start + _CHUNK]
                cursor.execute(
                    "SELECT key, article_id FROM archive_storyband "
                    f"WHERE key IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                rows += cursor.fetchall()
    for key, article_id in rows:
        found.setdefault(key, set()).add(article_id)
    return found


@dataclass
class Grouping:
    """The stories of articles about to be written, in their order: the story
    each joins (``story_ids``), their band keys, and the stories they found
    (story id -> the position of the article that stands for it)."""

    story_ids: list[int]
    keys: list[list[int]]
    founded: dict[int, int] = field(default_factory=dict)
    indexed: list[bool] = field(default_factory=list)  # whether its keys go in the index


def group(signatures: Sequence[bytes], keys: Sequence[Sequence[int]] | None = None) -> Grouping:
    """Find the story of each of a batch of articles by its signature, before
    they are written (so each is inserted with its story): the best-agreeing
    article sharing a band key, if it reaches ``THRESHOLD``; copies within
    the batch find each other as they find the archive's. ``keys``: each
    signature's ``band_keys`` when already computed (the loader's parse
    workers do). Creates the new stories; ``record`` completes them once the
    articles have ids."""
    keys = [band_keys(sig) for sig in signatures] if keys is None else [list(k) for k in keys]
    known = _candidates({key for item in keys for key in item})
    ids = sorted({pk for members in known.values() for pk in members})
    stored_rows: dict[int, int] = {}  # article id -> its row in ``stored``
    stored_sigs: list[bytes] = []
    stored_story: list[int] = []
    for start in range(0, len(ids), _CHUNK):
        rows = (
            Article.objects.filter(id__in=ids[start : start + _CHUNK])
            .exclude(story=None)
            .values_list("id", "signature", "story_id")
        )
        for pk, sig, story_id in rows:
            if len(sig) == SIGNATURE_BYTES:  # one never signed agrees with nothing
                stored_rows[pk] = len(stored_sigs)
                stored_sigs.append(bytes(sig))
                stored_story.append(story_id)
    stored = _matrix(stored_sigs)
    valid = [len(sig) == SIGNATURE_BYTES for sig in signatures]
    batch_sigs = _matrix(
        [sig if ok else bytes(SIGNATURE_BYTES) for sig, ok in zip(signatures, valid, strict=True)]
    )
    own: dict[int, list[int]] = {}  # key -> positions in this batch
    joins: list[int | None] = []  # a story id, or None: founds its own (see ``founder``)
    founder: list[int] = []  # per position: the position whose new story it joins
    for position in range(len(signatures)):
        best_score, best_story, best_founder = THRESHOLD, None, position
        if valid[position]:
            row = batch_sigs[position]
            # Every candidate compared at once: the share of agreeing positions
            # (``similarity``); of equal scores, the last candidate wins, and
            # a copy in this batch wins over the archive's.
            archived = sorted(
                {
                    stored_rows[o]
                    for key in keys[position]
                    for o in known.get(key, ())
                    if o in stored_rows
                }
            )
            if archived:
                scores = np.count_nonzero(stored[archived] == row, axis=1) / NUM_PERM
                best = len(scores) - 1 - int(np.argmax(scores[::-1]))
                if scores[best] >= best_score:
                    best_score, best_story, best_founder = (
                        scores[best],
                        stored_story[archived[best]],
                        None,
                    )
            batch = sorted({o for key in keys[position] for o in own.get(key, ()) if valid[o]})
            if batch:
                scores = np.count_nonzero(batch_sigs[batch] == row, axis=1) / NUM_PERM
                best = len(scores) - 1 - int(np.argmax(scores[::-1]))
                if scores[best] >= best_score:
                    other = batch[best]
                    best_story, best_founder = joins[other], founder[other]
        joins.append(best_story)
        founder.append(best_founder if best_story is None else -1)
        for key in keys[position]:
            members = own.setdefault(key, [])
            if len(members) < INDEXED_COPIES:
                members.append(position)
    founding = sorted({f for story, f in zip(joins, founder, strict=True) if story is None})
    stories = Story.objects.bulk_create([Story() for _ in founding])
    new_id = {position: story.pk for position, story in zip(founding, stories, strict=True)}
    story_ids = [
        story if story is not None else new_id[f] for story, f in zip(joins, founder, strict=True)
    ]
    # A story's first INDEXED_COPIES copies are enough to find the next one:
    # the index stays small however often one report is run.
    sizes = dict(
        StoryBand.objects.filter(article__story__in={s for s in joins if s is not None})
        .values("article__story")
        .annotate(n=Count("article", distinct=True))
        .values_list("article__story", "n")
    )
    indexed = []
    for story_id in story_ids:
        indexed.append(sizes.get(story_id, 0) < INDEXED_COPIES)
        sizes[story_id] = sizes.get(story_id, 0) + 1
    return Grouping(story_ids, keys, {new_id[f]: f for f in founding}, indexed)


def record(grouping: Grouping, article_ids: Sequence[int]) -> None:
    """Once the articles of ``grouping`` are written: the new stories'
    representatives, and every article's band keys in the index."""
    founded = [(story_id, article_ids[position]) for story_id, position in grouping.founded.items()]
    if connection.vendor == "postgresql" and founded:  # one statement for the batch
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE archive_story AS s SET representative_id = v.article "
                "FROM unnest(%s::bigint[], %s::bigint[]) AS v(story, article) WHERE s.id = v.story",
                [[story for story, _ in founded], [article for _, article in founded]],
            )
    else:
        stories = [Story(pk=story, representative_id=article) for story, article in founded]
        Story.objects.bulk_update(stories, ["representative"], batch_size=500)
    _insert_bands(
        [
            (pk, key)
            for pk, keys, indexed in zip(article_ids, grouping.keys, grouping.indexed, strict=True)
            if indexed
            for key in keys
        ]
    )


def assign_stories(articles: Sequence[Article]) -> None:
    """Give each of ``articles`` (saved, without a story) its story and index
    it: ``group`` and ``record`` for articles already written."""
    if not articles:
        return
    for article in articles:
        if len(bytes(article.signature)) != SIGNATURE_BYTES:
            article.signature = signature(article.body)
            Article.objects.filter(pk=article.pk).update(signature=article.signature)
    grouping = group([bytes(article.signature) for article in articles])
    for article, story_id in zip(articles, grouping.story_ids, strict=True):
        article.story_id = story_id
    by_story: dict[int, list[int]] = {}
    for article in articles:
        by_story.setdefault(article.story_id, []).append(article.pk)
    for story_id, members in by_story.items():
        Article.objects.filter(pk__in=members).update(story_id=story_id)
    record(grouping, [article.pk for article in articles])


def _insert_bands(rows: list[tuple[int, int]]) -> None:
    """Insert ``(article id, key)`` rows into the band index."""
    if connection.vendor == "postgresql":
        # Two integers a row need no escaping: the rows go as one text block.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy("COPY archive_storyband (article_id, key) FROM STDIN") as copy,
        ):
            copy.write("".join(f"{article_id}\t{key}\n" for article_id, key in rows))
        return
    # One prepared statement for every row: the ORM's bulk_create builds an
    # object per row, which costs more than the insert.
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                "INSERT INTO archive_storyband (article_id, key) VALUES (%s, %s)",
                rows[start : start + 5000],
            )


def resign(article: Article) -> None:
    """A changed body: a new signature and band keys; the story stays."""
    article.signature = signature(article.body)
    Article.objects.filter(pk=article.pk).update(signature=article.signature)
    StoryBand.objects.filter(article=article).delete()
    if article.story_id is None:
        assign_stories([article])  # loaded before stories were kept
        return
    keys = band_keys(article.signature)
    _insert_bands([(article.pk, key) for key in keys])


def sign_and_group(articles: Iterable[Article]) -> int:
    """Sign and group articles that have no story yet (loaded before stories
    existed: ``manage.py group_stories``). Returns how many."""
    pending = list(articles)
    with transaction.atomic():
        for article in pending:
            article.signature = signature(article.body)
            Article.objects.filter(pk=article.pk).update(signature=article.signature)
        assign_stories(pending)
    return len(pending)


def _refresh_representative(story: Story) -> None:
    """The story's representative is one of its copies: the earliest published
    (then the first loaded) when the one it had left."""
    members = Article.objects.filter(story=story)
    if story.representative_id and members.filter(pk=story.representative_id).exists():
        return
    first = members.order_by("published_on", "id").values_list("pk", flat=True).first()
    if first is None:
        story.delete()
        return
    story.representative_id = first
    story.save(update_fields=["representative", "updated_at"])


def story_split(article: Article) -> Story:
    """Take ``article`` out of its story, into a story of its own."""
    with transaction.atomic():
        old = Story.objects.select_for_update().filter(pk=article.story_id).first()
        if old is not None and Article.objects.filter(story=old).count() == 1:
            return old  # already alone
        story = Story.objects.create(representative=article)
        Article.objects.filter(pk=article.pk).update(story=story)
        article.story = story
        if old is not None:
            _refresh_representative(old)
        return story


def story_merge(stories: Sequence[Story], into: Story | None = None) -> Story:
    """Merge ``stories`` into ``into`` (default: the one with the most copies,
    then the oldest); the others are deleted. Its representative stays."""
    stories = list(stories)
    if not stories:
        raise ValueError("no stories to merge")
    with transaction.atomic():
        if into is None:
            sizes = dict(
                Article.objects.filter(story__in=stories)
                .values("story")
                .annotate(n=Count("id"))
                .values_list("story", "n")
            )
            into = sorted(stories, key=lambda s: (-sizes.get(s.pk, 0), s.pk))[0]
        others = [s.pk for s in stories if s.pk != into.pk]
        Article.objects.filter(story__in=others).update(story=into)
        Story.objects.filter(pk__in=others).delete()
        _refresh_representative(into)
        return into


def first_copies(articles):
    """The ids of one article per story among ``articles`` (a queryset): the
    first loaded of the story's copies there."""
    return articles.exclude(story=None).values("story").annotate(first=Min("id")).values("first")
